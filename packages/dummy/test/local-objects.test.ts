import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { StorageObject } from '@cloudmux/core/storage';
import { LocalStorageDriver } from '../src/index.js';
import { filesUnder, tempRoot } from './support/temp-root.js';

let dir: Awaited<ReturnType<typeof tempRoot>>;
let driver: LocalStorageDriver;

beforeEach(async () => {
  dir = await tempRoot();
  driver = new LocalStorageDriver(dir.root);
  await driver.createContainer({ name: 'box' });
});
afterEach(() => dir.remove());

const put = (name: string, data: string | Buffer, options = {}): Promise<StorageObject> =>
  driver.uploadObjectViaStream('box', { name, source: Readable.from([Buffer.from(data)]), ...options });

async function text(o: StorageObject, range: { start?: number; end?: number } = {}): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of await driver.downloadObjectAsStream(o, range)) parts.push(c as Buffer);
  return Buffer.concat(parts).toString();
}

async function refusal(fn: () => unknown): Promise<InvalidArgumentError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return e as InvalidArgumentError;
  }
  throw new Error('expected InvalidArgumentError, but the call succeeded');
}

describe('Local storage metadata and content type', () => {
  it('stores them beside the object, where a new driver on the same root finds them', async () => {
    await put('docs/report.bin', 'payload', {
      contentType: 'application/vnd.cloudmux+json; charset=utf-8',
      meta: { owner: 'ops', 'build-id': '42' },
    });
    // The object file holds only the data; the metadata lives in a sidecar under .cloudmux/.
    expect(await readFile(path.join(dir.root, 'box', 'docs', 'report.bin'), 'utf8')).toBe('payload');
    const sidecars = (await filesUnder(path.join(dir.root, '.cloudmux', 'meta'))).filter((f) => f.endsWith('.json'));
    expect(sidecars).toHaveLength(1);
    const again = await new LocalStorageDriver(dir.root).getObject('box', { name: 'docs/report.bin' });
    expect(again.contentType).toBe('application/vnd.cloudmux+json; charset=utf-8');
    expect(again.meta).toEqual({ owner: 'ops', 'build-id': '42' });
    expect(again.hash).toBe('239f59ed55e737c77147cf55ad0c1b030b6d7ee748a7426952f9b852d5a935e5'); // sha256("payload")
    expect(again.extra).toMatchObject({ hashAlgorithm: 'sha256', path: path.join(dir.root, 'box', 'docs', 'report.bin') });
    expect((await driver.listContainerObjects('box'))[0]?.meta).toEqual({ owner: 'ops', 'build-id': '42' });
  });

  it('guesses the content type from the extension when none is given', async () => {
    expect((await put('a/page.html', '<p>')).contentType).toBe('text/html; charset=utf-8');
    expect((await driver.getObject('box', { name: 'a/page.html' })).contentType).toBe('text/html; charset=utf-8');
    expect((await put('noext', 'x')).contentType).toBe('application/octet-stream');
  });

  it('a replaced object gets the new metadata; a deleted one leaves no sidecar', async () => {
    await put('x.txt', 'one', { meta: { v: '1' } });
    await put('x.txt', 'two!', { meta: { v: '2' } });
    const o = await driver.getObject('box', { name: 'x.txt' });
    expect([o.size, o.meta]).toEqual([4, { v: '2' }]);
    await driver.deleteObject(o);
    expect(await filesUnder(path.join(dir.root, '.cloudmux', 'meta'))).toEqual([]);
    expect(await filesUnder(path.join(dir.root, 'box'))).toEqual([]);
  });

  it('a file put there by another tool is listed with its real MD5, a guessed type and no metadata', async () => {
    await writeFile(path.join(dir.root, 'box', 'foreign.json'), '{}');
    const o = await driver.getObject('box', { name: 'foreign.json' });
    expect([o.size, o.hash, o.contentType, o.meta]).toEqual([
      2,
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      'application/json',
      {},
    ]);
  });

  it('reports MD5 hashes (S3-style ETags) when asked to', async () => {
    const md5 = new LocalStorageDriver(dir.root, undefined, { hashAlgorithm: 'md5' });
    const o = await md5.uploadObjectViaStream('box', { name: 'm.bin', source: Readable.from([Buffer.from('payload')]) });
    expect([o.hash, o.extra.hashAlgorithm]).toEqual(['321c3cf486ed509164edec1e1981fec8', 'md5']);
    // The stored hash says which algorithm made it, whichever driver reads it.
    expect((await driver.getObject('box', { name: 'm.bin' })).extra).toMatchObject({ hashAlgorithm: 'md5' });
    expect(() => new LocalStorageDriver(dir.root, undefined, { hashAlgorithm: 'crc32' as never })).toThrow(/"crc32".*sha256, md5/);
  });

  it('refuses bad metadata and content types, naming them', async () => {
    expect((await refusal(() => put('m.txt', 'x', { meta: { 'bad key': 'v' } }))).message).toContain('"bad key"');
    expect((await refusal(() => put('m.txt', 'x', { meta: { k: 'line\nbreak' } }))).message).toContain('"k"');
    expect((await refusal(() => put('m.txt', 'x', { contentType: 'not a type' }))).message).toContain('"not a type"');
    expect(await filesUnder(path.join(dir.root, 'box'))).toEqual([]);
  });
});

