import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Percent-encodes one path segment the way Swift clients do (RFC 3986 unreserved kept). */
export function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-encodes an object name for a URL path, keeping its `/`. */
export function encodeObjectPath(name: string): string {
  return name.split('/').map(encodeSegment).join('/');
}

/**
 * Checks a container name: 1-256 bytes, no `/` (Swift's limits). `where` (e.g. the calling method) prefixes the
 * message and `provider` goes on the error, when given.
 */
export function checkContainerName(name: unknown, where?: string, provider?: string): string {
  if (typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name) > 256 || name.includes('/'))
    throw new InvalidArgumentError(
      `${where !== undefined ? `${where}: invalid` : 'Invalid'} container name ${JSON.stringify(name)}: expected 1-256 bytes without "/"`,
      provider !== undefined ? { provider } : undefined,
    );
  return name;
}

/** Checks an object name: 1-1024 bytes (Swift's default `max_object_name_length`); `where` and `provider` as above. */
export function checkObjectName(name: unknown, where?: string, provider?: string): string {
  if (typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name) > 1024)
    throw new InvalidArgumentError(
      `${where !== undefined ? `${where}: invalid` : 'Invalid'} object name ${JSON.stringify(name)}: expected a string of 1-1024 bytes`,
      provider !== undefined ? { provider } : undefined,
    );
  return name;
}

const TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  csv: 'text/csv',
  js: 'text/javascript',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  mp4: 'video/mp4',
  bin: 'application/octet-stream',
};

/** A content type guessed from the name's extension (`application/octet-stream` when unknown). */
export function guessContentType(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}
