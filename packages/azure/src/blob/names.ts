import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Checks an Azure container name: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
export function checkContainerName(name: unknown): string {
  if (typeof name !== 'string' || !/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(name))
    throw new InvalidArgumentError(
      `Invalid container name ${JSON.stringify(name)}: Azure container names are 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  return name;
}

/** Checks a blob name: 1-1024 characters, no control characters, not ending with `.` or `/`. */
export function checkBlobName(name: unknown): string {
  // eslint-disable-next-line no-control-regex
  if (typeof name !== 'string' || name.length === 0 || name.length > 1024 || /[\u0000-\u001f\u007f]/.test(name) || /[./]$/.test(name))
    throw new InvalidArgumentError(
      `Invalid object name ${JSON.stringify(name)}: expected 1-1024 characters without control characters, not ending with "." or "/"`,
    );
  return name;
}

const TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

/** Guesses a content type from a blob name's extension (default `application/octet-stream`). */
export function guessContentType(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return (dot > 0 && TYPES[base.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}
