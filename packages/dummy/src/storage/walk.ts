import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { throwIfAborted } from '@cloudmux/core';
import { objectNameProblem } from './names.js';

/** An object file found by {@link walkObjects}. */
export interface WalkEntry {
  /** Object name (`a/b/c.txt`). */
  name: string;
  /** Absolute path of the file. */
  path: string;
}

interface Item {
  name: string;
  dir: boolean;
  /** Sort key: UTF-8 bytes of the name, with "/" appended for directories. */
  key: Buffer;
}

async function readSorted(dir: string): Promise<Item[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw e;
  }
  const items: Item[] = [];
  for (const e of entries) {
    let dirent: { isFile(): boolean; isDirectory(): boolean } = e;
    if (!e.isFile() && !e.isDirectory() && !e.isSymbolicLink()) dirent = await lstat(path.join(dir, e.name)).catch(() => e);
    // Only regular files and directories: symlinks could point outside the root.
    if (!dirent.isFile() && !dirent.isDirectory()) continue;
    const isDir = dirent.isDirectory();
    items.push({ name: e.name, dir: isDir, key: Buffer.from(isDir ? `${e.name}/` : e.name) });
  }
  return items.sort((a, b) => Buffer.compare(a.key, b.key));
}

async function* walkDir(
  dir: string,
  rel: string,
  prefix: string,
  signal: AbortSignal | undefined,
  rollUpDirs: boolean,
): AsyncGenerator<WalkEntry> {
  throwIfAborted(signal);
  for (const item of await readSorted(dir)) {
    const full = rel + item.name;
    if (item.dir) {
      const asPrefix = `${full}/`;
      if (rollUpDirs && asPrefix.startsWith(prefix) && full.length >= prefix.length) {
        // Everything below is one common prefix: the first file under it is enough to report it.
        for await (const e of walkDir(path.join(dir, item.name), asPrefix, prefix, signal, false)) {
          yield e;
          break;
        }
      } else if (asPrefix.startsWith(prefix) || prefix.startsWith(asPrefix))
        yield* walkDir(path.join(dir, item.name), asPrefix, prefix, signal, rollUpDirs);
    } else if (full.startsWith(prefix) && objectNameProblem(full) === undefined) {
      yield { name: full, path: path.join(dir, item.name) };
    }
  }
}

/**
 * Yields the object files of a container whose names start with `prefix`, in UTF-8 byte order
 * of their names (S3 order), lazily: one directory is read (and sorted) at a time, and only the
 * directories that can hold matching names are entered. Files whose names are not valid object
 * names (put there by other tools) are skipped. With `rollUpDirs` (a `/` delimiter listing), a
 * directory wholly past the prefix yields only its first file, which is all a common prefix needs.
 */
export async function* walkObjects(
  containerDir: string,
  prefix: string,
  signal?: AbortSignal,
  rollUpDirs = false,
): AsyncGenerator<WalkEntry> {
  const cut = prefix.lastIndexOf('/');
  const dirPart = cut >= 0 ? prefix.slice(0, cut) : '';
  if (dirPart !== '' && objectNameProblem(dirPart) !== undefined) return;
  const start = dirPart === '' ? containerDir : path.join(containerDir, ...dirPart.split('/'));
  yield* walkDir(start, dirPart === '' ? '' : `${dirPart}/`, prefix, signal, rollUpDirs);
}
