import { closeSync, constants, openSync, readlinkSync, realpathSync } from 'node:fs';
import { lstat, mkdir, open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const { O_RDONLY, O_NOFOLLOW, O_DIRECTORY } = constants;
/** Opening a FIFO planted under the root must not block a read. */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function enoent(p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
}

/**
 * A path below the Local root runs through, or ends on, a symbolic link. The driver never follows
 * one (it could lead outside the root, or be retargeted at any time); the driver maps this error
 * to `NotFoundError` (reads, deletes) or `InvalidArgumentError` (uploads).
 */
export class SymlinkRefusedError extends Error {
  /**
   * @param target - the path the driver was asked to use.
   * @param link - the symbolic link found on it, when it could be named.
   */
  constructor(
    readonly target: string,
    readonly link: string | undefined,
  ) {
    super(`${link ?? target} is a symbolic link`);
    this.name = 'SymlinkRefusedError';
  }

  /** Why the driver refuses, for error messages. */
  get reason(): string {
    const where = this.link ? `"${this.link}" is a symbolic link` : `a symbolic link is on the path "${this.target}"`;
    return `${where}; the Local driver never follows symbolic links under its root (they could lead outside it)`;
  }
}

/** A directory held open; names in it are reached through the descriptor where the platform allows it. */
export interface PinnedDir {
  /** Its path (for messages and, where descriptors cannot be used, for access). */
  readonly dir: string;
  /** A path that reaches `name` inside this very directory, even if a component of `dir` is swapped later. */
  at(name: string): string;
  close(): Promise<void>;
}

/** Whether `/proc/self/fd/<n>` names what a descriptor of `realRoot` has open (Linux). */
function probeProcFd(realRoot: string): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const fd = openSync(realRoot, O_RDONLY | O_DIRECTORY);
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === realRoot;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Keeps every access of the Local driver inside its root without following symbolic links.
 *
 * - Files are opened with `O_NOFOLLOW`, then the descriptor's own path (from the kernel:
 *   `/proc/self/fd/<n>`) must be the expected path under the real root, so a symlinked container or
 *   intermediate directory, even one swapped in between a check and the open, is detected before a
 *   byte is read.
 * - Directories that are written to or deleted from are opened one level at a time with
 *   `O_NOFOLLOW | O_DIRECTORY` and used through their descriptors (`/proc/self/fd/<n>/<name>`, like
 *   `openat`), so a component swapped for a symlink after it was opened cannot redirect a rename,
 *   unlink, mkdir or rmdir.
 * - Where `/proc/self/fd` is unavailable (not Linux) the same checks use `realpath` and inode
 *   comparison: still no symlink is followed at check time, but a swap racing between check and
 *   use is not excluded.
 */
export class Confinement {
  /** The root as configured (absolute). */
  readonly root: string;
  /** Its real path. */
  readonly realRoot: string;
  readonly #procFd: boolean;

  constructor(root: string) {
    this.root = root;
    this.realRoot = realpathSync(root);
    this.#procFd = probeProcFd(this.realRoot);
  }

  /** The real path `p` (under the root) has when no component below the root is a symlink. */
  expected(p: string): string {
    return path.join(this.realRoot, path.relative(this.root, p));
  }

  /** The first symbolic link between the root and `p`, if any (for messages). */
  async firstLink(p: string): Promise<string | undefined> {
    let cur = this.root;
    for (const segment of path.relative(this.root, p).split(path.sep)) {
      if (segment === '') continue;
      cur = path.join(cur, segment);
      const st = await lstat(cur).catch(() => undefined);
      if (!st) return undefined;
      if (st.isSymbolicLink()) return cur;
    }
    return undefined;
  }

