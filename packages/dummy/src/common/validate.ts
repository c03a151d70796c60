import { isIP } from 'node:net';
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Throws unless `value` is an integer in `[min, max]`; returns it. */
export function checkInteger(what: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`Invalid ${what} ${JSON.stringify(value)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

/** Throws unless `value` is a non-empty string without control characters, at most `max` characters long. */
export function checkLabel(what: string, value: unknown, max = 255): string {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.length === 0 || value.length > max || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidArgumentError(
      `Invalid ${what} ${JSON.stringify(value)}: expected a non-empty string of at most ${max} characters without control characters`,
    );
  }
  return value;
}

/** Throws unless `value` is an IPv4 or IPv6 address. */
export function checkIp(what: string, value: unknown): string {
  if (typeof value !== 'string' || isIP(value) === 0) {
    throw new InvalidArgumentError(`Invalid ${what} ${JSON.stringify(value)}: expected an IPv4 or IPv6 address`);
  }
  return value;
}

/** Throws unless `value` is a plain object (or undefined); returns it as a record. */
export function checkObject(what: string, value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(`Invalid ${what}: expected an object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Parses an environment variable holding a non-negative integer; undefined when unset or empty. */
export function envInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new InvalidArgumentError(`Invalid ${name}=${JSON.stringify(raw)}: expected a non-negative integer`);
  return Number(raw.trim());
}

/** Splits a comma-separated environment variable; undefined when unset. */
export function envList(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
