import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { StorageObject } from '@cloudmux/core/storage';
import { LocalStorageDriver } from '../src/index.js';

// The Local driver never follows a symbolic link below its root (issue #9, item 4): not for a
// container, not for an intermediate "directory" of an object name, not for the object file, not
// in its hidden .cloudmux/ directory. Reads, listings and deletes of such a path throw
// NotFoundError (the driver does not consider it an object or container: listings skip it too);
// uploads whose name runs through or onto a symlink throw InvalidArgumentError. The message says
// it is a symbolic link. A symlink pointing inside the root is refused the same way.

const SECRET = 'TOP SECRET, outside the root\n';
const OLD = new Date('2001-01-01T00:00:00Z');

let base: string;
let root: string;
let outside: string;
let secret: string;
let driver: LocalStorageDriver;
/** Whether this file system records reads in atime (relatime updates an atime older than a day). */
let atimeWorks = false;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'cmx-symlink-'));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  secret = path.join(outside, 'secret.txt');
  await writeFile(secret, SECRET);
  await utimes(secret, OLD, OLD);
  const probe = path.join(base, 'probe');
  await writeFile(probe, 'x');
  await utimes(probe, OLD, OLD);
  await readFile(probe);
  atimeWorks = (await stat(probe)).atimeMs !== OLD.getTime();
  driver = new LocalStorageDriver(root);
  await driver.createContainer({ name: 'box' });
});
afterEach(() => rm(base, { recursive: true, force: true }));

/** The outside file is still there, unchanged, and (where atime is recorded) unread. */
async function outsideUntouched(): Promise<void> {
  expect(await readdirSorted(outside)).toEqual(['secret.txt']);
  const st = await stat(secret);
  expect(st.mtimeMs).toBe(OLD.getTime());
  if (atimeWorks) expect(st.atimeMs).toBe(OLD.getTime());
  await utimes(secret, OLD, OLD); // the check itself did not read it, but keep the baseline exact
  expect(await readFile(secret, 'utf8')).toBe(SECRET);
  await utimes(secret, OLD, OLD);
}

async function readdirSorted(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(dir)).sort();
}

async function rejection<E extends Error>(type: abstract new (...a: never[]) => E, fn: () => Promise<unknown>): Promise<E> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`expected ${type.name}, got ${String(e)}`);
    expect((e as Error).message).toMatch(/symbolic link/);
    return e as E;
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}

/** A buffer upload: an async iterable of one chunk. */
async function* chunks(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

const obj = (container: string, name: string): StorageObject =>
  new StorageObject(
    { name, containerName: container, size: 0, hash: '', contentType: 'text/plain', meta: {}, lastModified: new Date(), extra: {} },
    driver,
  );

async function drain(s: AsyncIterable<unknown>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts).toString();
}

/** Every read-like and delete operation on container/name is refused with NotFoundError naming the symlink. */
async function readsRefused(container: string, name: string): Promise<void> {
  await rejection(NotFoundError, () => driver.getObject(container, { name }));
  await rejection(NotFoundError, () => driver.downloadObjectAsStream(obj(container, name)).then(drain));
  await rejection(NotFoundError, () => driver.downloadObjectAsStream(obj(container, name), { start: 4, end: 9 }).then(drain));
  const dest = path.join(base, 'dest.txt');
  await rejection(NotFoundError, () => driver.downloadObject(obj(container, name), { destinationPath: dest }));
  await rejection(NotFoundError, () =>
    driver.downloadObject(obj(container, name), { destinationPath: dest, start: 0, end: 3, overwrite: true }),
  );
  expect(existsSync(dest)).toBe(false);
  await rejection(NotFoundError, () => driver.deleteObject(obj(container, name)));
}

