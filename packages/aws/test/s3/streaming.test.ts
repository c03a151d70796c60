import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ChecksumMismatchError } from '@cloudmux/core/errors';
import { OFF_THREAD_MIN_BYTES } from '@cloudmux/core/storage';
import { S3StorageDriver } from '@cloudmux/aws';
import { DEFAULT_S3_CREDENTIALS, S3Simulator } from '@cloudmux/aws/simulator';
import { partSizeOf } from '../../src/s3/upload.js';
import { patternBytes, readAll } from './helpers.js';

const KiB = 1024;
const MiB = 1024 * KiB;

function bytes(n: number, seed = 3): Buffer {
  return patternBytes(n, seed, 31);
}

function md5(b: Uint8Array): string {
  return createHash('md5').update(b).digest('hex');
}

describe('S3 multipart part sizes', () => {
  it('doubles the part size every 2,500 parts (10,000 parts reach about 183 GiB with 5 MiB parts), at most 5 GiB', () => {
    expect(partSizeOf(5 * MiB, 1)).toBe(5 * MiB);
    expect(partSizeOf(5 * MiB, 2500)).toBe(5 * MiB);
    expect(partSizeOf(5 * MiB, 2501)).toBe(10 * MiB);
    expect(partSizeOf(5 * MiB, 10_000)).toBe(40 * MiB);
    let total = 0;
    for (let n = 1; n <= 10_000; n++) total += partSizeOf(5 * MiB, n);
    expect(total / 1024 ** 3).toBeCloseTo(183.1, 1);
    expect(partSizeOf(2048 * MiB, 2501)).toBe(4096 * MiB);
    expect(partSizeOf(2048 * MiB, 5001)).toBe(5 * 1024 * MiB);
  });
});

describe('S3 downloads verified against the ETag (MD5)', () => {
  let sim: S3Simulator;
  let driver: S3StorageDriver;
  beforeEach(async () => {
    sim = await S3Simulator.start({ minPartSize: 64 * KiB });
    driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
      endpoint: sim.endpoint,
      retry: false,
    });
    await driver.createContainer({ name: 'dl-bucket' });
  });
  afterEach(async () => {
    driver.close();
    await sim.close();
  });

  /** Stores `data` under `key` with the ETag of `claimed` (a corrupted copy when they differ). */
  function put(key: string, data: Buffer, claimed = data): void {
    sim.state.buckets.get('dl-bucket')!.objects.set(key, {
      data,
      etag: `"${md5(claimed)}"`,
      contentType: 'application/octet-stream',
      meta: {},
      lastModified: new Date(),
      storageClass: 'STANDARD',
      sse: undefined,
    });
  }

  it('passes intact bytes through unchanged (large ones hashed off the event loop thread)', async () => {
    const data = bytes(OFF_THREAD_MIN_BYTES + 5 * MiB + 321);
    put('ok.bin', data);
    const o = await driver.getObject('dl-bucket', { name: 'ok.bin' });
    expect((await readAll(await driver.downloadObjectAsStream(o))).equals(data)).toBe(true);
    // Small and empty objects too.
    put('small.bin', bytes(10));
    put('empty.bin', Buffer.alloc(0));
    for (const name of ['small.bin', 'empty.bin']) {
      const s = await driver.getObject('dl-bucket', { name });
      expect((await readAll(await driver.downloadObjectAsStream(s))).length).toBe(s.size);
    }
  });

  it.each([3 * MiB, OFF_THREAD_MIN_BYTES + MiB])(
    'fails the stream (%s bytes) with ChecksumMismatchError when the bytes differ from the ETag; verifyHash: false reads them as they are',
    async (length) => {
      const data = bytes(length);
      const stored = Buffer.from(data);
      stored[2 * MiB + 5] ^= 0xff;
      put('bad.bin', stored, data);
      const o = await driver.getObject('dl-bucket', { name: 'bad.bin' });
      const err = await readAll(await driver.downloadObjectAsStream(o)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChecksumMismatchError);
      expect(err).toMatchObject({ algorithm: 'md5', expected: md5(data), actual: md5(stored) });
      expect((err as Error).message).toContain('dl-bucket/bad.bin');
      expect((await readAll(await driver.downloadObjectAsStream(o, { verifyHash: false }))).equals(stored)).toBe(true);
    },
  );

  it('a consumer that stops early releases the download', async () => {
    put('big.bin', bytes(OFF_THREAD_MIN_BYTES + MiB));
    const o = await driver.getObject('dl-bucket', { name: 'big.bin' });
    const s = await driver.downloadObjectAsStream(o);
    for await (const chunk of s) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }
    expect(s.destroyed).toBe(true);
  });
});

