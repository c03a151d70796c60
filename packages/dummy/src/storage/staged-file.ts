import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BigIntStats } from 'node:fs';
import { throwIfAborted } from '@cloudmux/core';
import { AbortError } from '@cloudmux/core/errors';
import { HashingStream } from '@cloudmux/core/storage';
import type { HashAlgorithm } from './hash.js';
import type { StorageLayout } from './layout.js';

/** A fully written temporary file, ready to be renamed into place. */
export interface StagedFile {
  /** Path in the staging directory. */
  path: string;
  /** Hex content hash of the bytes written. */
  hash: string;
  /** Algorithm of `hash`. */
  hashAlgorithm: HashAlgorithm;
  /** Hex MD5 of the bytes written, when asked for (`withMd5`). */
  md5: string | undefined;
  /** Bytes written. */
  size: number;
  /** Stats of the file (inode, mtime) for its sidecar. */
  stats: BigIntStats;
}

/** Options of {@link stageStream}. */
export interface StageOptions {
  signal?: AbortSignal | undefined;
  /** fsync the file before it counts as written. */
  fsync: boolean;
  /** Write buffer size. */
  highWaterMark: number;
  /** Content hash to compute. */
  hashAlgorithm: HashAlgorithm;
  /** Also compute an MD5 (for an `md5` upload option). */
  withMd5?: boolean | undefined;
}

/** Maps Node's abort error to the core `AbortError`. */
function mapAbort(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted || (e as { name?: string })?.name === 'AbortError')
    return new AbortError('Upload aborted', { cause: signal?.reason ?? e });
  return e;
}

/**
 * Streams `source` into a new staging file, hashing as it goes. On any failure (source error,
 * abort, disk full) the staging file is removed and the error rethrown: nothing is left behind.
 */
export async function stageStream(
  layout: StorageLayout,
  source: Readable | AsyncIterable<Uint8Array>,
  options: StageOptions,
): Promise<StagedFile> {
  const file = layout.tempPath();
  const counter = new HashingStream(options.hashAlgorithm, { highWaterMark: options.highWaterMark, alsoMd5: options.withMd5 === true });
  // Created (O_EXCL) inside the staging directory as checked, even if it is swapped for a symlink meanwhile.
  const staging = await layout.pinStaging();
  let fh;
  try {
    fh = await open(staging.at(path.basename(file)), 'wx');
  } finally {
    await staging.close();
  }
  try {
    await pipeline(source, counter, fh.createWriteStream({ highWaterMark: options.highWaterMark, flush: options.fsync }), {
      signal: options.signal,
    });
    throwIfAborted(options.signal, 'Upload');
    return {
      path: file,
      hash: counter.digest(),
      md5: options.withMd5 ? counter.md5() : undefined,
      hashAlgorithm: options.hashAlgorithm,
      size: counter.size,
      stats: await stat(file, { bigint: true }),
    };
  } catch (e) {
    await rm(file, { force: true });
    throw mapAbort(e, options.signal);
  }
}
