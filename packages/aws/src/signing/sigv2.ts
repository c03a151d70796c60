import { createHmac } from 'node:crypto';
import type { SignableRequest } from '@cloudmux/core/http';
import type { AwsCredentials } from './sigv4.js';
import { uriEncodeV4 } from './sigv4.js';

/** Query parameters as ordered pairs. */
export type QueryPairs = readonly (readonly [string, string])[];

/** `YYYY-MM-DDTHH:MM:SSZ` (the `Timestamp` parameter). */
export function formatTimestampV2(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The Signature Version 2 string to sign: method, lower-case host (with a non-default port), path,
 * and the parameters sorted by name (byte order), RFC 3986-encoded, joined with `&`. `Signature` itself is excluded.
 */
export function stringToSignV2(method: string, host: string, path: string, params: QueryPairs): string {
  const sorted = params
    .filter(([name]) => name !== 'Signature')
    .map(([n, v]) => [uriEncodeV4(n), uriEncodeV4(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${method.toUpperCase()}\n${host.toLowerCase()}\n${path === '' ? '/' : path}\n${sorted.map(([n, v]) => `${n}=${v}`).join('&')}`;
}

/** Base64 HMAC-SHA256 signature (Signature Version 2) of a string to sign. */
export function computeSignatureV2(stringToSign: string, secretAccessKey: string): string {
  return createHmac('sha256', secretAccessKey).update(stringToSign, 'utf8').digest('base64');
}

/**
 * Signs a request with AWS Signature Version 2 (legacy Query APIs: older Eucalyptus, Nimbus). The
 * parameters must be in the URL query (the body is not signed); this adds `AWSAccessKeyId`,
 * `SignatureMethod`, `SignatureVersion`, `Timestamp`, `SecurityToken` (session credentials) and `Signature`.
 */
export function signRequestV2(req: SignableRequest, creds: AwsCredentials, now: Date = new Date()): void {
  const q = req.url.searchParams;
  for (const name of ['Signature', 'AWSAccessKeyId', 'SignatureMethod', 'SignatureVersion', 'Timestamp', 'SecurityToken', 'Expires'])
    q.delete(name);
  q.set('AWSAccessKeyId', creds.accessKeyId);
  q.set('SignatureMethod', 'HmacSHA256');
  q.set('SignatureVersion', '2');
  q.set('Timestamp', formatTimestampV2(now));
  if (creds.sessionToken) q.set('SecurityToken', creds.sessionToken);
  const params: [string, string][] = [...q.entries()];
  const signature = computeSignatureV2(stringToSignV2(req.method, req.url.host, req.url.pathname, params), creds.secretAccessKey);
  // Rebuild the query with strict encoding, so what is sent matches what was signed byte for byte.
  params.push(['Signature', signature]);
  req.url.search = params.map(([n, v]) => `${uriEncodeV4(n)}=${uriEncodeV4(v)}`).join('&');
}
