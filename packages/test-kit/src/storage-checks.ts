import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from '@jest/globals';
import { AlreadyExistsError } from '@cloudmux/core/errors';
import { Container, type StorageMethod } from '@cloudmux/core/storage';
import { collect, errorOf, expectDriverRef, expectNotFound, expectRefused, first, needs, uniqueName } from './harness.js';
import { bytes, canUpload, expectObject, put, readAll, testContainer, type StorageContext } from './storage-context.js';

const META = { owner: 'conformance', 'build-id': '42' };

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-conf-storage-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function needsUpload(ctx: StorageContext, forWhat: string): void {
  if (!canUpload(ctx.driver)) throw new Error(`The conformance check of ${forWhat} needs uploadObjectViaStream or uploadObject`);
}

/** Checks the objects of a container are gone after a failed upload. */
async function expectNoObject(ctx: StorageContext, container: Container, name: string): Promise<void> {
  if (ctx.driver.supports('getObject'))
    await expectNotFound(`getObject of ${name} after a failed upload`, () => ctx.driver.getObject(container, { name }));
  if (ctx.driver.supports('listContainerObjects'))
    expect((await ctx.driver.listContainerObjects(container)).map((o) => o.name)).not.toContain(name);
}

/** `createContainer`: a container with that name; a taken name throws AlreadyExistsError. */
export async function checkCreateContainer(ctx: StorageContext): Promise<void> {
  const c = await testContainer(ctx);
  expect(c).toBeInstanceOf(Container);
  expectDriverRef(c, ctx.driver);
  expect(await errorOf(() => ctx.driver.createContainer({ name: c.name }))).toBeInstanceOf(AlreadyExistsError);
}

/** `listContainers`/`iterateContainers`: a new container is listed by both. */
export async function checkListContainers(ctx: StorageContext): Promise<void> {
  const c = ctx.driver.supports('createContainer') ? await testContainer(ctx) : undefined;
  const names = (await ctx.driver.listContainers()).map((x) => x.name);
  expect(new Set(names).size).toBe(names.length);
  const iterated = (await collect(ctx.driver.iterateContainers())).map((x) => x.name);
  if (c) {
    expect(names).toContain(c.name);
    expect(iterated).toContain(c.name);
  }
}

/** `getContainer`: finds a container; NotFoundError for an unknown name. */
export async function checkGetContainer(ctx: StorageContext): Promise<void> {
  await expectNotFound('getContainer of an unknown name', () => ctx.driver.getContainer(uniqueName('cmx-missing')));
  needs(ctx.driver, 'createContainer', 'getContainer');
  const c = await testContainer(ctx);
  const got = await ctx.driver.getContainer(c.name);
  expect(got.name).toBe(c.name);
  expectDriverRef(got, ctx.driver);
}

/** `deleteContainer`: a non-empty container is refused; an empty one goes. */
export async function checkDeleteContainer(ctx: StorageContext): Promise<void> {
  needs(ctx.driver, 'createContainer', 'deleteContainer');
  const c = await ctx.driver.createContainer({ name: uniqueName('cmx-conf') });
  if (canUpload(ctx.driver) && ctx.driver.supports('deleteObject')) {
    const o = await put(ctx, c, 'keep/me.txt', bytes(10));
    await expectRefused('deleting a container that holds objects', () => ctx.driver.deleteContainer(c));
    await ctx.driver.deleteObject(o);
  }
  expect(await ctx.driver.deleteContainer(c)).toBe(true);
  if (ctx.driver.supports('getContainer'))
    await expectNotFound('getContainer after deleteContainer', () => ctx.driver.getContainer(c.name));
}

