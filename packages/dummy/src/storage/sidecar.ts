import { link, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BigIntStats } from 'node:fs';
import { closeAll } from './confine.js';
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

/** Reads a sidecar (never through a symlink); undefined when missing, unreadable or refused. */
export async function readSidecar(layout: StorageLayout, file: string): Promise<Sidecar | undefined> {
  try {
    const fh = await layout.confine.openFile(file);
    let text: string;
    try {
      text = await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
    const data = JSON.parse(text) as Partial<Sidecar>;
    if (
      data.v !== 1 ||
      typeof data.hash !== 'string' ||
      typeof data.ino !== 'string' ||
      !HASH_ALGORITHMS.includes(data.alg as HashAlgorithm)
    )
      return undefined;
    return data as Sidecar;
  } catch {
    return undefined;
  }
}

/** Whether `sidecar` describes the data file with stats `st`. */
export function sidecarMatches(sidecar: Sidecar | undefined, name: string, st: BigIntStats): sidecar is Sidecar {
  return (
    sidecar !== undefined &&
    sidecar.name === name &&
    sidecar.ino === String(st.ino) &&
    sidecar.size === Number(st.size) &&
    sidecar.mtimeNs === String(st.mtimeNs)
  );
}

/**
 * Writes a sidecar atomically: to a staging file, then renamed over `file` (or, with
 * `exclusive`, hard-linked so an existing sidecar is never replaced). The metadata directories are
 * made and entered one level at a time without following symlinks (`SymlinkRefusedError`).
 */
export async function writeSidecar(layout: StorageLayout, file: string, sidecar: Sidecar, exclusive = false): Promise<boolean> {
  const tmp = layout.tempPath('.json');
  const staging = await layout.pinStaging();
  try {
    await writeFile(staging.at(path.basename(tmp)), JSON.stringify(sidecar), { flag: 'wx' });
  } finally {
    await staging.close();
  }
  try {
    const chain = await layout.pinSidecarDir(file, true);
    try {
      const target = chain[chain.length - 1]!.at(path.basename(file));
      if (!exclusive) {
        await rename(tmp, target);
        return true;
      }
      try {
        await link(tmp, target);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    } finally {
      await closeAll(chain);
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Removes a sidecar, never through a symlink (a refused or missing directory means there is nothing of ours to remove). */
export async function removeSidecar(layout: StorageLayout, file: string): Promise<void> {
  let chain;
  try {
    chain = await layout.pinSidecarDir(file, false);
  } catch {
    return;
  }
  try {
    await rm(chain[chain.length - 1]!.at(path.basename(file)), { force: true });
  } finally {
    await closeAll(chain);
  }
}
