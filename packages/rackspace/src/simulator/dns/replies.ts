/**
 * Cloud DNS replies of the simulator: faults, paging (`limit`/`offset`, `links`, `totalEntries`), times.
 * @module
 */
import { jsonReply, SimulatorHttpError, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';

/** Headers every Cloud DNS reply carries. */
export const DNS_HEADERS = Object.freeze({ 'x-api-version': '1.0.34' });

/** A Cloud DNS fault reply: `{ code, message, details }`. */
export function faultReply(code: number, message: string, details?: string): SimulatorReply {
  return jsonReply(code, { code, message, ...(details !== undefined ? { details } : {}) }, { ...DNS_HEADERS });
}

/** Throws a fault reply. */
export function fault(code: number, message: string, details?: string): never {
  throw new SimulatorHttpError(faultReply(code, message, details));
}

/** Throws Rackspace's 404 `Object not Found.`. */
export function notFound(details: string): never {
  fault(404, 'Object not Found.', details);
}

/** Throws a `badRequest` with validation messages. */
export function validationError(messages: readonly string[]): never {
  throw new SimulatorHttpError(
    jsonReply(400, { validationErrors: { messages: [...messages] }, code: 400, message: 'Validation error' }, { ...DNS_HEADERS }),
  );
}

/** A JSON reply with the Cloud DNS headers. */
export function dnsReply(status: number, body: unknown): SimulatorReply {
  return jsonReply(status, body, { ...DNS_HEADERS });
}

/** Rackspace's time format (`2011-08-23T19:02:54.000+0000`). */
export function raxTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Largest (and default) page. */
export const MAX_PAGE = 100;

/** A page of `items` per `limit`/`offset` with `totalEntries` and `previous`/`next` links. */
export function page<T>(
  req: SimulatorRequest,
  baseUrl: string,
  items: readonly T[],
): { items: T[]; totalEntries: number; links: { href: string; rel: string }[] } {
  const q = req.url.searchParams;
  const rawLimit = q.get('limit');
  const rawOffset = q.get('offset');
  let limit = MAX_PAGE;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) fault(400, 'Bad Request', `limit must be a positive integer, got ${rawLimit}`);
    limit = Math.min(Number(rawLimit), MAX_PAGE);
  }
  let offset = 0;
  if (rawOffset !== null) {
    if (!/^\d+$/.test(rawOffset)) fault(400, 'Bad Request', `offset must be a non-negative integer, got ${rawOffset}`);
    offset = Number(rawOffset);
    if (offset % limit !== 0) fault(400, 'Bad Request', 'Offset must be a multiple of the limit or 0.');
  }
  const link = (o: number, rel: string): { href: string; rel: string } => {
    const params = new URLSearchParams(q);
    params.set('limit', String(limit));
    params.set('offset', String(o));
    return { href: `${baseUrl}${req.path}?${params.toString()}`, rel };
  };
  const links: { href: string; rel: string }[] = [];
  if (offset > 0) links.push(link(Math.max(0, offset - limit), 'previous'));
  if (offset + limit < items.length) links.push(link(offset + limit, 'next'));
  return { items: items.slice(offset, offset + limit), totalEntries: items.length, links };
}

/** A boolean query parameter (`true`/`false`), `fallback` when absent. */
export function flag(req: SimulatorRequest, name: string, fallback: boolean): boolean {
  const v = req.url.searchParams.get(name);
  if (v === null) return fallback;
  if (v !== 'true' && v !== 'false') fault(400, 'Bad Request', `${name} must be true or false, got ${v}`);
  return v === 'true';
}
