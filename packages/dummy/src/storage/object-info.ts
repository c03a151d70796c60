import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
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

/** Hash of a file read through one descriptor, with that descriptor's stats (consistent even if the path is replaced). */
async function hashFile(file: string, algorithm: HashAlgorithm): Promise<{ st: BigIntStats; hash: string }> {
  const fh = await open(file, 'r');
  try {
    const st = await fh.stat({ bigint: true });
    if (!st.isFile()) throw Object.assign(new Error(`${file} is not a file`), { code: 'EISDIR' });
    const h = createHash(algorithm);
    // Small files in one read (a stream per file dominates the cost of listing many small files).
    if (st.size <= BigInt(SMALL_FILE_BYTES)) h.update(await fh.readFile());
    else for await (const chunk of fh.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
    return { st, hash: h.digest('hex') };
  } finally {
    await fh.close();
  }
}

/**
 * Size, content hash, content type and metadata of the object file `file`, or undefined when there is no
 * such file. The sidecar is trusted only when it names this very file (inode, size and mtime);
 * while an upload is being committed the two can disagree for a moment, so a mismatch is
 * retried briefly. A file without a usable sidecar (put there by another tool, or after a crash)
 * is hashed with `algorithm`; its content type is guessed and it has no user metadata.
 */
export async function describeObject(layout: StorageLayout, container: string, name: string, file: string, algorithm: HashAlgorithm): Promise<ObjectInfo | undefined> {
  const sidecarFile = layout.sidecarPath(container, name);
  for (let attempt = 0; ; attempt++) {
    let st: BigIntStats;
    try {
      st = await stat(file, { bigint: true });
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    if (!st.isFile()) return undefined;
    const sc = await readSidecar(sidecarFile);
    if (sidecarMatches(sc, name, st)) return info(st, sc.hash, sc.alg, sc.contentType, { ...sc.meta });
    if (sc === undefined || attempt >= 4) return fallback(layout, name, file, sidecarFile, sc === undefined, algorithm);
    await sleep(2 * (attempt + 1));
  }
}

async function fallback(layout: StorageLayout, name: string, file: string, sidecarFile: string, noSidecar: boolean, algorithm: HashAlgorithm): Promise<ObjectInfo | undefined> {
  let hashed: { st: BigIntStats; hash: string };
  try {
    hashed = await hashFile(file, algorithm);
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
  const contentType = guessContentType(name);
  if (noSidecar && Number(hashed.st.size) >= CACHE_HASH_FROM_BYTES) {
    const sidecar: Sidecar = { v: 1, name, ino: String(hashed.st.ino), size: Number(hashed.st.size), mtimeNs: String(hashed.st.mtimeNs), hash: hashed.hash, alg: algorithm, contentType, meta: {} };
    // Never replaces a sidecar an upload may have written meanwhile.
    await writeSidecar(layout, sidecarFile, sidecar, true).catch(() => false);
  }
  return info(hashed.st, hashed.hash, algorithm, contentType, {});
}
