import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect } from '@jest/globals';
import { StorageObject, type Container, type StorageDriver } from '@cloudmux/core/storage';
import { expectDriverRef, uniqueName, type Timing } from './harness.js';

/** What every storage check gets. */
export interface StorageContext {
  driver: StorageDriver;
  timing: Timing;
  /** Clean-up actions, run last first after the check. */
  cleanup: (() => Promise<unknown>)[];
}

/** Runs the clean-up actions, ignoring failures. */
export async function runStorageCleanup(ctx: StorageContext): Promise<void> {
  for (const fn of ctx.cleanup.reverse()) await fn().catch(() => undefined);
  ctx.cleanup.length = 0;
}

/** Creates a uniquely named container; its objects and itself are removed after the check. */
export async function testContainer(ctx: StorageContext): Promise<Container> {
  const { driver } = ctx;
  const container = await driver.createContainer({ name: uniqueName('cmx-conf') });
  ctx.cleanup.push(async () => {
    if (driver.supports('listContainerObjects') && driver.supports('deleteObject')) {
      for (const o of await driver.listContainerObjects(container)) await driver.deleteObject(o).catch(() => undefined);
    }
    if (driver.supports('deleteContainer')) await driver.deleteContainer(container);
  });
  return container;
}

/** Uploads `data` as `name` through `uploadObjectViaStream` (or `uploadObject` from a temp file when that is all there is). */
export async function put(
  ctx: StorageContext,
  container: Container,
  name: string,
  data: Buffer,
  meta?: Record<string, string>,
): Promise<StorageObject> {
  if (ctx.driver.supports('uploadObjectViaStream')) {
    return ctx.driver.uploadObjectViaStream(container, { name, source: Readable.from([data]), ...(meta ? { meta } : {}) });
  }
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-conf-up-'));
  try {
    const file = path.join(dir, 'data');
    await writeFile(file, data);
    return await ctx.driver.uploadObject(container, { name, filePath: file, ...(meta ? { meta } : {}) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Fails unless the driver can upload somehow. */
export function canUpload(driver: StorageDriver): boolean {
  return driver.supports('uploadObjectViaStream') || driver.supports('uploadObject');
}

/** Reads a stream to a buffer. */
export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

/** MD5 hex. */
export function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** Checks an object's portable fields against what was uploaded. */
export function expectObject(o: StorageObject, ctx: StorageContext, container: Container, name: string, data: Buffer): void {
  expect(o).toBeInstanceOf(StorageObject);
  expect(o.name).toBe(name);
  expect(o.containerName).toBe(container.name);
  expect(o.size).toBe(data.length);
  expect(typeof o.hash).toBe('string');
  // A plain hex hash must be the content's hash: 32 digits MD5, 64 digits SHA-256 (multipart ETags are not plain hex).
  const hex = o.hash.replace(/"/g, '').toLowerCase();
  if (/^[0-9a-f]{32}$/.test(hex)) expect(hex).toBe(md5(data));
  if (/^[0-9a-f]{64}$/.test(hex)) expect(hex).toBe(createHash('sha256').update(data).digest('hex'));
  expectDriverRef(o, ctx.driver);
}

/** Deterministic test bytes of a given length. */
export function bytes(length: number, seed = 7): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}
