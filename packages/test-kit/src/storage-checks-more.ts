import { Readable } from 'node:stream';
import { expect } from '@jest/globals';
import { ChecksumMismatchError, InvalidArgumentError } from '@cloudmux/core/errors';
import { ObjectPrefix, StorageObject, type Container, type UploadObjectOptions } from '@cloudmux/core/storage';
import { collect, errorOf, expectDriverRef, expectNotFound, needs } from './harness.js';
import { bytes, canUpload, expectObject, md5, put, readAll, testContainer, type StorageContext } from './storage-context.js';

// Checks of the storage methods added with issue #12 (delimiters, copy, metadata, temp URLs,
// checksums), kept apart from storage-checks.ts so each file stays one concern.

/** Names used by the delimiter checks, and what each level holds. */
const TREE = ['a-b', 'a/1.txt', 'a/2.txt', 'a/sub/3.txt', 'a/sub/deep/4.txt', 'b/x', 'c'];

function needsUpload(ctx: StorageContext, forWhat: string): void {
  if (!canUpload(ctx.driver)) throw new Error(`The conformance check of ${forWhat} needs uploadObjectViaStream or uploadObject`);
}

async function putTree(ctx: StorageContext, c: Container): Promise<void> {
  for (const [i, n] of TREE.entries()) await put(ctx, c, n, bytes(i + 1));
}

/** `listContainerObjects` with a delimiter: only the objects of one level; and enough objects to need several pages. */
export async function checkListObjectsDelimited(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'listContainerObjects with a delimiter');
  const c = await testContainer(ctx);
  await putTree(ctx, c);
  const names = async (prefix: string | undefined, delimiter: string): Promise<string[]> =>
    (await ctx.driver.listContainerObjects(c, { ...(prefix === undefined ? {} : { prefix }), delimiter })).map((o) => o.name);
  expect(await names(undefined, '/')).toEqual(['a-b', 'c']);
  expect(await names('a/', '/')).toEqual(['a/1.txt', 'a/2.txt']);
  expect(await names('a/sub/', '/')).toEqual(['a/sub/3.txt']);
  expect(await names('a/s', '/')).toEqual([]);
  expect(await errorOf(() => ctx.driver.listContainerObjects(c, { delimiter: '' }))).toBeInstanceOf(InvalidArgumentError);
  // More objects than a small page (drivers' test setups use small page sizes): every page is followed.
  const many = Array.from({ length: 23 }, (_, i) => `page/${String(i).padStart(3, '0')}`);
  for (const n of many) await put(ctx, c, n, bytes(1));
  expect((await ctx.driver.listContainerObjects(c, { prefix: 'page/' })).map((o) => o.name)).toEqual(many);
  expect((await collect(ctx.driver.iterateContainerObjects(c, { prefix: 'page/', delimiter: '/' }))).length).toBe(many.length);
}

/** `listContainerPrefixes`/`iterateContainerPrefixes`: the common prefixes of one level, typed. */
export async function checkListPrefixes(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'listContainerPrefixes');
  const c = await testContainer(ctx);
  await putTree(ctx, c);
  const top = await ctx.driver.listContainerPrefixes(c);
  expect(top.map((p) => p.name)).toEqual(['a/', 'b/']);
  for (const p of top) {
    expect(p).toBeInstanceOf(ObjectPrefix);
    expect(p.kind).toBe('prefix');
    expect(p.containerName).toBe(c.name);
    expectDriverRef(p, ctx.driver);
  }
  expect((await ctx.driver.listContainerPrefixes(c, { prefix: 'a/', delimiter: '/' })).map((p) => p.name)).toEqual(['a/sub/']);
  expect((await ctx.driver.listContainerPrefixes(c, { prefix: 'a/sub/' })).map((p) => p.name)).toEqual(['a/sub/deep/']);
  expect(await ctx.driver.listContainerPrefixes(c, { prefix: 'c' })).toEqual([]);
  expect((await collect(ctx.driver.iterateContainerPrefixes(c))).map((p) => p.name)).toEqual(['a/', 'b/']);
}

/** `uploadObject` from in-memory data, and the `md5` option: a wrong MD5 stores nothing. */
export async function checkUploadData(ctx: StorageContext): Promise<void> {
  const c = await testContainer(ctx);
  const data = bytes(4321);
  const o = await ctx.driver.uploadObject(c, { name: 'mem/data.bin', data, md5: md5(data) });
  expectObject(o, ctx, c, 'mem/data.bin', data);
  const text = await ctx.driver.uploadObject(c, { name: 'mem/text.txt', data: 'héllo' });
  expect(text.size).toBe(Buffer.byteLength('héllo'));
  const err = await errorOf(() => ctx.driver.uploadObject(c, { name: 'mem/bad.bin', data, md5: md5(Buffer.from('other')) }));
  expect(err).toBeInstanceOf(ChecksumMismatchError);
  expect((err as ChecksumMismatchError).algorithm).toBe('md5');
  if (ctx.driver.supports('getObject'))
    await expectNotFound('getObject after a checksum mismatch', () => ctx.driver.getObject(c, { name: 'mem/bad.bin' }));
  expect(
    await errorOf(() => ctx.driver.uploadObject(c, { name: 'mem/both', data, filePath: '/nonexistent' } as unknown as UploadObjectOptions)),
  ).toBeInstanceOf(InvalidArgumentError);
  expect(await errorOf(() => ctx.driver.uploadObject(c, { name: 'mem/md5', data, md5: 'nothex' }))).toBeInstanceOf(InvalidArgumentError);
}

