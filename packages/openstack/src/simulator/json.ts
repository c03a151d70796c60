/**
 * Small readers for request bodies in simulator routes.
 * @module
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** `v` as a plain object, else `undefined`. */
export function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

/** `v` as a non-empty string, else `undefined`. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** ISO 8601 time with microseconds and `Z`, as Keystone v3 writes it (`2026-01-01T00:00:00.000000Z`). */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Time without fraction, with `Z` (`2026-01-01T00:00:00Z`), as Keystone v2.0 writes `expires`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
