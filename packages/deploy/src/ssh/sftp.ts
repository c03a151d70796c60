import path from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { SftpError } from './errors.js';

/** SFTP status: no such file. */
export const SFTP_NO_SUCH_FILE = 2;

/** Wraps an SFTP callback error as {@link SftpError}. */
function sftpError(op: string, remotePath: string, err: unknown): SftpError {
  const e = err as { code?: unknown; message?: unknown };
  const status = typeof e?.code === 'number' ? e.code : undefined;
  return new SftpError(`SFTP ${op} ${remotePath} failed: ${typeof e?.message === 'string' ? e.message : String(err)}`, {
    status,
    path: remotePath,
    provider: 'ssh',
    cause: err,
  });
}

/** Runs an SFTP callback API as a promise, mapping errors. */
function call<T>(op: string, remotePath: string, fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    fn((err, value) => (err ? reject(sftpError(op, remotePath, err)) : resolve(value as T)));
  });
}

/** Absolute remote path: `~` and `~/x` expand to the home directory, relative paths are under it. */
export function resolveRemotePath(home: string, remotePath: string): string {
  if (remotePath === '~' || remotePath === '') return home;
  if (remotePath.startsWith('~/')) return path.posix.join(home, remotePath.slice(2));
  if (remotePath.startsWith('/')) return path.posix.normalize(remotePath);
  return path.posix.join(home, remotePath);
}

/** The SFTP session's starting directory (the user's home). */
export function realpath(sftp: SFTPWrapper, p: string): Promise<string> {
  return call<string>('realpath', p, (cb) => sftp.realpath(p, cb));
}

/** File attributes, or undefined when the path does not exist. */
export async function statOrUndefined(sftp: SFTPWrapper, p: string): Promise<Stats | undefined> {
  try {
    return await call<Stats>('stat', p, (cb) => sftp.stat(p, cb));
  } catch (e) {
    if (e instanceof SftpError && e.status === SFTP_NO_SUCH_FILE) return undefined;
    throw e;
  }
}

/** Creates a directory and its missing parents (`mkdir -p`); returns whether the last one was created. */
export async function mkdirp(sftp: SFTPWrapper, dir: string, mode?: number): Promise<boolean> {
  const parts = path.posix.normalize(dir).split('/').filter(Boolean);
  let current = dir.startsWith('/') ? '' : '.';
  let created = false;
  for (let i = 0; i < parts.length; i++) {
    current = `${current}/${parts[i]}`;
    const st = await statOrUndefined(sftp, current);
    if (st) {
      if (!st.isDirectory())
        throw new SftpError(`SFTP mkdir ${dir} failed: ${current} exists and is not a directory`, { path: current, provider: 'ssh' });
      created = false;
      continue;
    }
    const p = current;
    try {
      await call<void>('mkdir', p, (cb) => (mode === undefined ? sftp.mkdir(p, cb) : sftp.mkdir(p, { mode }, cb)));
      created = true;
    } catch (e) {
      // Lost a race with another creator: fine if it is a directory now.
      if (!(await statOrUndefined(sftp, p))?.isDirectory()) throw e;
      created = false;
    }
  }
  return created;
}

/** Sets a path's permission bits. */
export function chmod(sftp: SFTPWrapper, p: string, mode: number): Promise<void> {
  return call<void>('chmod', p, (cb) => sftp.chmod(p, mode, cb));
}

/** Writes a whole file. */
export function writeFile(sftp: SFTPWrapper, p: string, data: Buffer | string, mode?: number): Promise<void> {
  return call<void>('write', p, (cb) => sftp.writeFile(p, data, mode === undefined ? {} : { mode }, cb));
}

/** Reads a whole file. */
export function readFile(sftp: SFTPWrapper, p: string): Promise<Buffer> {
  return call<Buffer>('read', p, (cb) => sftp.readFile(p, cb));
}

/** Uploads a local file (parallel reads, for large files). */
export function fastPut(sftp: SFTPWrapper, localPath: string, p: string, mode?: number): Promise<void> {
  return call<void>('upload', p, (cb) => sftp.fastPut(localPath, p, mode === undefined ? {} : { mode }, cb));
}

/** Downloads a remote file to a local path. */
export function fastGet(sftp: SFTPWrapper, p: string, localPath: string): Promise<void> {
  return call<void>('download', p, (cb) => sftp.fastGet(p, localPath, cb));
}

/** Deletes a file; a missing file is not an error. Returns whether it existed. */
export async function unlink(sftp: SFTPWrapper, p: string): Promise<boolean> {
  try {
    await call<void>('unlink', p, (cb) => sftp.unlink(p, cb));
    return true;
  } catch (e) {
    if (e instanceof SftpError && e.status === SFTP_NO_SUCH_FILE) return false;
    throw e;
  }
}
