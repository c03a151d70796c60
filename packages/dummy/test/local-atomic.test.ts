import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AbortError, NotFoundError } from '@cloudmux/core/errors';
import { LocalStorageDriver } from '../src/index.js';
import { filesUnder, tempRoot } from './support/temp-root.js';

// Uploads stream into a staging file and are renamed into place: a failed or aborted upload
// leaves no object and no temporary file; readers see the old or the new object, never a mix.

let dir: Awaited<ReturnType<typeof tempRoot>>;
let driver: LocalStorageDriver;

beforeEach(async () => {
  dir = await tempRoot();
  driver = new LocalStorageDriver(dir.root);
  await driver.createContainer({ name: 'box' });
});
afterEach(() => dir.remove());

const MiB = 1024 * 1024;

async function* failingAfter(chunks: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < chunks; i++) yield Buffer.alloc(size, 0x61);
  throw new Error('source broke');
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Data files of the container plus anything left in the staging directory. */
async function leftovers(): Promise<string[]> {
  const staging = await readdir(path.join(dir.root, '.cloudmux', 'staging')).catch(() => []);
  return [...(await filesUnder(path.join(dir.root, 'box'))), ...staging.map((f) => `staging/${f}`)];
}

describe('Local storage atomic uploads', () => {
  it('a source that fails mid-way leaves no object and no temp file', async () => {
    await expect(driver.uploadObjectViaStream('box', { name: 'dir/broken.bin', source: failingAfter(3, 256 * 1024) })).rejects.toThrow(
      'source broke',
    );
    await expect(driver.getObject('box', { name: 'dir/broken.bin' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await leftovers()).toEqual([]);
    expect(await driver.listContainerObjects('box')).toEqual([]);
  });

  it('an aborted upload rejects with AbortError and leaves nothing behind', async () => {
    const ac = new AbortController();
    let sent = 0;
    async function* slow(): AsyncGenerator<Uint8Array> {
      for (;;) {
        yield Buffer.alloc(64 * 1024, 0x62);
        if (++sent === 4) ac.abort(new Error('user cancelled'));
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    await expect(driver.uploadObjectViaStream('box', { name: 'aborted.bin', source: slow(), signal: ac.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(await leftovers()).toEqual([]);
    await expect(driver.getObject('box', { name: 'aborted.bin' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an already aborted signal uploads nothing', async () => {
    await expect(
      driver.uploadObjectViaStream('box', { name: 'x.txt', source: Readable.from([Buffer.from('x')]), signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(await leftovers()).toEqual([]);
  });

  it('a failed replacement keeps the previous object, its content and its metadata', async () => {
    await driver.uploadObjectViaStream('box', { name: 'keep.txt', source: Readable.from([Buffer.from('version one')]), meta: { v: '1' } });
    await expect(driver.uploadObjectViaStream('box', { name: 'keep.txt', source: failingAfter(2, MiB), meta: { v: '2' } })).rejects.toThrow(
      'source broke',
    );
    const o = await driver.getObject('box', { name: 'keep.txt' });
    expect(o.meta).toEqual({ v: '1' });
    expect(o.size).toBe(11);
    expect((await readAll(await driver.downloadObjectAsStream(o))).toString()).toBe('version one');
    expect(await leftovers()).toEqual(['keep.txt']);
  });

  it('a concurrent reader sees the old or the new object, never a torn one', async () => {
    const size = 2 * MiB;
    const fill = (byte: number): Buffer => Buffer.alloc(size, byte);
    await driver.uploadObjectViaStream('box', { name: 'hot.bin', source: Readable.from([fill(0x41)]) });
    // A stream opened before the replacement keeps reading the old bytes.
    const early = await driver.downloadObjectAsStream(await driver.getObject('box', { name: 'hot.bin' }));
    const versions = [0x42, 0x43, 0x44, 0x45];
    const seen = new Set<number>();
    let writing = true;
    const writer = (async () => {
      for (const v of versions) {
        async function* chunks(): AsyncGenerator<Uint8Array> {
          for (let off = 0; off < size; off += 128 * 1024) {
            yield Buffer.alloc(128 * 1024, v);
            await new Promise((r) => setImmediate(r));
          }
        }
        await driver.uploadObjectViaStream('box', { name: 'hot.bin', source: chunks() });
      }
      writing = false;
    })();
    let reads = 0;
    let readsWhileWriting = 0;
    while (writing || reads < 5) {
      if (writing) readsWhileWriting++;
      const o = await driver.getObject('box', { name: 'hot.bin' });
      expect(o.size).toBe(size);
      const data = await readAll(await driver.downloadObjectAsStream(o));
      expect(data.length).toBe(size);
      const first = data[0]!;
      expect(data.equals(fill(first))).toBe(true);
      seen.add(first);
      reads++;
    }
    await writer;
    expect((await readAll(early)).equals(fill(0x41))).toBe(true);
    expect(readsWhileWriting).toBeGreaterThan(0);
    for (const v of seen) expect([0x41, ...versions]).toContain(v);
    expect((await driver.getObject('box', { name: 'hot.bin' })).hash).toBe(
      (await import('node:crypto')).createHash('sha256').update(fill(0x45)).digest('hex'),
    );
    expect(await leftovers()).toEqual(['hot.bin']);
  });

  it('concurrent uploads of one name end with one complete object', async () => {
    const bodies = [0x31, 0x32, 0x33, 0x34, 0x35].map((b) => Buffer.alloc(300_000, b));
    await Promise.all(
      bodies.map((b, i) => driver.uploadObjectViaStream('box', { name: 'race.bin', source: Readable.from([b]), meta: { i: String(i) } })),
    );
    const o = await driver.getObject('box', { name: 'race.bin' });
    const data = await readAll(await driver.downloadObjectAsStream(o));
    const winner = bodies.findIndex((b) => b.equals(data));
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(o.meta).toEqual({ i: String(winner) });
    expect(await leftovers()).toEqual(['race.bin']);
  });
});