describe('Local storage never follows symbolic links out of (or within) its root', () => {
  it('a symlinked object file pointing outside: not listed, not read, not replaced, not deleted', async () => {
    await symlink(secret, path.join(root, 'box', 'link.txt'));
    await driver.uploadObjectViaStream('box', { name: 'real.txt', source: Readable.from([Buffer.from('mine')]) });
    expect((await driver.listContainerObjects('box')).map((o) => o.name)).toEqual(['real.txt']);
    await readsRefused('box', 'link.txt');
    await rejection(InvalidArgumentError, () =>
      driver.uploadObjectViaStream('box', { name: 'link.txt', source: Readable.from(chunks('overwrite')) }),
    );
    await rejection(InvalidArgumentError, () => driver.uploadObjectViaStream('box', { name: 'link.txt', source: chunks('overwrite') }));
    const src = path.join(base, 'src.txt');
    await writeFile(src, 'from a file');
    await rejection(InvalidArgumentError, () => driver.uploadObject('box', { name: 'link.txt', filePath: src }));
    expect((await lstat(path.join(root, 'box', 'link.txt'))).isSymbolicLink()).toBe(true);
    await outsideUntouched();
  });

  it('a symlinked container directory: not a container for any operation', async () => {
    await symlink(outside, path.join(root, 'linked'), 'dir');
    expect((await driver.listContainers()).map((c) => c.name)).toEqual(['box']);
    await rejection(NotFoundError, () => driver.getContainer('linked'));
    await rejection(NotFoundError, () => driver.listContainerObjects('linked'));
    await readsRefused('linked', 'secret.txt');
    await rejection(NotFoundError, () =>
      driver.uploadObjectViaStream('linked', { name: 'secret.txt', source: Readable.from(chunks('x')) }),
    );
    await rejection(NotFoundError, () => driver.uploadObjectViaStream('linked', { name: 'new.txt', source: chunks('x') }));
    const src = path.join(base, 'src.txt');
    await writeFile(src, 'from a file');
    await rejection(NotFoundError, () => driver.uploadObject('linked', { name: 'sub/new.txt', filePath: src }));
    await rejection(NotFoundError, () => driver.deleteContainer('linked'));
    await expect(driver.createContainer({ name: 'linked' })).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await readlink(path.join(root, 'linked'))).toBe(outside);
    await outsideUntouched();
  });

  it('a symlinked intermediate "directory" of an object name', async () => {
    await symlink(outside, path.join(root, 'box', 'sub'), 'dir');
    await driver.uploadObjectViaStream('box', { name: 'real/file.txt', source: Readable.from([Buffer.from('mine')]) });
    expect((await driver.listContainerObjects('box')).map((o) => o.name)).toEqual(['real/file.txt']);
    expect((await driver.listContainerObjects('box', { prefix: 'sub/' })).map((o) => o.name)).toEqual([]);
    await readsRefused('box', 'sub/secret.txt');
    await rejection(InvalidArgumentError, () =>
      driver.uploadObjectViaStream('box', { name: 'sub/secret.txt', source: Readable.from(chunks('x')) }),
    );
    await rejection(InvalidArgumentError, () => driver.uploadObjectViaStream('box', { name: 'sub/deeper/new.txt', source: chunks('x') }));
    const src = path.join(base, 'src.txt');
    await writeFile(src, 'from a file');
    await rejection(InvalidArgumentError, () => driver.uploadObject('box', { name: 'sub/new.txt', filePath: src }));
    // deleteContainer sees a non-file entry and refuses; it never descends into the link.
    await expect(driver.deleteContainer('box')).rejects.toThrow(/not empty/);
    await outsideUntouched();
  });

  it('a deeper symlinked directory (a/b -> outside) is refused the same way', async () => {
    await mkdir(path.join(root, 'box', 'a'));
    await symlink(outside, path.join(root, 'box', 'a', 'b'), 'dir');
    await readsRefused('box', 'a/b/secret.txt');
    await rejection(InvalidArgumentError, () => driver.uploadObjectViaStream('box', { name: 'a/b/new.txt', source: chunks('x') }));
    await outsideUntouched();
  });

  it('a symlink to a file inside the root is refused too (documented: links are never objects)', async () => {
    const real = await driver.uploadObjectViaStream('box', { name: 'real.txt', source: Readable.from([Buffer.from('inside')]) });
    await symlink(path.join(root, 'box', 'real.txt'), path.join(root, 'box', 'alias.txt'));
    await symlink(path.join(root, 'box'), path.join(root, 'alias-box'), 'dir');
    expect((await driver.listContainerObjects('box')).map((o) => o.name)).toEqual(['real.txt']);
    expect((await driver.listContainers()).map((c) => c.name)).toEqual(['box']);
    await readsRefused('box', 'alias.txt');
    await readsRefused('alias-box', 'real.txt');
    await rejection(InvalidArgumentError, () => driver.uploadObjectViaStream('box', { name: 'alias.txt', source: chunks('x') }));
    expect(await drain(await driver.downloadObjectAsStream(real))).toBe('inside');
    expect(await readFile(path.join(root, 'box', 'real.txt'), 'utf8')).toBe('inside');
  });

  it('a symlinked hidden directory (.cloudmux, its meta or staging tree) is refused: nothing is written outside', async () => {
    const other = await mkdtemp(path.join(base, 'r2-'));
    await mkdir(path.join(other, 'box'));
    await symlink(outside, path.join(other, '.cloudmux'), 'dir');
    const d2 = new LocalStorageDriver(other);
    await rejection(InvalidArgumentError, () => d2.uploadObjectViaStream('box', { name: 'x.txt', source: chunks('x') }));
    await rejection(InvalidArgumentError, () => d2.createContainer({ name: 'new' }));
    await outsideUntouched();

    // The per-container metadata directory swapped for a link after start-up.
    await driver.uploadObjectViaStream('box', { name: 'first.txt', source: chunks('x') });
    await rm(path.join(root, '.cloudmux', 'meta', 'box'), { recursive: true, force: true });
    await symlink(outside, path.join(root, '.cloudmux', 'meta', 'box'), 'dir');
    await rejection(InvalidArgumentError, () => driver.uploadObjectViaStream('box', { name: 'second.txt', source: chunks('y') }));
    expect(existsSync(path.join(root, 'box', 'second.txt'))).toBe(false);
    // Deleting the object and the container leaves the outside directory alone (only the link goes).
    await driver.deleteObject(obj('box', 'first.txt'));
    await driver.deleteContainer('box');
    await outsideUntouched();
  });
});
