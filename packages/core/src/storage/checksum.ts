import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { InvalidArgumentError } from '../errors/cloud-error.js';
import { ChecksumMismatchError } from '../errors/checksum-mismatch-error.js';

/** Hash algorithms storage checksums use. */
export type ChecksumAlgorithm = 'md5' | 'sha256';

/** What a stream can be verified with: a hash algorithm, or CRC-32 (S3's additional checksum, several times cheaper than MD5). */
export type VerifyAlgorithm = ChecksumAlgorithm | 'crc32';

/** A running digest: bytes in order, then the hex digest once. */
export interface RunningDigest {
  /** Adds bytes. */
  update(data: Uint8Array): void;
  /** Hex digest of everything added (CRC-32: 8 digits, big-endian). */
  digest(): string;
}

/** CRC-32 (IEEE, zlib's) as a {@link RunningDigest}. */
class Crc32Digest implements RunningDigest {
  #value = 0;
  update(data: Uint8Array): void {
    this.#value = crc32(data, this.#value);
  }
  digest(): string {
    return this.#value.toString(16).padStart(8, '0');
  }
}

/** A running digest of `algorithm`. */
export function createDigest(algorithm: VerifyAlgorithm): RunningDigest {
  if (algorithm === 'crc32') return new Crc32Digest();
  const hash = createHash(algorithm);
  return {
    update: (data) => void hash.update(data),
    digest: () => hash.digest('hex'),
  };
}

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
  readonly #hash: RunningDigest;
  readonly #md5: Hash | undefined;
  #digest: string | undefined;
  #md5Digest: string | undefined;

  /**
   * @param algorithm - main digest.
   * @param options - `alsoMd5` computes an MD5 too; `highWaterMark` as for any stream.
   */
  constructor(
    readonly algorithm: VerifyAlgorithm = 'md5',
    options: { alsoMd5?: boolean; highWaterMark?: number } = {},
  ) {
    super(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark });
    this.#hash = createDigest(algorithm);
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
    this.#digest ??= this.#hash.digest();
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
  algorithm: VerifyAlgorithm;
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
  // The digest is fed straight from the one pass-through: no second stream to hop through.
  const digest = createDigest(options.algorithm);
  const check = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      digest.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      cb(downloadMismatch(options, digest.digest()) ?? null);
    },
  });
  return pipeChecked(source, check);
}

/** The `ChecksumMismatchError` of a download whose digest is `actual`, or `undefined` when it is the one expected (case ignored). */
export function downloadMismatch(options: VerifyStreamOptions, actual: string): ChecksumMismatchError | undefined {
  const { algorithm, expected, provider, what } = options;
  if (actual === expected.toLowerCase()) return undefined;
  return new ChecksumMismatchError(
    `Downloaded bytes of ${what} do not match its ${algorithm} checksum (expected ${expected}, got ${actual})`,
    { algorithm, expected, actual, provider },
  );
}

/** Pipes `source` into the pass-through `check`: a source error destroys `check`, and closing `check` early destroys `source`. */
export function pipeChecked(source: Readable, check: Transform): Readable {
  source.on('error', (e) => check.destroy(e));
  check.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(check);
}

/** The `ChecksumMismatchError` of an upload whose bytes differ from what was expected. */
export function uploadMismatch(
  what: string,
  algorithm: VerifyAlgorithm,
  expected: string,
  actual: string | undefined,
  provider?: string,
): ChecksumMismatchError {
  return new ChecksumMismatchError(
    `Uploaded bytes of ${what} do not match the expected ${algorithm} checksum (expected ${expected}${actual ? `, got ${actual}` : ''}); nothing was stored`,
    { algorithm, expected, actual, provider },
  );
}
