import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ChecksumMismatchError } from '@cloudmux/core/errors';
import { LocalStorageDriver } from '../src/index.js';
import { filesUnder, tempRoot } from './support/temp-root.js';

// Checksums on the Local driver: the hash recorded at upload (in the sidecar) is checked on every
// whole-object read, so bytes changed behind the driver's back are reported, and a download that
// fails verification leaves no destination file.

let dir: Awaited<ReturnType<typeof tempRoot>>;
let driver: LocalStorageDriver;

beforeEach(async () => {
  dir = await tempRoot();
  driver = new LocalStorageDriver(dir.root, undefined, { hashAlgorithm: 'md5' });
  await driver.createContainer({ name: 'box' });
});
afterEach(() => dir.remove());

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Rewrites the sidecar of `box/<name>` with a wrong hash (the data file keeps its inode and mtime, so the sidecar still "matches"). */
async function corruptRecordedHash(name: string): Promise<void> {
  const h = createHash('sha256').update(name).digest('hex');
  const file = path.join(dir.root, '.cloudmux', 'meta', 'box', h.slice(0, 2), `${h}.json`);
  const sc = JSON.parse(await readFile(file, 'utf8')) as { hash: string };
  sc.hash = '0'.repeat(32);
  await writeFile(file, JSON.stringify(sc));
}

describe('Local storage checksums', () => {
  it('reports an MD5 hash and verifies whole downloads against it', async () => {
    const data = Buffer.from('checksummed bytes');
    const o = await driver.uploadObject('box', { name: 'a.txt', data });
    expect(o.hash).toBe(createHash('md5').update(data).digest('hex'));
    expect((await readAll(await driver.downloadObjectAsStream(o))).equals(data)).toBe(true);
    await corruptRecordedHash('a.txt');
    await expect(readAll(await driver.downloadObjectAsStream(o))).rejects.toBeInstanceOf(ChecksumMismatchError);
    // Opting out, and ranged reads, are not verified.
    expect((await readAll(await driver.downloadObjectAsStream(o, { verifyHash: false }))).equals(data)).toBe(true);
    expect((await readAll(await driver.downloadObjectAsStream(o, { start: 1, end: 3 }))).toString()).toBe('hec');
  });

  it('leaves no destination file (and no temporary file) when a download fails verification', async () => {
    const o = await driver.uploadObject('box', { name: 'b.bin', data: Buffer.alloc(300_000, 7) });
    await corruptRecordedHash('b.bin');
    const out = await tempRoot('cmx-dl-');
    try {
      const dest = path.join(out.root, 'b.bin');
      await expect(driver.downloadObject(o, { destinationPath: dest })).rejects.toBeInstanceOf(ChecksumMismatchError);
      expect(await readdir(out.root)).toEqual([]);
      // An existing destination is left as it was.
      await writeFile(dest, 'old');
      await expect(driver.downloadObject(o, { destinationPath: dest, overwrite: true })).rejects.toBeInstanceOf(ChecksumMismatchError);
      expect(await readFile(dest, 'utf8')).toBe('old');
      expect(await readdir(out.root)).toEqual(['b.bin']);
    } finally {
      await out.remove();
    }
  });

  it('refuses an upload whose bytes differ from the md5 option and keeps nothing of it', async () => {
    const err = await driver
      .uploadObjectViaStream('box', {
        name: 'c.bin',
        source: Readable.from([Buffer.from('abc')]),
        md5: '0'.repeat(32),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect((err as ChecksumMismatchError).actual).toBe(createHash('md5').update('abc').digest('hex'));
    expect(await filesUnder(path.join(dir.root, 'box'))).toEqual([]);
    expect(await readdir(path.join(dir.root, '.cloudmux', 'staging'))).toEqual([]);
  });

  it('keeps the hash when metadata is updated, and the copy gets the same hash', async () => {
    const o = await driver.uploadObject('box', { name: 'd.txt', data: 'x', meta: { a: '1' } });
    const u = await driver.updateObjectMetadata(o, { meta: { b: '2' } });
    expect(u.hash).toBe(o.hash);
    expect((await driver.getObject('box', { name: 'd.txt' })).meta).toEqual({ b: '2' });
    const c = await driver.copyObject(o, { destinationName: 'e/f.txt' });
    expect(c.hash).toBe(o.hash);
    expect(c.meta).toEqual({ b: '2' });
  });
});
