import type { HttpHeaders } from './types.js';

/** A response's `Content-Length` as a byte count; `undefined` when absent or not a non-negative integer. */
export function contentLength(headers: HttpHeaders): number | undefined {
  const v = headers['content-length'];
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
