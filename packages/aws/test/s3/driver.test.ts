import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { InvalidCredentialsError, NotFoundError } from '@cloudmux/core/errors';
import { S3StorageDriver, type S3DriverOptions } from '@cloudmux/aws';
import { DEFAULT_S3_CREDENTIALS, S3Simulator, type S3SimulatorOptions } from '@cloudmux/aws/simulator';
import { patternBytes, readAll } from './helpers.js';

const KiB = 1024;

function bytes(n: number, seed = 5): Buffer {
  return patternBytes(n, seed, 17);
}

let sim: S3Simulator;
let driver: S3StorageDriver;

async function start(simOptions: S3SimulatorOptions = {}, options: S3DriverOptions = {}): Promise<void> {
  sim = await S3Simulator.start({ minPartSize: 64 * KiB, ...simOptions });
  driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
    endpoint: sim.endpoint,
    multipartThreshold: 64 * KiB,
    partSize: 64 * KiB,
    partsInFlight: 2,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

afterEach(async () => {
  driver?.close();
  await sim?.close();
});

describe('S3 multipart uploads', () => {
  it('aborts the multipart upload when a part fails: no upload and no object left behind', async () => {
    await start();
    await driver.createContainer({ name: 'mpu' });
    sim.failPart(3);
    const data = bytes(6 * 64 * KiB);
    const chunks = Array.from({ length: 24 }, (_, i) => data.subarray(i * 16 * KiB, (i + 1) * 16 * KiB));
    await expect(driver.uploadObjectViaStream('mpu', { name: 'big.bin', source: Readable.from(chunks) })).rejects.toThrow(
      /Injected failure of part 3/,
    );
    const ops = sim.calls.map((c) => c.operation);
    expect(ops).toContain('CreateMultipartUpload');
    expect(ops).not.toContain('CompleteMultipartUpload');
    expect(sim.calls.find((c) => c.operation === 'AbortMultipartUpload')?.status).toBe(204);
    expect(sim.state.openUploads()).toEqual([]);
    await expect(driver.getObject('mpu', { name: 'big.bin' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('aborts when the source fails after parts were sent', async () => {
    await start();
    await driver.createContainer({ name: 'mpu' });
    const boom = new Error('disk gone');
    async function* failing(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 10; i++) yield bytes(32 * KiB, i);
      throw boom;
    }
    await expect(driver.uploadObjectViaStream('mpu', { name: 'x.bin', source: failing() })).rejects.toBe(boom);
    expect(sim.calls.filter((c) => c.operation === 'UploadPart').length).toBeGreaterThan(0);
    expect(sim.calls.some((c) => c.operation === 'AbortMultipartUpload')).toBe(true);
    expect(sim.state.openUploads()).toEqual([]);
  });

  it('keeps at most partsInFlight parts in flight (memory ≈ partsInFlight × partSize) and stores the bytes intact', async () => {
    await start({ partDelayMs: 15 }, { partsInFlight: 3 });
    await driver.createContainer({ name: 'mpu' });
    const data = bytes(12 * 64 * KiB + 123);
    const o = await driver.uploadObjectViaStream('mpu', {
      name: 'big.bin',
      source: Readable.from([data]),
      meta: { k: 'v' },
      contentType: 'application/x-test',
    });
    expect(o.hash).toMatch(/^[0-9a-f]{32}-13$/);
    expect(sim.calls.filter((c) => c.operation === 'UploadPart').length).toBe(13);
    expect(sim.maxPartsInFlight).toBeLessThanOrEqual(3);
    expect(sim.maxPartsInFlight).toBeGreaterThan(1);
    const got = await driver.getObject('mpu', { name: 'big.bin' });
    expect(got.meta).toEqual({ k: 'v' });
    expect(got.contentType).toBe('application/x-test');
    expect((await readAll(await driver.downloadObjectAsStream(got))).equals(data)).toBe(true);
  });

  it('streams a file from disk with its SHA-256 (or UNSIGNED-PAYLOAD) and Content-MD5, re-opened after a region redirect', async () => {
    await start({}, { multipartThreshold: 1024 * KiB });
    await driver.createContainer({ name: 'files' });
    sim.createBucket('eu-files', 'eu-west-1');
    const data = bytes(200 * KiB);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-s3-'));
    try {
      const file = path.join(dir, 'f.bin');
      await writeFile(file, data);
      const o = await driver.uploadObject('files', { name: 'f.bin', filePath: file });
      expect(o.size).toBe(data.length);
      const unsigned = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
        endpoint: sim.endpoint,
        unsignedPayload: true,
      });
      await unsigned.uploadObject('eu-files', { name: 'f.bin', filePath: file });
      unsigned.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(sim.calls.filter((c) => c.operation === 'PutObject').map((c) => c.status)).toEqual([200, 301, 200]);
    expect(sim.calls.some((c) => c.operation.includes('Multipart'))).toBe(false);
    expect(sim.state.buckets.get('files')?.objects.get('f.bin')?.data.equals(data)).toBe(true);
    expect(sim.state.buckets.get('eu-files')?.objects.get('f.bin')?.data.equals(data)).toBe(true);
  });
});

describe('S3 addressing, regions and errors', () => {
  it('follows a region redirect once and remembers the bucket region', async () => {
    await start();
    sim.createBucket('eu-bucket', 'eu-west-1');
    const o = await driver.uploadObject('eu-bucket', { name: 'a.txt', data: 'hello' });
    expect(o.size).toBe(5);
    expect((await driver.getObject('eu-bucket', { name: 'a.txt' })).size).toBe(5);
    expect(sim.calls.filter((c) => c.status === 301)).toHaveLength(1);
    expect(sim.calls.at(-1)?.status).toBe(200);
  });

  it('creates buckets with a LocationConstraint outside us-east-1', async () => {
    await start({ region: 'ap-south-1' }, { region: 'ap-south-1' });
    await driver.createContainer({ name: 'mumbai' });
    expect(sim.state.buckets.get('mumbai')?.region).toBe('ap-south-1');
  });

  it('refuses a wrong secret (SignatureDoesNotMatch) and an unknown key (InvalidAccessKeyId)', async () => {
    await start();
    const wrong = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, 'not-the-secret', { endpoint: sim.endpoint });
    const e1 = await wrong.listContainers().catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(InvalidCredentialsError);
    expect((e1 as InvalidCredentialsError).providerCode).toBe('SignatureDoesNotMatch');
    wrong.close();
    const unknown = new S3StorageDriver('AKIAUNKNOWN000000000', 'x', { endpoint: sim.endpoint });
    expect(((await unknown.listContainers().catch((e: unknown) => e)) as InvalidCredentialsError).providerCode).toBe('InvalidAccessKeyId');
    unknown.close();
  });

  it('retries SlowDown (503) and maps NoSuchBucket to NotFoundError', async () => {
    await start();
    await driver.createContainer({ name: 'slow' });
    sim.injectFault({
      kind: 'status',
      status: 503,
      method: 'GET',
      body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>',
      times: 2,
    });
    expect(await driver.listContainerObjects('slow')).toEqual([]);
    await expect(driver.listContainerObjects('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores server-side encryption and storage class given in ex', async () => {
    await start();
    await driver.createContainer({ name: 'enc' });
    await driver.uploadObject('enc', {
      name: 'k',
      data: 'x',
      ex: { serverSideEncryption: 'AES256', storageClass: 'STANDARD_IA' },
    } as never);
    const o = await driver.getObject('enc', { name: 'k' });
    expect(o.extra).toMatchObject({ serverSideEncryption: 'AES256', storageClass: 'STANDARD_IA' });
  });

  it('addresses buckets in the Host name (virtual-hosted style) with a presigned URL', async () => {
    await start();
    await driver.createContainer({ name: 'vhost' });
    await driver.uploadObject('vhost', { name: 'dir/file.txt', data: 'virtual' });
    const virtual = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
      endpoint: `http://localhost:${sim.server.port}`,
      forcePathStyle: false,
    });
    const url = new URL(await virtual.getObjectTempUrl('vhost', { name: 'dir/file.txt', expiresInMs: 60_000 }));
    expect(url.host).toBe(`vhost.localhost:${sim.server.port}`);
    // *.localhost does not resolve here: connect to 127.0.0.1 and send the virtual Host header.
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: sim.server.port, path: url.pathname + url.search, headers: { host: url.host } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(`${res.statusCode} ${text}`));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('200 virtual');
    virtual.close();
  });

  it('refuses an aws-chunked body and a payload hash that does not match', async () => {
    await start();
    await driver.createContainer({ name: 'raw' });
    const res = await fetch(`${sim.endpoint}/raw/k`, {
      method: 'PUT',
      body: 'x',
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${DEFAULT_S3_CREDENTIALS.accessKeyId}/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
        'x-amz-date': '20240101T000000Z',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      },
    });
    expect(res.status).toBe(501);
    expect(await res.text()).toContain('<Code>NotImplemented</Code>');
    const bad = await fetch(`${sim.endpoint}/raw/k`, {
      method: 'PUT',
      body: 'x',
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${DEFAULT_S3_CREDENTIALS.accessKeyId}/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
        'x-amz-date': '20240101T000000Z',
        'x-amz-content-sha256': '0'.repeat(64),
      },
    });
    expect(await bad.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  });
});