/** `uploadObjectViaStream`: from a Readable and from an async iterable, overwrite, and all-or-nothing on failure or abort. */
export async function checkUploadViaStream(ctx: StorageContext): Promise<void> {
  const c = await testContainer(ctx);
  const data = bytes(200_000);
  const o = await ctx.driver.uploadObjectViaStream(c, {
    name: 'dir/streamed.bin',
    source: Readable.from([data.subarray(0, 65_536), data.subarray(65_536)]),
    meta: META,
    contentType: 'application/octet-stream',
  });
  expectObject(o, ctx, c, 'dir/streamed.bin', data);
  async function* chunks(): AsyncIterable<Uint8Array> {
    yield new Uint8Array([1, 2, 3]);
    yield new Uint8Array([4, 5]);
  }
  const it = await ctx.driver.uploadObjectViaStream(c, { name: 'iterable.bin', source: chunks() });
  expectObject(it, ctx, c, 'iterable.bin', Buffer.from([1, 2, 3, 4, 5]));
  const replaced = await ctx.driver.uploadObjectViaStream(c, { name: 'iterable.bin', source: Readable.from([Buffer.from('short')]) });
  expect(replaced.size).toBe(5);
  const boom = new Error('source failed');
  async function* failing(): AsyncIterable<Uint8Array> {
    yield new Uint8Array(1000);
    throw boom;
  }
  expect(await errorOf(() => ctx.driver.uploadObjectViaStream(c, { name: 'failed.bin', source: failing() }))).toBe(boom);
  await expectNoObject(ctx, c, 'failed.bin');
  const ac = new AbortController();
  async function* slow(): AsyncIterable<Uint8Array> {
    yield new Uint8Array(1000);
    ac.abort();
    await new Promise((r) => setTimeout(r, 20));
    yield new Uint8Array(1000);
  }
  await errorOf(() => ctx.driver.uploadObjectViaStream(c, { name: 'aborted.bin', source: slow(), signal: ac.signal }));
  await expectNoObject(ctx, c, 'aborted.bin');
}

/** `uploadObject`: a local file; the content type is guessed from the name. */
export async function checkUploadObject(ctx: StorageContext): Promise<void> {
  const c = await testContainer(ctx);
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'hello.txt');
    const data = Buffer.from('hello, conformance\n');
    await writeFile(file, data);
    const o = await ctx.driver.uploadObject(c, { name: 'docs/hello.txt', filePath: file, meta: META });
    expectObject(o, ctx, c, 'docs/hello.txt', data);
    expect(o.contentType ?? '').toMatch(/^text\/plain/);
    await expectRefused('uploading a file that does not exist', () =>
      ctx.driver.uploadObject(c, { name: 'missing.txt', filePath: path.join(dir, 'missing') }),
    );
  });
}

/** `getObject`: size, hash, content type and metadata round-trip; NotFoundError when absent. */
export async function checkGetObject(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'getObject');
  const c = await testContainer(ctx);
  await expectNotFound('getObject of an unknown name', () => ctx.driver.getObject(c, { name: 'no/such/object' }));
  const data = bytes(1234);
  await put(ctx, c, 'a/b/meta.json', data, META);
  const o = await ctx.driver.getObject(c, { name: 'a/b/meta.json' });
  expectObject(o, ctx, c, 'a/b/meta.json', data);
  expect(o.meta).toEqual(META);
  expect(o.contentType ?? '').toMatch(/json/);
}

/** `listContainerObjects`/`iterateContainerObjects`: name order, prefixes, lazy iteration. */
export async function checkListObjects(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'listContainerObjects');
  const c = await testContainer(ctx);
  const names = ['b.txt', 'a/2.txt', 'c', 'a/1.txt', 'a-b', 'a/sub/3.txt'];
  for (const [i, n] of names.entries()) await put(ctx, c, n, bytes(i + 1));
  const listed = await ctx.driver.listContainerObjects(c);
  expect(listed.map((o) => o.name)).toEqual(['a-b', 'a/1.txt', 'a/2.txt', 'a/sub/3.txt', 'b.txt', 'c']);
  expect(listed.find((o) => o.name === 'c')?.size).toBe(3);
  for (const o of listed) expectDriverRef(o, ctx.driver);
  expect((await ctx.driver.listContainerObjects(c, { prefix: 'a/' })).map((o) => o.name)).toEqual(['a/1.txt', 'a/2.txt', 'a/sub/3.txt']);
  expect((await ctx.driver.listContainerObjects(c, { prefix: 'a/s' })).map((o) => o.name)).toEqual(['a/sub/3.txt']);
  expect(await ctx.driver.listContainerObjects(c, { prefix: 'zzz' })).toEqual([]);
  expect((await first(ctx.driver.iterateContainerObjects(c)))?.name).toBe('a-b');
}

