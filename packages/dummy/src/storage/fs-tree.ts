import { lstat, mkdir, readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Thrown by {@link ensureParents} when the container directory itself is gone. */
export class ContainerGoneError extends Error {}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/**
 * Creates the directories an object name needs under `containerDir`, one level at a time (never
 * the container itself, so a concurrently deleted container is not brought back). A segment that
 * is an object file makes the name impossible: `InvalidArgumentError`.
 */
export async function ensureParents(containerDir: string, name: string): Promise<void> {
  const segments = name.split('/').slice(0, -1);
  let dir = containerDir;
  for (let i = 0; i < segments.length; i++) {
    dir = path.join(dir, segments[i]!);
    try {
      await mkdir(dir);
    } catch (e) {
      if (code(e) === 'ENOENT') throw new ContainerGoneError(containerDir);
      const st = code(e) === 'EEXIST' ? await lstat(dir).catch(() => undefined) : undefined;
      if (st?.isDirectory()) continue;
      if (code(e) === 'EEXIST' || code(e) === 'ENOTDIR') {
        const taken = segments.slice(0, i + 1).join('/');
        throw new InvalidArgumentError(`Object name "${name}" conflicts with the existing object "${taken}": the Local driver stores "/" as directories, so an object cannot also be a prefix`);
      }
      throw e;
    }
  }
}

/** Throws `InvalidArgumentError` when `file` (the object's path) is a directory, i.e. a prefix of other objects. */
export async function assertNotPrefix(file: string, name: string): Promise<void> {
  const st = await lstat(file).catch(() => undefined);
  if (st?.isDirectory()) {
    throw new InvalidArgumentError(`Object name "${name}" conflicts with existing objects under "${name}/": the Local driver stores "/" as directories, so a prefix cannot also be an object`);
  }
}

/** Removes the now-empty directories between `file`'s parent and `stopDir` (exclusive), bottom-up. */
export async function pruneEmptyParents(file: string, stopDir: string): Promise<void> {
  for (let dir = path.dirname(file); dir.length > stopDir.length && dir.startsWith(stopDir); dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (or already gone): stop
    }
  }
}

/**
 * Removes `dir` if its tree holds no files: empty sub-directories are removed bottom-up with
 * `rmdir`, which never deletes a file, so a file written meanwhile survives. Returns false
 * (leaving `dir`) as soon as a file is found.
 */
export async function removeIfNoFiles(dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (code(e) === 'ENOENT') return true;
    throw e;
  }
  for (const e of entries) {
    if (!e.isDirectory() || !(await removeIfNoFiles(path.join(dir, e.name)))) return false;
  }
  try {
    await rmdir(dir);
    return true;
  } catch (e) {
    if (code(e) === 'ENOENT') return true;
    if (code(e) === 'ENOTEMPTY' || code(e) === 'EEXIST') return false;
    throw e;
  }
}
