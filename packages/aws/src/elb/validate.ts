import { InvalidArgumentError } from '@cloudmux/core/errors';

/** An integer port 1–65535, else `InvalidArgumentError` naming it. */
export function checkPort(provider: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535)
    throw new InvalidArgumentError(`Invalid ${name} ${JSON.stringify(v)}: expected an integer from 1 to 65535`, { provider });
  return v;
}

/** A balancer or target group name: 1–32 letters, digits and hyphens, not starting or ending with a hyphen. */
export function checkElbName(provider: string, what: string, v: unknown): string {
  if (typeof v !== 'string' || !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(v))
    throw new InvalidArgumentError(
      `Invalid ${what} ${JSON.stringify(v)}: expected 1-32 letters, digits and hyphens, not starting or ending with a hyphen`,
      { provider },
    );
  return v;
}

/** A list of non-empty strings (`undefined` stays `undefined`). */
export function checkStrings(provider: string, name: string, v: unknown): readonly string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === ''))
    throw new InvalidArgumentError(`Invalid ${name}: expected an array of non-empty strings`, { provider });
  return v as string[];
}

/** One of `valid` (compared lower-case), else `InvalidArgumentError` listing them. */
export function checkOneOf<T extends string>(provider: string, name: string, v: unknown, valid: readonly T[]): T {
  const lower = typeof v === 'string' ? v.toLowerCase() : undefined;
  const hit = valid.find((x) => x === lower);
  if (hit === undefined)
    throw new InvalidArgumentError(`Invalid ${name} ${JSON.stringify(v)}. Valid values: ${valid.join(', ')}`, { provider });
  return hit;
}

/** The id of a balancer reference (a string, or a result object's `id`). */
export function refId(provider: string, what: string, ref: unknown): string {
  const id = typeof ref === 'string' ? ref : typeof ref === 'object' && ref !== null ? (ref as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id === '')
    throw new InvalidArgumentError(`Invalid ${what}: expected an id or an object with one`, { provider });
  return id;
}
