import { lstat, readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { closeAll, SymlinkRefusedError, type Confinement, type PinnedDir } from './confine.js';

/** Thrown by {@link ensureParents} when the container directory itself is gone. */
export class ContainerGoneError extends Error {}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/**
 * Makes and opens the directories an object name needs under `containerDir`, one level at a time
 * (never the container itself, so a concurrently deleted container is not brought back), never
 * following a symlink (`SymlinkRefusedError`). A segment that is an object file makes the name
 * impossible: `InvalidArgumentError`. Returns the opened chain, container first; close it with
 * `closeAll`.
 */
export async function ensureParents(confine: Confinement, containerDir: string, name: string): Promise<PinnedDir[]> {
  const segments = name.split('/').slice(0, -1);
  let chain: PinnedDir[];
  try {
    chain = [await confine.pinDir(containerDir)];
  } catch (e) {
    if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') throw new ContainerGoneError(containerDir);
    throw e;
  }
  try {
    for (let i = 0; i < segments.length; i++) {
      try {
        chain.push(await confine.pinChild(chain[i]!, segments[i]!, true));
      } catch (e) {
        if (code(e) === 'ENOENT' && i === 0) throw new ContainerGoneError(containerDir);
        if (code(e) === 'EEXIST' || code(e) === 'ENOTDIR') {
          const taken = segments.slice(0, i + 1).join('/');
          throw new InvalidArgumentError(
            `Object name "${name}" conflicts with the existing object "${taken}": the Local driver stores "/" as directories, so an object cannot also be a prefix`,
          );
        }
        throw e;
      }
    }
    return chain;
  } catch (e) {
    await closeAll(chain);
    throw e;
  }
}

/**
 * Opens the existing directories of an object name under `containerDir` without following
 * symlinks (`SymlinkRefusedError`); `ENOENT`/`ENOTDIR` when a level is missing or a file.
 */
export function openParents(confine: Confinement, containerDir: string, name: string): Promise<PinnedDir[]> {
  return confine.pinChain(containerDir, name.split('/').slice(0, -1), false);
}

/** Throws `InvalidArgumentError` when `file` (the object's path) is a directory, i.e. a prefix of other objects. */
export async function assertNotPrefix(file: string, name: string): Promise<void> {
  const st = await lstat(file).catch(() => undefined);
  if (st?.isDirectory()) {
    throw new InvalidArgumentError(
      `Object name "${name}" conflicts with existing objects under "${name}/": the Local driver stores "/" as directories, so a prefix cannot also be an object`,
    );
  }
}

/**
 * Removes the now-empty directories of an opened chain (as returned by {@link openParents}),
 * bottom-up, never the first (the container). `rmdir` never deletes a file or follows a link.
 */
export async function pruneEmptyParents(chain: readonly PinnedDir[]): Promise<void> {
  for (let i = chain.length - 1; i >= 1; i--) {
    try {
      await rmdir(chain[i - 1]!.at(path.basename(chain[i]!.dir)));
    } catch {
      return; // not empty (or already gone): stop
    }
  }
}

/**
 * Removes the directory `name` of `parent` if its tree holds no files: empty sub-directories are
 * removed bottom-up with `rmdir`, which never deletes a file, so a file written meanwhile survives.
 * Each level is opened without following symlinks; a symlink (or anything but a directory) counts as
 * a file. Returns false (leaving the directory) as soon as one is found.
 */
export async function removeIfNoFiles(confine: Confinement, parent: PinnedDir, name: string): Promise<boolean> {
  let dir: PinnedDir;
  try {
    dir = await confine.pinChild(parent, name);
  } catch (e) {
    if (code(e) === 'ENOENT') return true;
    if (e instanceof SymlinkRefusedError || code(e) === 'ENOTDIR') return false;
    throw e;
  }
  try {
    const entries = await readdir(dir.at(''), { withFileTypes: true });
    for (const e of entries) {
      if (!e.isDirectory() || !(await removeIfNoFiles(confine, dir, e.name))) return false;
    }
  } finally {
    await dir.close();
  }
  try {
    await rmdir(parent.at(name));
    return true;
  } catch (e) {
    if (code(e) === 'ENOENT') return true;
    if (code(e) === 'ENOTEMPTY' || code(e) === 'EEXIST' || code(e) === 'ENOTDIR') return false;
    throw e;
  }
}
