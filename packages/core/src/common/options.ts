import { InvalidArgumentError } from '../errors/cloud-error.js';

/** Options every async method accepts. */
export interface CallOptions {
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
}

/**
 * Throws {@link InvalidArgumentError} if `options` has keys outside `allowed`, naming the bad
 * key and listing the valid ones.
 */
export function assertKnownOptions(where: string, options: object | undefined, allowed: readonly string[]): void {
  if (!options) return;
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidArgumentError(`${where}: unknown option "${key}". Valid options: ${[...allowed].sort().join(', ')}`);
    }
  }
}

/** Throws {@link InvalidArgumentError} unless `value` is one of `valid`, listing them. */
export function assertOneOf<T extends string>(what: string, value: string, valid: readonly T[]): asserts value is T {
  if (!(valid as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`Invalid ${what} "${value}". Valid values: ${valid.join(', ')}`);
  }
}
