import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { InvalidArgumentError } from '../errors/cloud-error.js';
import { ChecksumMismatchError } from '../errors/checksum-mismatch-error.js';

/** Hash algorithms storage checksums use. */
export type ChecksumAlgorithm = 'md5' | 'sha256';

/** MD5 of some bytes, as hex. */
export function md5Hex(data: Uint8Array | string): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * The content hash a provider's `hash`/ETag stands for, when it is a plain digest: 32 hex digits
 * are MD5, 64 are SHA-256 (quotes stripped, case ignored). Multipart ETags (`<hex>-<parts>`) and
 * other opaque values give `undefined`: they cannot be checked against the bytes.
 */
export function plainChecksum(hash: string | undefined): { algorithm: ChecksumAlgorithm; hex: string } | undefined {
  if (!hash) return undefined;
  const hex = hash.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  if (/^[0-9a-f]{32}$/.test(hex)) return { algorithm: 'md5', hex };
  if (/^[0-9a-f]{64}$/.test(hex)) return { algorithm: 'sha256', hex };
  return undefined;
}

/** Checks an `md5` upload option: 32 hex digits (returned lower-case). */
export function checkMd5Option(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{32}$/.test(value))
    throw new InvalidArgumentError(`Invalid md5 ${JSON.stringify(value)}: expected 32 hexadecimal digits`);
  return value.toLowerCase();
}

/** Converts an MD5 between hex and the base64 `Content-MD5` form. */
export function md5HexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/** Hex of a base64 `Content-MD5` value (undefined when it is not 16 bytes). */
export function md5Base64ToHex(b64: string | undefined): string | undefined {
  if (!b64) return undefined;
  const buf = Buffer.from(b64, 'base64');
  return buf.length === 16 ? buf.toString('hex') : undefined;
}

/**
 * Passes chunks through unchanged while hashing and counting them. `digest()` (once the stream has
 * ended) returns the hex digest of `algorithm`; `md5()` the MD5 when `alsoMd5` was set.
 */
export class HashingStream extends Transform {
  /** Bytes seen. */
  size = 0;
  readonly #hash: Hash;
  readonly #md5: Hash | undefined;
  #digest: string | undefined;
  #md5Digest: string | undefined;

  /**
   * @param algorithm - main digest.
   * @param options - `alsoMd5` computes an MD5 too; `highWaterMark` as for any stream.
   */
  constructor(
    readonly algorithm: ChecksumAlgorithm = 'md5',
    options: { alsoMd5?: boolean; highWaterMark?: number } = {},
  ) {
    super(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark });
    this.#hash = createHash(algorithm);
    this.#md5 = options.alsoMd5 && algorithm !== 'md5' ? createHash('md5') : undefined;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.#hash.update(chunk);
    this.#md5?.update(chunk);
    this.size += chunk.length;
    cb(null, chunk);
  }

  /** Hex digest of everything that passed (call after the end). */
  digest(): string {
    this.#digest ??= this.#hash.digest('hex');
    return this.#digest;
  }

  /** Hex MD5 of everything that passed (the main digest when it is MD5). */
  md5(): string | undefined {
    if (this.algorithm === 'md5') return this.digest();
    this.#md5Digest ??= this.#md5?.digest('hex');
    return this.#md5Digest;
  }
}

/** Where a verified stream came from, for error messages. */
export interface VerifyStreamOptions {
  /** Digest the bytes must have. */
  algorithm: ChecksumAlgorithm;
  /** Expected hex digest. */
  expected: string;
  /** Provider id. */
  provider?: string | undefined;
  /** What is read (`container/name`). */
  what: string;
}

/**
 * Wraps a download stream so that it errors with `ChecksumMismatchError` instead of ending when the
 * bytes' digest differs from `expected`. The bytes flow through unchanged as they arrive.
 */
export function verifyStream(source: Readable, options: VerifyStreamOptions): Readable {
  const hasher = new HashingStream(options.algorithm);
  const check = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hasher.write(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      hasher.end();
      const actual = hasher.digest();
      if (actual === options.expected.toLowerCase()) return cb();
      cb(
        new ChecksumMismatchError(
          `Downloaded bytes of ${options.what} do not match its ${options.algorithm} checksum (expected ${options.expected}, got ${actual})`,
          { algorithm: options.algorithm, expected: options.expected, actual, provider: options.provider },
        ),
      );
    },
  });
  hasher.resume();
  source.on('error', (e) => check.destroy(e));
  check.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(check);
}

/** The `ChecksumMismatchError` of an upload whose bytes differ from what was expected. */
export function uploadMismatch(
  what: string,
  algorithm: ChecksumAlgorithm,
  expected: string,
  actual: string | undefined,
  provider?: string,
): ChecksumMismatchError {
  return new ChecksumMismatchError(
    `Uploaded bytes of ${what} do not match the expected ${algorithm} checksum (expected ${expected}${actual ? `, got ${actual}` : ''}); nothing was stored`,
    { algorithm, expected, actual, provider },
  );
}