describe('S3 multipart uploads from reused part buffers', () => {
  it('uploads many parts through few buffers, bytes intact, and checks an expected md5 over the whole stream', async () => {
    const sim = await S3Simulator.start({ minPartSize: 64 * KiB });
    const driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
      endpoint: sim.endpoint,
      multipartThreshold: 100 * KiB,
      partSize: 64 * KiB,
      partsInFlight: 2,
      retry: false,
    });
    try {
      await driver.createContainer({ name: 'up-bucket' });
      const data = bytes(20 * 64 * KiB + 999);
      // Odd chunk sizes, so chunks straddle part boundaries.
      const chunks: Buffer[] = [];
      for (let at = 0; at < data.length; at += 7001) chunks.push(data.subarray(at, at + 7001));
      const o = await driver.uploadObjectViaStream('up-bucket', { name: 'x.bin', source: Readable.from(chunks), md5: md5(data) });
      expect(o.size).toBe(data.length);
      expect(sim.calls.filter((c) => c.operation === 'UploadPart').length).toBe(21);
      // The simulator joins a completed upload's parts when the object is first read, here by a GET.
      const back: Buffer[] = [];
      for await (const chunk of await driver.downloadObjectAsStream(o)) back.push(chunk as Buffer);
      expect(Buffer.concat(back).equals(data)).toBe(true);
      expect(sim.state.buckets.get('up-bucket')?.objects.get('x.bin')?.data.equals(data)).toBe(true);
      const wrong = driver.uploadObjectViaStream('up-bucket', { name: 'y.bin', source: Readable.from(chunks), md5: md5(bytes(5)) });
      await expect(wrong).rejects.toBeInstanceOf(ChecksumMismatchError);
      expect(sim.state.openUploads()).toEqual([]);
      expect(sim.state.buckets.get('up-bucket')?.objects.has('y.bin')).toBe(false);
    } finally {
      driver.close();
      await sim.close();
    }
  });
});

describe('S3 listings read page by page', () => {
  it.each([2, 1] as const)(
    'listContainerObjects (ListObjects V%s) returns every key once, asking for each page once, like iterateContainerObjects',
    async (listApiVersion) => {
      const sim = await S3Simulator.start({ maxKeys: 1000 });
      const driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
        endpoint: sim.endpoint,
        pageSize: 4,
        listApiVersion,
        retry: false,
      });
      try {
        await driver.createContainer({ name: 'list-bucket' });
        const names = Array.from({ length: 25 }, (_, i) => `k/${String(i).padStart(3, '0')}${i % 5 === 0 ? ' & <x>' : ''}`);
        for (const name of names) await driver.uploadObject('list-bucket', { name, data: Buffer.from(name) });
        const listCalls = (): number => sim.calls.filter((c) => c.operation.startsWith('ListObjects')).length;
        const before = listCalls();
        const listed = await driver.listContainerObjects('list-bucket');
        expect(listed.map((o) => o.name)).toEqual([...names].sort());
        expect(listed.map((o) => o.size)).toEqual([...names].sort().map((n) => Buffer.byteLength(n)));
        expect(listed.every((o) => /^[0-9a-f]{32}$/.test(o.hash) && o.lastModified instanceof Date)).toBe(true);
        expect(listCalls() - before).toBe(7);
        const iterated: string[] = [];
        for await (const o of driver.iterateContainerObjects('list-bucket')) iterated.push(o.name);
        expect(iterated).toEqual(listed.map((o) => o.name));
      } finally {
        driver.close();
        await sim.close();
      }
    },
  );
});
