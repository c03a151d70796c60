import { randomBytes } from 'node:crypto';
import { SimulatorHttpError, type SimulatorReply } from '@cloudmux/core/testing';

const TITLES: Readonly<Record<number, [string, string]>> = {
  400: ['Bad Request', 'The server could not comply with the request since it is either malformed or otherwise incorrect.'],
  401: ['Unauthorized', 'This server could not verify that you are authorized to access the document you requested.'],
  403: ['Forbidden', 'Access was denied to this resource.'],
  404: ['Not Found', 'The resource could not be found.'],
  405: ['Method Not Allowed', 'The method is not allowed for this resource.'],
  409: ['Conflict', 'There was a conflict when trying to complete your request.'],
  411: ['Length Required', 'Length Required'],
  412: ['Precondition Failed', 'A precondition for this request was not met.'],
  413: ['Request Entity Too Large', 'The body of your request was too large for this server.'],
  416: ['Requested Range Not Satisfiable', 'The Range requested is not available.'],
  422: ['Unprocessable Entity', 'Unable to process the contained instructions'],
};

/** A Swift transaction id (`tx<21 hex>-<10 hex>`). */
export function transId(): string {
  return `tx${randomBytes(11).toString('hex').slice(0, 21)}-${Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(10, '0')}`;
}

/** Swift's small HTML error page. */
export function swiftError(status: number, detail?: string): SimulatorReply {
  const [title, text] = TITLES[status] ?? ['Error', 'Error'];
  return {
    status,
    headers: { 'content-type': 'text/html; charset=UTF-8' },
    body: `<html><h1>${title}</h1><p>${detail ?? text}</p></html>`,
  };
}

/** Throws {@link swiftError}. */
export function fail(status: number, detail?: string): never {
  throw new SimulatorHttpError(swiftError(status, detail));
}

/** An empty reply. */
export function empty(status: number, headers: Record<string, string> = {}): SimulatorReply {
  return { status, headers: { 'content-type': 'text/html; charset=UTF-8', 'content-length': '0', ...headers }, body: '' };
}

/** One header value. */
export function hdr(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `x-<kind>-meta-*` headers of a request, as a key → value map (empty values mean "remove"). */
export function metaOf(
  headers: Record<string, string | string[] | undefined>,
  kind: 'object' | 'container' | 'account',
): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = `x-${kind}-meta-`;
  for (const [k, v] of Object.entries(headers))
    if (k.startsWith(prefix) && v !== undefined) out[k.slice(prefix.length)] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

/** Metadata as `x-<kind>-meta-*` reply headers. */
export function metaHeadersOf(meta: Record<string, string>, kind: 'object' | 'container' | 'account'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) out[`x-${kind}-meta-${k}`] = v;
  return out;
}

/** HTTP date of a Swift timestamp (seconds). */
export function httpDate(ts: number): string {
  return new Date(Math.floor(ts) * 1000).toUTCString();
}

/** Listing time of a Swift timestamp (`2024-01-02T03:04:05.123456`). */
export function listingTime(ts: number): string {
  return `${new Date(Math.floor(ts * 1000)).toISOString().slice(0, 19)}.${String(Math.round((ts % 1) * 1e6)).padStart(6, '0')}`;
}
