import { NotSupportedError } from '../errors/cloud-error.js';

/** The set of portable methods a driver class supports: data, used by docs and the test kit. */
export type Capabilities<M extends string> = readonly M[];

/** Throws the standard {@link NotSupportedError} for `method` on `provider`. */
export function notSupported(provider: string, method: string, detail?: string): never {
  throw new NotSupportedError(provider, method, detail);
}
