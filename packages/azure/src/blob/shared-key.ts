import { createHmac } from 'node:crypto';

/** The Blob service REST version this package speaks (`x-ms-version`). */
export const AZURE_BLOB_VERSION = '2021-08-06';

/** Headers in the SharedKey string-to-sign, in order, after the verb. */
const STANDARD_HEADERS = [
  'content-encoding',
  'content-language',
  'content-length',
  'content-md5',
  'content-type',
  'date',
  'if-modified-since',
  'if-match',
  'if-none-match',
  'if-unmodified-since',
  'range',
] as const;

/** What the SharedKey string-to-sign is computed from. */
export interface SharedKeyInput {
  /** Upper-case method. */
  method: string;
  /** The request URL (path as sent, percent-encoded; query). */
  url: URL;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Storage account name. */
  account: string;
}

/**
 * The SharedKey string-to-sign of a Blob service request (version 2015-02-21 and later): the verb,
 * the standard headers (a `Content-Length` of 0 as empty, `Date` empty when `x-ms-date` is sent),
 * the canonicalized `x-ms-*` headers (lower-case names, sorted, values trimmed) and the canonicalized
 * resource (`/<account><path>` then each query parameter, lower-case name, sorted, `\nname:value`
 * with decoded values, repeated values sorted and joined with commas).
 */
export function sharedKeyStringToSign(input: SharedKeyInput): string {
  const h = input.headers;
  const lines: string[] = [input.method.toUpperCase()];
  for (const name of STANDARD_HEADERS) {
    let v = h[name] ?? '';
    if (name === 'content-length' && v === '0') v = '';
    if (name === 'date' && h['x-ms-date'] !== undefined) v = '';
    lines.push(v);
  }
  const msHeaders = Object.keys(h)
    .filter((k) => k.startsWith('x-ms-') && h[k] !== undefined)
    .sort();
  const canonHeaders = msHeaders.map((k) => `${k}:${String(h[k]).replace(/\s+/g, ' ').trim()}\n`).join('');
  let resource = `/${input.account}${input.url.pathname || '/'}`;
  const params = new Map<string, string[]>();
  for (const [k, v] of input.url.searchParams) {
    const key = k.toLowerCase();
    const list = params.get(key) ?? [];
    list.push(v);
    params.set(key, list);
  }
  for (const key of [...params.keys()].sort()) resource += `\n${key}:${params.get(key)!.sort().join(',')}`;
  return `${lines.join('\n')}\n${canonHeaders}${resource}`;
}

/** Base64 HMAC-SHA256 of `text` with the base64 account key. */
export function hmacBase64(keyBase64: string, text: string): string {
  return createHmac('sha256', Buffer.from(keyBase64, 'base64')).update(text, 'utf8').digest('base64');
}

/** The `Authorization` header value of a SharedKey-signed request. */
export function sharedKeyAuthorization(input: SharedKeyInput, keyBase64: string): string {
  return `SharedKey ${input.account}:${hmacBase64(keyBase64, sharedKeyStringToSign(input))}`;
}
