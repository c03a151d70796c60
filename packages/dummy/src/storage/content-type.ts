import { InvalidArgumentError } from '@cloudmux/core/errors';

const TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  tar: 'application/x-tar',
  wasm: 'application/wasm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  ico: 'image/vnd.microsoft.icon',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
};

/** Default when nothing better is known. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Guesses a content type from the extension of the last segment of `name`. */
export function guessContentType(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return DEFAULT_CONTENT_TYPE;
  return TYPES[base.slice(dot + 1).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

/** Checks a caller-given content type (`type/subtype[; param=value]`). */
export function checkContentType(value: unknown): string {
  if (typeof value !== 'string' || value.length > 255 || !MEDIA_TYPE.test(value)) {
    throw new InvalidArgumentError(
      `Invalid contentType ${JSON.stringify(value)}: expected a media type such as text/plain or application/json`,
    );
  }
  return value;
}

/** Checks user metadata: keys of letters, digits, `-` and `_`; string values without control characters. */
export function checkMeta(meta: unknown): Record<string, string> {
  if (meta === undefined) return {};
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw new InvalidArgumentError('Invalid meta: expected an object of string values');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(k))
      throw new InvalidArgumentError(`Invalid meta key ${JSON.stringify(k)}: use 1-128 letters, digits, "-" or "_"`);
    // eslint-disable-next-line no-control-regex
    if (typeof v !== 'string' || /[\u0000-\u001f\u007f]/.test(v) || v.length > 2048) {
      throw new InvalidArgumentError(
        `Invalid meta value for ${JSON.stringify(k)}: expected a string of at most 2048 characters without control characters`,
      );
    }
    out[k] = v;
  }
  return out;
}
