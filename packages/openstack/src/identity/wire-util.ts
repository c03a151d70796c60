/**
 * Small readers for Keystone's JSON: strings and token expiry times.
 * @module
 */

/** A non-empty string value, else `undefined` (numbers are stringified: some clouds send numeric ids). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Parses a Keystone timestamp; ones without a zone (`2026-01-01T00:00:00.000000`) are UTC. */
export function parseKeystoneTime(value: string): number | undefined {
  const withZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Local expiry time of a token: `receivedAt + (expires - issued)` when Keystone sends both (immune to clock
 * skew between here and Keystone), else the server's expiry as is.
 */
export function parseExpiry(expires: string, issued: string | undefined, receivedAt: number): number | undefined {
  const e = parseKeystoneTime(expires);
  if (e === undefined) return undefined;
  const i = issued === undefined ? undefined : parseKeystoneTime(issued);
  if (i === undefined || i > e) return e;
  return receivedAt + (e - i);
}