/** `downloadObjectAsStream`: whole object and inclusive byte ranges. */
export async function checkDownloadStream(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'downloadObjectAsStream');
  const c = await testContainer(ctx);
  const data = bytes(300_000);
  const o = await put(ctx, c, 'big.bin', data);
  expect((await readAll(await ctx.driver.downloadObjectAsStream(o))).equals(data)).toBe(true);
  expect((await readAll(await ctx.driver.downloadObjectAsStream(o, { start: 10, end: 19 }))).equals(data.subarray(10, 20))).toBe(true);
  expect((await readAll(await ctx.driver.downloadObjectAsStream(o, { start: 299_990 }))).equals(data.subarray(299_990))).toBe(true);
  expect((await readAll(await ctx.driver.downloadObjectAsStream(o, { start: 0, end: 0 }))).equals(data.subarray(0, 1))).toBe(true);
}

/** `downloadObject`: writes the file, refuses to overwrite unless asked, supports ranges. */
export async function checkDownloadObject(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'downloadObject');
  const c = await testContainer(ctx);
  const data = bytes(50_000);
  const o = await put(ctx, c, 'file.bin', data);
  await withTempDir(async (dir) => {
    const dest = path.join(dir, 'out.bin');
    expect(await ctx.driver.downloadObject(o, { destinationPath: dest })).toBe(true);
    expect((await readFile(dest)).equals(data)).toBe(true);
    await writeFile(dest, 'keep');
    await expectRefused('downloading over an existing file without overwrite', () =>
      ctx.driver.downloadObject(o, { destinationPath: dest }),
    );
    expect(await readFile(dest, 'utf8')).toBe('keep');
    expect(await ctx.driver.downloadObject(o, { destinationPath: dest, overwrite: true, start: 100, end: 199 })).toBe(true);
    expect((await readFile(dest)).equals(data.subarray(100, 200))).toBe(true);
  });
}

/** `deleteObject`: resolves true; the object is gone; deleting again is NotFoundError. */
export async function checkDeleteObject(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'deleteObject');
  const c = await testContainer(ctx);
  const o = await put(ctx, c, 'x/y/z.bin', bytes(10));
  expect(await ctx.driver.deleteObject(o)).toBe(true);
  if (ctx.driver.supports('getObject'))
    await expectNotFound('getObject after deleteObject', () => ctx.driver.getObject(c, { name: 'x/y/z.bin' }));
  if (ctx.driver.supports('listContainerObjects')) expect(await ctx.driver.listContainerObjects(c)).toEqual([]);
  await expectNotFound('deleting a deleted object', () => ctx.driver.deleteObject(o));
}

/** CDN methods: enabling resolves true and the URL is an http(s) URL. */
export async function checkCdn(ctx: StorageContext, method: StorageMethod): Promise<void> {
  const c = await testContainer(ctx);
  if (method === 'enableContainerCdn') expect(await ctx.driver.enableContainerCdn(c)).toBe(true);
  if (method === 'getContainerCdnUrl') {
    if (ctx.driver.supports('enableContainerCdn')) await ctx.driver.enableContainerCdn(c);
    expect(new URL(await ctx.driver.getContainerCdnUrl(c)).protocol).toMatch(/^https?:$/);
  }
  if (method === 'enableObjectCdn' || method === 'getObjectCdnUrl') {
    needsUpload(ctx, method);
    const o = await put(ctx, c, 'cdn.txt', bytes(5));
    if (method === 'enableObjectCdn') expect(await ctx.driver.enableObjectCdn(o)).toBe(true);
    else {
      if (ctx.driver.supports('enableObjectCdn')) await ctx.driver.enableObjectCdn(o);
      else if (ctx.driver.supports('enableContainerCdn')) await ctx.driver.enableContainerCdn(c);
      expect(new URL(await ctx.driver.getObjectCdnUrl(o)).protocol).toMatch(/^https?:$/);
    }
  }
}