describe('Local storage range downloads', () => {
  it('serves inclusive ranges, clamps the end and refuses impossible ranges', async () => {
    const o = await put('digits.txt', '0123456789');
    expect(await text(o, { start: 2, end: 4 })).toBe('234');
    expect(await text(o, { start: 7 })).toBe('789');
    expect(await text(o, { end: 0 })).toBe('0');
    expect(await text(o, { start: 8, end: 100 })).toBe('89');
    expect((await refusal(() => driver.downloadObjectAsStream(o, { start: 10 }))).message).toContain('10');
    expect((await refusal(() => driver.downloadObjectAsStream(o, { start: 5, end: 4 }))).message).toContain('5-4');
    await refusal(() => driver.downloadObjectAsStream(o, { start: -1 }));
    await refusal(() => driver.downloadObjectAsStream(o, { start: 1.5 }));
  });

  it('downloads a range to a file', async () => {
    const o = await put('digits.txt', '0123456789');
    const dest = path.join(dir.root, 'out.txt');
    expect(await driver.downloadObject(o, { destinationPath: dest, start: 3, end: 5 })).toBe(true);
    expect(await readFile(dest, 'utf8')).toBe('345');
  });

  it('an empty object downloads as an empty stream', async () => {
    expect(await text(await put('empty', ''))).toBe('');
  });
});

describe('Local storage prefix listing', () => {
  const names = ['a-', 'a.txt', 'a/b', 'a/sub/deep/x', 'a/sub/y', 'a0', 'b', 'z/z', 'z/é'];
  beforeEach(async () => {
    for (const n of [...names].reverse()) await put(n, n);
  });
  const list = async (prefix?: string): Promise<string[]> =>
    (await driver.listContainerObjects('box', prefix === undefined ? {} : { prefix })).map((o) => o.name);

  it('lists in UTF-8 byte order (S3 order), across directories', async () => {
    expect(await list()).toEqual(names);
  });

  it('filters by prefix, whether it ends inside a name, at a "/" or inside a directory name', async () => {
    expect(await list('a')).toEqual(['a-', 'a.txt', 'a/b', 'a/sub/deep/x', 'a/sub/y', 'a0']);
    expect(await list('a/')).toEqual(['a/b', 'a/sub/deep/x', 'a/sub/y']);
    expect(await list('a/s')).toEqual(['a/sub/deep/x', 'a/sub/y']);
    expect(await list('a/sub/deep/')).toEqual(['a/sub/deep/x']);
    expect(await list('z/\u00e9')).toEqual(['z/é']);
    expect(await list('nothing')).toEqual([]);
    expect(await list('../')).toEqual([]);
  });

  it('iterates lazily: breaking out early stops the walk', async () => {
    const seen: string[] = [];
    for await (const o of driver.iterateContainerObjects('box', { prefix: 'a/' })) {
      seen.push(o.name);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a/b', 'a/sub/deep/x']);
  });

  it('refuses an object that would also be a prefix (the file system cannot hold both)', async () => {
    expect((await refusal(() => put('a/b/c', 'x'))).message).toContain('"a/b"');
    expect((await refusal(() => put('a/sub', 'x'))).message).toContain('"a/sub"');
  });
});

describe('Local storage name checks', () => {
  const BAD_OBJECT_NAMES = [
    '..',
    '.',
    '../escape.txt',
    'a/../../escape.txt',
    'a/./b',
    '/etc/passwd',
    'a\u0000b',
    'a\\..\\b',
    '..\\escape',
    'a//b',
    'trailing/',
    '',
    'tab\there',
    '\ud800',
  ];
  const BAD_CONTAINER_NAMES = ['..', '.', '../up', '/abs', 'a/b', 'a\\b', 'nul\u0000', '.cloudmux', ''];

  it('rejects object names with "..", absolute paths, NUL, backslashes and other escapes, naming the value', async () => {
    const victim = new StorageObject({ name: 'placeholder', size: 0, hash: '', containerName: 'box' }, driver);
    for (const name of BAD_OBJECT_NAMES) {
      const shown = JSON.stringify(name);
      expect((await refusal(() => put(name, 'x'))).message).toContain(shown);
      expect((await refusal(() => driver.getObject('box', { name }))).message).toContain(shown);
      const bad = Object.assign(Object.create(Object.getPrototypeOf(victim) as object) as StorageObject, { ...victim, name });
      expect((await refusal(() => driver.downloadObjectAsStream(bad))).message).toContain(shown);
      expect((await refusal(() => driver.deleteObject(bad))).message).toContain(shown);
    }
    expect(existsSync(path.join(dir.root, 'escape.txt'))).toBe(false);
    expect(existsSync(path.join(path.dirname(dir.root), 'escape.txt'))).toBe(false);
    expect(await filesUnder(path.join(dir.root, 'box'))).toEqual([]);
  });

  it('rejects container names that are not one plain directory, naming the value', async () => {
    for (const name of BAD_CONTAINER_NAMES) {
      const shown = JSON.stringify(name);
      expect((await refusal(() => driver.createContainer({ name }))).message).toContain(shown);
      expect((await refusal(() => driver.getContainer(name))).message).toContain(shown);
      expect(
        (await refusal(() => driver.uploadObjectViaStream(name, { name: 'x', source: Readable.from([Buffer.from('x')]) }))).message,
      ).toContain(shown);
    }
  });

  it('accepts ordinary names with dots, spaces and Unicode', async () => {
    for (const name of ['..hidden-ish', 'a..b', 'dir.v1/file.tar.gz', 'with space/and+plus', 'ünïcode/名前.txt', '%2e%2e/literal']) {
      await put(name, name);
      expect((await driver.getObject('box', { name })).name).toBe(name);
    }
    expect(await driver.listContainerObjects('box')).toHaveLength(6);
  });
});
