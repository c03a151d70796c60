import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BigIntStats } from 'node:fs';
import { HASH_ALGORITHMS, type HashAlgorithm } from './hash.js';
import type { StorageLayout } from './layout.js';

/** What the driver stores beside each object. */
export interface Sidecar {
  v: 1;
  /** Object name (guards against hash collisions). */
  name: string;
  /** Inode, size and mtime of the data file it describes: a mismatch means it is stale. */
  ino: string;
  size: number;
  mtimeNs: string;
  /** Hex content hash. */
  hash: string;
  /** Algorithm of `hash`. */
  alg: HashAlgorithm;
  contentType: string;
  meta: Record<string, string>;
}

/** Reads a sidecar; undefined when missing or unreadable. */
export async function readSidecar(file: string): Promise<Sidecar | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<Sidecar>;
    if (data.v !== 1 || typeof data.hash !== 'string' || typeof data.ino !== 'string' || !HASH_ALGORITHMS.includes(data.alg as HashAlgorithm)) return undefined;
    return data as Sidecar;
  } catch {
    return undefined;
  }
}

/** Whether `sidecar` describes the data file with stats `st`. */
export function sidecarMatches(sidecar: Sidecar | undefined, name: string, st: BigIntStats): sidecar is Sidecar {
  return sidecar !== undefined && sidecar.name === name && sidecar.ino === String(st.ino) && sidecar.size === Number(st.size) && sidecar.mtimeNs === String(st.mtimeNs);
}

/**
 * Writes a sidecar atomically: to a staging file, then renamed over `file` (or, with
 * `exclusive`, hard-linked so an existing sidecar is never replaced).
 */
export async function writeSidecar(layout: StorageLayout, file: string, sidecar: Sidecar, exclusive = false): Promise<boolean> {
  const tmp = layout.tempPath('.json');
  await writeFile(tmp, JSON.stringify(sidecar), { flag: 'wx' });
  try {
    await mkdir(path.dirname(file), { recursive: true });
    if (!exclusive) {
      await rename(tmp, file);
      return true;
    }
    try {
      await link(tmp, file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    await rm(tmp, { force: true });
  }
}
