import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { InvalidArgumentError } from '../errors/cloud-error.js';
import {
  MAX_TEMP_URL_EXPIRY_MS,
  TEMP_URL_METHODS,
  type GetObjectTempUrlOptions,
  type TempUrlMethod,
  type UploadObjectOptions,
} from './options.js';

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

/**
 * Checks user metadata: keys of 1-128 letters, digits, `-` and `_` (what every provider's header
 * form accepts); string values of at most 2048 characters without control characters.
 */
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

function checkOffset(what: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidArgumentError(`Invalid ${what} ${JSON.stringify(value)}: expected an integer >= 0`);
  return value;
}

/**
 * Checks an inclusive byte range (`start`, `end`, both optional); `undefined` when neither is given
 * (the whole object).
 */
export function checkRange(options: { start?: unknown; end?: unknown }): { start: number; end: number | undefined } | undefined {
  const start = checkOffset('range start', options.start);
  const end = checkOffset('range end', options.end);
  if (start === undefined && end === undefined) return undefined;
  if (end !== undefined && end < (start ?? 0)) throw new InvalidArgumentError(`Invalid range ${start ?? 0}-${end}: end is before start`);
  return { start: start ?? 0, end };
}

/** Checks a listing `prefix` (default ''). */
export function checkPrefix(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new InvalidArgumentError(`Invalid prefix ${JSON.stringify(value)}: expected a string`);
  return value;
}

/** Checks a listing `delimiter`: a non-empty string of at most 16 characters, or `undefined`. */
export function checkDelimiter(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 16)
    throw new InvalidArgumentError(`Invalid delimiter ${JSON.stringify(value)}: expected a non-empty string such as "/"`);
  return value;
}

/** Checks the options of `getObjectTempUrl`, applying the default method (`GET`). */
export function checkTempUrlOptions(options: GetObjectTempUrlOptions): { name: string; method: TempUrlMethod; expiresInMs: number } {
  const method = options?.method ?? 'GET';
  if (!(TEMP_URL_METHODS as readonly string[]).includes(method))
    throw new InvalidArgumentError(`Invalid temp URL method ${JSON.stringify(method)}. Valid values: ${TEMP_URL_METHODS.join(', ')}`);
  const ms = options?.expiresInMs;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 1000 || ms > MAX_TEMP_URL_EXPIRY_MS)
    throw new InvalidArgumentError(
      `Invalid expiresInMs ${JSON.stringify(ms)}: expected an integer number of milliseconds from 1000 to ${MAX_TEMP_URL_EXPIRY_MS} (7 days)`,
    );
  const name = options.name;
  if (typeof name !== 'string' || name.length === 0)
    throw new InvalidArgumentError(`Invalid object name ${JSON.stringify(name)}: expected a non-empty string`);
  return { name, method, expiresInMs: ms };
}

/**
 * The bytes of an `uploadObject` call as a stream: exactly one of `filePath` and `data` must be
 * given. The file is opened lazily (a missing file fails the upload with the stream's `ENOENT`).
 */
export function uploadSource(options: UploadObjectOptions, highWaterMark?: number): Readable {
  const { filePath, data } = options ?? {};
  if ((filePath === undefined) === (data === undefined))
    throw new InvalidArgumentError('uploadObject: give exactly one of filePath (a local file) and data (a Uint8Array or string)');
  if (filePath !== undefined) {
    if (typeof filePath !== 'string' || filePath.length === 0)
      throw new InvalidArgumentError(`uploadObject: invalid filePath ${JSON.stringify(filePath)}: expected a non-empty path`);
    return createReadStream(filePath, highWaterMark === undefined ? {} : { highWaterMark });
  }
  if (typeof data === 'string') return Readable.from([Buffer.from(data, 'utf8')]);
  if (data instanceof Uint8Array) return Readable.from(data.length === 0 ? [] : [data]);
  throw new InvalidArgumentError('uploadObject: invalid data: expected a Uint8Array (Buffer) or a string');
}
