import { assertKnownOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { checkInteger, checkObject } from '../common/validate.js';
import { HASH_ALGORITHMS, type HashAlgorithm } from './hash.js';

/** Options of `LocalStorageDriver`. */
export interface LocalStorageDriverOptions {
  /** fsync every object before it is renamed into place, for crash durability (default false: renames alone already keep readers from seeing partial objects). */
  fsync?: boolean | undefined;
  /**
   * Read/write buffer size in bytes (default: 256 KiB for uploads, where each chunk is also hashed
   * and a chunk that stays in the CPU cache is hashed faster; 1 MiB for downloads).
   */
  bufferSize?: number | undefined;
  /**
   * Content hash reported as `hash` (default `sha256`, hardware-accelerated on current CPUs;
   * `md5` gives S3-style ETags of single-part uploads but is about half as fast).
   */
  hashAlgorithm?: HashAlgorithm | undefined;
}

/** Local driver options after validation and defaults. */
export interface ResolvedLocalOptions {
  fsync: boolean;
  uploadBuffer: number;
  downloadBuffer: number;
  hashAlgorithm: HashAlgorithm;
}

/** Validates `LocalStorageDriver` options (unknown keys and bad values throw `InvalidArgumentError`) and applies defaults. */
export function resolveLocalOptions(options: LocalStorageDriverOptions | undefined): ResolvedLocalOptions {
  const o = checkObject('LocalStorageDriver options', options) ?? {};
  assertKnownOptions('LocalStorageDriver', o, ['fsync', 'bufferSize', 'hashAlgorithm']);
  if (o.fsync !== undefined && typeof o.fsync !== 'boolean')
    throw new InvalidArgumentError(`Invalid fsync ${JSON.stringify(o.fsync)}: expected a boolean`);
  const bufferSize = o.bufferSize === undefined ? undefined : checkInteger('bufferSize', o.bufferSize, 4096, 64 * 1024 * 1024);
  if (o.hashAlgorithm !== undefined && !HASH_ALGORITHMS.includes(o.hashAlgorithm as HashAlgorithm)) {
    throw new InvalidArgumentError(`Invalid hashAlgorithm ${JSON.stringify(o.hashAlgorithm)}. Valid values: ${HASH_ALGORITHMS.join(', ')}`);
  }
  return {
    fsync: o.fsync === true,
    uploadBuffer: bufferSize ?? 256 * 1024,
    downloadBuffer: bufferSize ?? 1024 * 1024,
    hashAlgorithm: (o.hashAlgorithm as HashAlgorithm | undefined) ?? 'sha256',
  };
}