  async #refuse(p: string): Promise<never> {
    throw new SymlinkRefusedError(p, await this.firstLink(p));
  }

  /** Checks that descriptor `fh`, opened from path `p`, is `p` itself with no symlink followed. */
  async #verify(fh: FileHandle, p: string): Promise<void> {
    const want = this.expected(p);
    if (this.#procFd) {
      const got = await readlink(`/proc/self/fd/${fh.fd}`);
      // A file replaced (renamed over) or deleted after the open is still the one that was at `p`.
      if (got === want || got === `${want} (deleted)`) return;
      if (got.endsWith(' (deleted)')) throw enoent(p);
      return this.#refuse(p);
    }
    const [real, a, b] = await Promise.all([realpath(p).catch(() => undefined), fh.stat(), lstat(p).catch(() => undefined)]);
    if (real !== want || !b || a.ino !== b.ino || a.dev !== b.dev) return this.#refuse(p);
  }

  /**
   * Opens an existing file under the root for reading. Throws `SymlinkRefusedError` when `p` or a
   * directory on its way is a symbolic link; missing paths fail with the usual `ENOENT`/`ENOTDIR`.
   */
  async openFile(p: string): Promise<FileHandle> {
    let fh: FileHandle;
    try {
      fh = await open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (e) {
      if (errno(e) === 'ELOOP') return this.#refuse(p);
      throw e;
    }
    try {
      await this.#verify(fh, p);
      return fh;
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  #pinned(fh: FileHandle, dir: string): PinnedDir {
    const proc = this.#procFd;
    return { dir, at: (name) => (proc ? `/proc/self/fd/${fh.fd}/${name}` : path.join(dir, name)), close: () => fh.close() };
  }

  async #openDir(p: string, via: string): Promise<FileHandle> {
    try {
      return await open(via, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    } catch (e) {
      // A symlink as the last component fails with ELOOP or (with O_DIRECTORY) ENOTDIR.
      if (errno(e) === 'ELOOP' || (errno(e) === 'ENOTDIR' && (await lstat(via).catch(() => undefined))?.isSymbolicLink()))
        return this.#refuse(p);
      if (errno(e) === 'ENOTDIR' && (await this.firstLink(p))) return this.#refuse(p);
      throw e;
    }
  }

  /** Opens the directory `dir` under the root (verified like {@link openFile}). */
  async pinDir(dir: string): Promise<PinnedDir> {
    const fh = await this.#openDir(dir, dir);
    try {
      await this.#verify(fh, dir);
    } catch (e) {
      await fh.close();
      throw e;
    }
    return this.#pinned(fh, dir);
  }

  /**
   * Opens the sub-directory `name` of `parent` (creating it first with `create`), never through a
   * symlink. An existing non-directory fails with `ENOTDIR` (or `EEXIST`).
   */
  async pinChild(parent: PinnedDir, name: string, create = false): Promise<PinnedDir> {
    const dir = path.join(parent.dir, name);
    if (create) {
      await mkdir(parent.at(name)).catch((e: unknown) => {
        if (errno(e) !== 'EEXIST') throw e;
      });
    }
    const fh = await this.#openDir(dir, parent.at(name));
    if (!this.#procFd) {
      try {
        await this.#verify(fh, dir);
      } catch (e) {
        await fh.close();
        throw e;
      }
    }
    return this.#pinned(fh, dir);
  }

  /**
   * Opens `base` (verified) and then each of `segments` below it, one level at a time; with
   * `create`, missing levels are made. Returns the chain, outermost first; close it with
   * {@link closeAll}.
   */
  async pinChain(base: string, segments: readonly string[], create = false): Promise<PinnedDir[]> {
    const chain = [await this.pinDir(base)];
    try {
      for (const s of segments) chain.push(await this.pinChild(chain[chain.length - 1]!, s, create));
      return chain;
    } catch (e) {
      await closeAll(chain);
      throw e;
    }
  }
}

/** Closes pinned directories (errors ignored). */
export async function closeAll(dirs: readonly PinnedDir[]): Promise<void> {
  await Promise.all(dirs.map((d) => d.close().catch(() => undefined)));
}
