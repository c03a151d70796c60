import { InvalidArgumentError } from '@cloudmux/core/errors';
import { uriEncodeV4 } from '../signing/sigv4.js';

/** Checks a bucket name (3-63 characters of lower-case letters, digits, `.`, `-`; s3rver and older endpoints also allow `_`). */
export function checkBucketName(name: unknown): string {
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(name) || name.includes('..'))
    throw new InvalidArgumentError(
      `Invalid S3 bucket name ${JSON.stringify(name)}: expected 3-63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit`,
    );
  return name;
}

/** Checks an object key: 1-1024 bytes of UTF-8. */
export function checkKey(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name) > 1024)
    throw new InvalidArgumentError(`Invalid S3 object key ${JSON.stringify(name)}: expected 1-1024 bytes of UTF-8`);
  return name;
}

/** A key for a URL path: each `/`-separated segment percent-encoded as SigV4 wants (`/` kept). */
export function encodeKey(key: string): string {
  return key.split('/').map(uriEncodeV4).join('/');
}

/** Whether a bucket name can be a host label (virtual-hosted addressing over TLS: no dots). */
export function dnsCompatible(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket);
}

/** A content type guessed from a key's extension (`application/octet-stream` when unknown). */
export function guessContentType(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const types: Record<string, string> = {
    txt: 'text/plain',
    json: 'application/json',
    html: 'text/html',
    css: 'text/css',
    js: 'text/javascript',
    csv: 'text/csv',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    svg: 'image/svg+xml',
    pdf: 'application/pdf',
    xml: 'application/xml',
    zip: 'application/zip',
  };
  return (ext && types[ext]) || 'application/octet-stream';
}