/** `uploadObjectViaStream` with a wrong `md5`: ChecksumMismatchError, the previous object stays. */
export async function checkStreamChecksum(ctx: StorageContext): Promise<void> {
  const c = await testContainer(ctx);
  const old = bytes(100, 1);
  await put(ctx, c, 'keep.bin', old);
  const err = await errorOf(() =>
    ctx.driver.uploadObjectViaStream(c, { name: 'keep.bin', source: Readable.from([bytes(100, 2)]), md5: md5(old) }),
  );
  expect(err).toBeInstanceOf(ChecksumMismatchError);
  if (ctx.driver.supports('downloadObjectAsStream') && ctx.driver.supports('getObject')) {
    const o = await ctx.driver.getObject(c, { name: 'keep.bin' });
    expect((await readAll(await ctx.driver.downloadObjectAsStream(o))).equals(old)).toBe(true);
  }
}

/** `copyObject`: same and other container, metadata kept or replaced, source untouched. */
export async function checkCopyObject(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'copyObject');
  const c = await testContainer(ctx);
  const data = bytes(70_000);
  const meta = { origin: 'conformance' };
  const src = await put(ctx, c, 'src/file.json', data, meta);
  const copy = await ctx.driver.copyObject(src, { destinationName: 'dst/copy.json' });
  expectObject(copy, ctx, c, 'dst/copy.json', data);
  if (ctx.driver.supports('getObject')) {
    const got = await ctx.driver.getObject(c, { name: 'dst/copy.json' });
    expect(got.meta).toEqual(meta);
    expect(got.contentType ?? '').toMatch(/json/);
    expect((await ctx.driver.getObject(c, { name: 'src/file.json' })).size).toBe(data.length);
  }
  if (ctx.driver.supports('downloadObjectAsStream'))
    expect((await readAll(await ctx.driver.downloadObjectAsStream(copy))).equals(data)).toBe(true);
  const other = await testContainer(ctx);
  const moved = await ctx.driver.copyObject(src, {
    destinationContainer: other,
    destinationName: 'x.bin',
    meta: { replaced: 'yes' },
    contentType: 'application/octet-stream',
  });
  expectObject(moved, ctx, other, 'x.bin', data);
  if (ctx.driver.supports('getObject')) {
    const got = await ctx.driver.getObject(other, { name: 'x.bin' });
    expect(got.meta).toEqual({ replaced: 'yes' });
    expect(got.contentType).toBe('application/octet-stream');
  }
  const missing = new StorageObject({ name: 'no/such', size: 0, hash: '', containerName: c.name }, ctx.driver);
  await expectNotFound('copying an object that does not exist', () => ctx.driver.copyObject(missing, { destinationName: 'never' }));
}

/** `updateObjectMetadata`: replaces user metadata and/or content type; the bytes stay. */
export async function checkUpdateMetadata(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'updateObjectMetadata');
  const c = await testContainer(ctx);
  const data = bytes(2048);
  const o = await put(ctx, c, 'm/obj.bin', data, { one: '1', two: '2' });
  const updated = await ctx.driver.updateObjectMetadata(o, { meta: { three: '3' } });
  expect(updated.meta).toEqual({ three: '3' });
  expect(updated.size).toBe(data.length);
  const typed = await ctx.driver.updateObjectMetadata(o, { contentType: 'text/csv' });
  expect(typed.contentType ?? '').toMatch(/^text\/csv/);
  expect(typed.meta).toEqual({ three: '3' });
  if (ctx.driver.supports('getObject')) {
    const got = await ctx.driver.getObject(c, { name: 'm/obj.bin' });
    expect(got.meta).toEqual({ three: '3' });
    expect(got.contentType ?? '').toMatch(/^text\/csv/);
    expect(got.size).toBe(data.length);
  }
  if (ctx.driver.supports('downloadObjectAsStream'))
    expect((await readAll(await ctx.driver.downloadObjectAsStream(o))).equals(data)).toBe(true);
  expect(await errorOf(() => ctx.driver.updateObjectMetadata(o, {}))).toBeInstanceOf(InvalidArgumentError);
  expect(await errorOf(() => ctx.driver.updateObjectMetadata(o, { meta: { 'bad key': 'x' } }))).toBeInstanceOf(InvalidArgumentError);
}

/** `getObjectTempUrl`: a GET URL serves the bytes without credentials; a PUT URL stores them. */
export async function checkTempUrl(ctx: StorageContext): Promise<void> {
  needsUpload(ctx, 'getObjectTempUrl');
  const c = await testContainer(ctx);
  const data = bytes(5000);
  await put(ctx, c, 'shared/file.bin', data);
  const url = await ctx.driver.getObjectTempUrl(c, { name: 'shared/file.bin', expiresInMs: 60_000 });
  expect(new URL(url).protocol).toMatch(/^https?:$/);
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  const putUrl = await ctx.driver.getObjectTempUrl(c, { name: 'shared/put.bin', method: 'PUT', expiresInMs: 60_000 });
  const body = bytes(3000, 9);
  // x-ms-blob-type is required by Azure's Put Blob and ignored by the other providers' URLs.
  const putRes = await fetch(putUrl, { method: 'PUT', body, headers: { 'x-ms-blob-type': 'BlockBlob' } });
  expect(putRes.status).toBeLessThan(300);
  needs(ctx.driver, 'getObject', 'getObjectTempUrl with PUT');
  expect((await ctx.driver.getObject(c, { name: 'shared/put.bin' })).size).toBe(body.length);
  // A GET URL does not allow PUT.
  const denied = await fetch(url, { method: 'PUT', body, headers: { 'x-ms-blob-type': 'BlockBlob' } });
  expect(denied.status).toBeGreaterThanOrEqual(400);
  expect(await errorOf(() => ctx.driver.getObjectTempUrl(c, { name: 'x', expiresInMs: 10 }))).toBeInstanceOf(InvalidArgumentError);
}
