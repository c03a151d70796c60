import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Capabilities } from '@cloudmux/core';
import { AlreadyExistsError, ChecksumMismatchError, InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import {
  checkRange,
  checkTempUrlOptions,
  downloadToFile,
  md5Base64ToHex,
  md5Hex,
  md5HexToBase64,
  plainChecksum,
  rollUp,
  StorageDriver,
  StorageObject,
  verifyStream,
  type DownloadObjectAsStreamOptions,
  type StorageMethod,
  type UploadObjectOptions,
  type UploadObjectViaStreamOptions,
} from '@cloudmux/core/storage';

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function* items(names: string[]): AsyncGenerator<{ name: string }> {
  for (const name of names) yield { name };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-core-storage-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('rollUp', () => {
  const names = ['a-b', 'a/1', 'a/b/2', 'a/b/3', 'a/c', 'b/x', 'c'];
  async function entries(prefix: string, delimiter: string): Promise<string[]> {
    const out: string[] = [];
    for await (const e of rollUp(items(names), prefix, delimiter)) out.push(e.kind === 'prefix' ? `P:${e.prefix}` : e.object.name);
    return out;
  }
  it('rolls names below the delimiter into one prefix each', async () => {
    expect(await entries('', '/')).toEqual(['a-b', 'P:a/', 'P:b/', 'c']);
    expect(await entries('a/', '/')).toEqual(['a/1', 'P:a/b/', 'a/c']);
    expect(await entries('a', '-')).toEqual(['P:a-', 'a/1', 'a/b/2', 'a/b/3', 'a/c']);
  });
});

describe('checksums', () => {
  it('recognises plain MD5 and SHA-256 ETags only', () => {
    expect(plainChecksum('"D41D8CD98F00B204E9800998ECF8427E"')).toEqual({ algorithm: 'md5', hex: 'd41d8cd98f00b204e9800998ecf8427e' });
    expect(plainChecksum('a'.repeat(64))?.algorithm).toBe('sha256');
    expect(plainChecksum('"9b2cf535f27731c974343645a3985328-3"')).toBeUndefined();
    expect(plainChecksum('0x8D9A1B2C3D4E5F6')).toBeUndefined();
  });
  it('converts Content-MD5 between hex and base64', () => {
    const hex = md5Hex('hello');
    expect(md5Base64ToHex(md5HexToBase64(hex))).toBe(hex);
    expect(md5HexToBase64(hex)).toBe('XUFAKrxLKna5cZ2REBfFkg==');
    expect(md5Base64ToHex('short')).toBeUndefined();
  });
  it('verifyStream passes matching bytes and fails a mismatch at the end', async () => {
    const data = Buffer.from('some bytes');
    const ok = verifyStream(Readable.from([data]), { algorithm: 'md5', expected: md5Hex(data), what: 'c/o' });
    expect((await readAll(ok)).equals(data)).toBe(true);
    const bad = verifyStream(Readable.from([data]), { algorithm: 'md5', expected: md5Hex('other'), what: 'c/o', provider: 'x' });
    const err = await readAll(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect((err as ChecksumMismatchError).code).toBe('ERR_CHECKSUM_MISMATCH');
    expect((err as ChecksumMismatchError).actual).toBe(md5Hex(data));
  });
});

describe('validation', () => {
  it('checks ranges', () => {
    expect(checkRange({})).toBeUndefined();
    expect(checkRange({ start: 5 })).toEqual({ start: 5, end: undefined });
    expect(checkRange({ end: 9 })).toEqual({ start: 0, end: 9 });
    expect(() => checkRange({ start: 5, end: 4 })).toThrow(InvalidArgumentError);
    expect(() => checkRange({ start: -1 })).toThrow(InvalidArgumentError);
  });
  it('checks temp URL options', () => {
    expect(checkTempUrlOptions({ name: 'a', expiresInMs: 60_000 })).toEqual({ name: 'a', method: 'GET', expiresInMs: 60_000 });
    expect(() => checkTempUrlOptions({ name: 'a', expiresInMs: 60_000, method: 'DELETE' as 'GET' })).toThrow(/GET, PUT/);
    expect(() => checkTempUrlOptions({ name: 'a', expiresInMs: 8 * 24 * 3600_000 })).toThrow(InvalidArgumentError);
    expect(() => checkTempUrlOptions({ name: '', expiresInMs: 60_000 })).toThrow(InvalidArgumentError);
  });
});

describe('downloadToFile', () => {
  async function* failing(): AsyncGenerator<Buffer> {
    yield Buffer.alloc(100_000, 1);
    throw new Error('connection reset');
  }
  it('writes atomically and leaves nothing on failure', async () => {
    const dest = path.join(dir, 'out.bin');
    await expect(downloadToFile(async () => Readable.from(failing()), { destinationPath: dest })).rejects.toThrow('connection reset');
    expect(await readdir(dir)).toEqual([]);
    await downloadToFile(async () => Readable.from([Buffer.from('done')]), { destinationPath: dest });
    expect(await readFile(dest, 'utf8')).toBe('done');
    expect(await readdir(dir)).toEqual(['out.bin']);
  });
  it('refuses an existing destination unless overwrite, and keeps it on failure', async () => {
    const dest = path.join(dir, 'out.bin');
    await writeFile(dest, 'old');
    let opened = false;
    const open = async (): Promise<Readable> => {
      opened = true;
      return Readable.from([Buffer.from('new')]);
    };
    await expect(downloadToFile(open, { destinationPath: dest })).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(opened).toBe(false);
    await expect(downloadToFile(async () => Readable.from(failing()), { destinationPath: dest, overwrite: true })).rejects.toThrow();
    expect(await readFile(dest, 'utf8')).toBe('old');
    await downloadToFile(open, { destinationPath: dest, overwrite: true });
    expect(await readFile(dest, 'utf8')).toBe('new');
    await expect(downloadToFile(open, { destinationPath: dir, overwrite: true })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

/** A memory driver implementing only the streaming methods: the base class adds uploadObject and downloadObject. */
class MemoryDriver extends StorageDriver {
  static override readonly provider = { id: 'memory', name: 'Memory', api: 'memory', regions: [] };
  static override readonly capabilities: Capabilities<StorageMethod> = [
    'uploadObject',
    'uploadObjectViaStream',
    'downloadObject',
    'downloadObjectAsStream',
  ];
  readonly store = new Map<string, Buffer>();
  override async uploadObjectViaStream(container: string, options: UploadObjectViaStreamOptions): Promise<StorageObject> {
    const data = await readAll(options.source);
    this.store.set(`${container}/${options.name}`, data);
    return new StorageObject({ name: options.name, containerName: container, size: data.length, hash: md5Hex(data) }, this);
  }
  override async downloadObjectAsStream(object: StorageObject, options: DownloadObjectAsStreamOptions = {}): Promise<Readable> {
    const data = this.store.get(`${object.containerName}/${object.name}`) ?? Buffer.alloc(0);
    return Readable.from([data.subarray(options.start ?? 0, options.end === undefined ? undefined : options.end + 1)]);
  }
}

describe('StorageDriver defaults', () => {
  it('uploadObject streams a file or data through uploadObjectViaStream; exactly one is required', async () => {
    const d = new MemoryDriver();
    const file = path.join(dir, 'in.txt');
    await writeFile(file, 'from file');
    expect((await d.uploadObject('c', { name: 'f', filePath: file })).size).toBe(9);
    expect((await d.uploadObject('c', { name: 'g', data: 'from data' })).size).toBe(9);
    await expect(d.uploadObject('c', { name: 'h' } as unknown as UploadObjectOptions)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(d.uploadObject('c', { name: 'h', data: 'x', filePath: file } as unknown as UploadObjectOptions)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
  it('downloadObject writes downloadObjectAsStream to a file, ranges included', async () => {
    const d = new MemoryDriver();
    const o = await d.uploadObject('c', { name: 'g', data: '0123456789' });
    const dest = path.join(dir, 'g');
    await d.downloadObject(o, { destinationPath: dest, start: 2, end: 4 });
    expect(await readFile(dest, 'utf8')).toBe('234');
  });
  it('new portable methods are NotSupportedError unless declared', async () => {
    const d = new MemoryDriver();
    const o = await d.uploadObject('c', { name: 'g', data: 'x' });
    await expect(d.copyObject(o, { destinationName: 'y' })).rejects.toBeInstanceOf(NotSupportedError);
    await expect(d.updateObjectMetadata(o, { meta: {} })).rejects.toBeInstanceOf(NotSupportedError);
    await expect(d.getObjectTempUrl('c', { name: 'g', expiresInMs: 60_000 })).rejects.toBeInstanceOf(NotSupportedError);
    await expect(d.listContainerPrefixes('c')).rejects.toBeInstanceOf(NotSupportedError);
  });
});
