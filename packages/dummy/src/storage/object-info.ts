import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { sleep } from '@cloudmux/core';
import { guessContentType } from './content-type.js';
import type { StorageLayout } from './layout.js';
import type { HashAlgorithm } from './hash.js';
import { readSidecar, sidecarMatches, writeSidecar, type Sidecar } from './sidecar.js';

/** Files at least this big that have no sidecar get one cached after their hash is computed. */
const CACHE_HASH_FROM_BYTES = 1024 * 1024;
/** Files up to this size are hashed from one read instead of a stream. */
const SMALL_FILE_BYTES = 256 * 1024;

/** What `describeObject` finds out about an object file. */
export interface ObjectInfo {
  size: number;
  hash: string;
  hashAlgorithm: HashAlgorithm;
  contentType: string;
  meta: Record<string, string>;
  lastModified: Date;
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

function info(st: BigIntStats, hash: string, hashAlgorithm: HashAlgorithm, contentType: string, meta: Record<string, string>): ObjectInfo {
  return { size: Number(st.size), hash, hashAlgorithm, contentType, meta, lastModified: new Date(Number(st.mtimeMs)) };
}

/** Hash of a file read through its open descriptor (consistent even if the path is replaced). */
async function hashFile(fh: FileHandle, st: BigIntStats, algorithm: HashAlgorithm): Promise<string> {
  const h = createHash(algorithm);
  // Small files in one read (a stream per file dominates the cost of listing many small files).
  if (st.size <= BigInt(SMALL_FILE_BYTES)) h.update(await fh.readFile());
  else for await (const chunk of fh.createReadStream({ autoClose: false, start: 0, highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Opens an object file through the layout's confinement; undefined when it is missing or not a regular file. */
async function openObjectFile(layout: StorageLayout, file: string): Promise<{ fh: FileHandle; st: BigIntStats } | undefined> {
  let fh: FileHandle;
  try {
    fh = await layout.confine.openFile(file);
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
  try {
    const st = await fh.stat({ bigint: true });
    if (st.isFile()) return { fh, st };
  } catch (e) {
    await fh.close();
    throw e;
  }
  await fh.close();
  return undefined;
}

/**
 * Size, content hash, content type and metadata of the object file `file`, or undefined when there is no
 * such file. The file is opened without following symlinks (`SymlinkRefusedError` otherwise) and
 * everything is read from that one descriptor. The sidecar is trusted only when it names this very file (inode, size and mtime);
 * while an upload is being committed the two can disagree for a moment, so a mismatch is
 * retried briefly. A file without a usable sidecar (put there by another tool, or after a crash)
 * is hashed with `algorithm`; its content type is guessed and it has no user metadata.
 */
export async function describeObject(
  layout: StorageLayout,
  container: string,
  name: string,
  file: string,
  algorithm: HashAlgorithm,
): Promise<ObjectInfo | undefined> {
  const sidecarFile = layout.sidecarPath(container, name);
  for (let attempt = 0; ; attempt++) {
    const opened = await openObjectFile(layout, file);
    if (!opened) return undefined;
    const { fh, st } = opened;
    try {
      const sc = await readSidecar(layout, sidecarFile);
      if (sidecarMatches(sc, name, st)) return info(st, sc.hash, sc.alg, sc.contentType, { ...sc.meta });
      if (sc === undefined || attempt >= 4) return await fallback(layout, name, fh, st, sidecarFile, sc === undefined, algorithm);
    } finally {
      await fh.close();
    }
    await sleep(2 * (attempt + 1));
  }
}

async function fallback(
  layout: StorageLayout,
  name: string,
  fh: FileHandle,
  st: BigIntStats,
  sidecarFile: string,
  noSidecar: boolean,
  algorithm: HashAlgorithm,
): Promise<ObjectInfo> {
  const hash = await hashFile(fh, st, algorithm);
  const contentType = guessContentType(name);
  if (noSidecar && Number(st.size) >= CACHE_HASH_FROM_BYTES) {
    const sidecar: Sidecar = {
      v: 1,
      name,
      ino: String(st.ino),
      size: Number(st.size),
      mtimeNs: String(st.mtimeNs),
      hash,
      alg: algorithm,
      contentType,
      meta: {},
    };
    // Never replaces a sidecar an upload may have written meanwhile.
    await writeSidecar(layout, sidecarFile, sidecar, true).catch(() => false);
  }
  return info(st, hash, algorithm, contentType, {});
}
