import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { ChecksumMismatchError, InvalidArgumentError } from '@cloudmux/core/errors';
import { S3StorageDriver } from '@cloudmux/aws';
import { DEFAULT_S3_CREDENTIALS, S3Simulator } from '@cloudmux/aws/simulator';
import { signRequestV4 } from '../../src/signing/sigv4.js';
import { resolveS3Options } from '../../src/s3/options.js';
import { MINIO_PROVIDER, S3_PROVIDER } from '../../src/s3/providers.js';
import { patternBytes, readAll } from './helpers.js';

const KiB = 1024;
const BUCKET = 'crc-bucket';

function bytes(n: number, seed = 5): Buffer {
  return patternBytes(n, seed, 13);
}

function crcB64(data: Uint8Array): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc32(data) >>> 0);
  return b.toString('base64');
}

describe('S3 checksumAlgorithm option', () => {
  it('defaults to crc32 for Amazon S3 endpoints and to md5 for custom endpoints and S3-compatible presets', () => {
    expect(resolveS3Options({}, S3_PROVIDER).checksumAlgorithm).toBe('crc32');
    expect(resolveS3Options({ endpoint: 'http://127.0.0.1:9000' }, S3_PROVIDER).checksumAlgorithm).toBe('md5');
    expect(resolveS3Options({ endpoint: 'http://127.0.0.1:9000' }, MINIO_PROVIDER).checksumAlgorithm).toBe('md5');
    expect(resolveS3Options({ endpoint: 'http://127.0.0.1:9000', checksumAlgorithm: 'crc32' }, S3_PROVIDER).checksumAlgorithm).toBe(
      'crc32',
    );
  });

  it('rejects an unknown algorithm, listing the valid ones', () => {
    expect(() => resolveS3Options({ checksumAlgorithm: 'sha1' as never }, S3_PROVIDER)).toThrow(InvalidArgumentError);
    expect(() => resolveS3Options({ checksumAlgorithm: 'sha1' as never }, S3_PROVIDER)).toThrow(/"sha1".*md5, crc32/);
  });
});

describe('S3 CRC-32 checksums (x-amz-checksum-crc32) against the simulator', () => {
  let sim: S3Simulator;
  let driver: S3StorageDriver;
  beforeEach(async () => {
    sim = await S3Simulator.start({ minPartSize: 64 * KiB });
    driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
      endpoint: sim.endpoint,
      retry: false,
      checksumAlgorithm: 'crc32',
      multipartThreshold: 256 * KiB,
      partSize: 64 * KiB,
    });
    await driver.createContainer({ name: BUCKET });
  });
  afterEach(async () => {
    driver.close();
    await sim.close();
  });

  const stored = (key: string) => sim.state.buckets.get(BUCKET)!.objects.get(key)!;

  it('sends the CRC-32 of a single PutObject instead of Content-MD5; the simulator stores it as FULL_OBJECT', async () => {
    const data = bytes(100 * KiB);
    await driver.uploadObject(BUCKET, { name: 'one.bin', data });
    expect(stored('one.bin').checksum).toEqual({ algorithm: 'CRC32', value: crcB64(data), type: 'FULL_OBJECT' });
    const put = sim.calls.filter((c) => c.operation === 'PutObject' && c.key === 'one.bin');
    expect(put[0]!.headers['x-amz-checksum-crc32']).toBe(crcB64(data));
    expect(put[0]!.headers['content-md5']).toBeUndefined();
  });

  it('gives a multipart upload per-part CRC-32s and a full-object CRC-32 the service checks', async () => {
    const data = bytes(700 * KiB);
    const o = await driver.uploadObjectViaStream(BUCKET, {
      name: 'multi.bin',
      source: Readable.from([data.subarray(0, 300 * KiB), data.subarray(300 * KiB)]),
    });
    expect(o.size).toBe(data.length);
    expect(stored('multi.bin').checksum).toEqual({ algorithm: 'CRC32', value: crcB64(data), type: 'FULL_OBJECT' });
    expect(stored('multi.bin').etag).toMatch(/-11"$/);
    const parts = sim.calls.filter((c) => c.operation === 'UploadPart' && c.key === 'multi.bin');
    expect(parts).toHaveLength(11);
    for (const p of parts) expect(p.headers['x-amz-checksum-crc32']).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    expect(sim.state.openUploads()).toHaveLength(0);
    expect((await readAll(await driver.downloadObjectAsStream(await driver.getObject(BUCKET, { name: 'multi.bin' })))).equals(data)).toBe(
      true,
    );
  });

  it('uploads a file with its CRC-32', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'cloudmux-crc-'));
    try {
      const data = bytes(50 * KiB, 9);
      await writeFile(path.join(dir, 'f.bin'), data);
      await driver.uploadObject(BUCKET, { name: 'file.bin', filePath: path.join(dir, 'f.bin') });
      expect(stored('file.bin').checksum?.value).toBe(crcB64(data));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('verifies downloads against the stored CRC-32, and fails on bytes that differ', async () => {
    const data = bytes(300 * KiB);
    await driver.uploadObject(BUCKET, { name: 'dl.bin', data: data.subarray(0, 100 * KiB) });
    const good = await readAll(await driver.downloadObjectAsStream(await driver.getObject(BUCKET, { name: 'dl.bin' })));
    expect(good.equals(data.subarray(0, 100 * KiB))).toBe(true);
    const get = sim.calls.filter((c) => c.operation === 'GetObject' && c.key === 'dl.bin');
    expect(get.at(-1)!.headers['x-amz-checksum-mode']).toBe('ENABLED');
    // Corrupt the stored bytes but keep the MD5 ETag consistent: only the CRC-32 can catch it.
    const o = stored('dl.bin');
    o.data = Buffer.from(o.data);
    o.data[10] = o.data[10]! ^ 0xff;
    o.etag = `"${createHash('md5').update(o.data).digest('hex')}"`;
    const stream = await driver.downloadObjectAsStream(await driver.getObject(BUCKET, { name: 'dl.bin' }));
    const err = await readAll(stream).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect((err as ChecksumMismatchError).algorithm).toBe('crc32');
    // verifyHash: false reads the bytes as they are.
    const raw = await readAll(
      await driver.downloadObjectAsStream(await driver.getObject(BUCKET, { name: 'dl.bin' }), { verifyHash: false }),
    );
    expect(raw.equals(o.data)).toBe(true);
  });

  it('falls back to the MD5 ETag for objects stored without a CRC-32, and ranges are not asked for checksums', async () => {
    const data = bytes(20 * KiB);
    sim.state.buckets.get(BUCKET)!.objects.set('plain.bin', {
      data: Buffer.from(data),
      etag: `"${createHash('md5').update(Buffer.from('other')).digest('hex')}"`,
      contentType: 'application/octet-stream',
      meta: {},
      lastModified: new Date(),
      storageClass: 'STANDARD',
      sse: undefined,
    });
    const obj = await driver.getObject(BUCKET, { name: 'plain.bin' });
    await expect(readAll(await driver.downloadObjectAsStream(obj))).rejects.toMatchObject({ algorithm: 'md5' });
    const part = await readAll(await driver.downloadObjectAsStream(obj, { start: 0, end: 99 }));
    expect(part.equals(data.subarray(0, 100))).toBe(true);
    const ranged = sim.calls.filter((c) => c.operation === 'GetObject' && c.headers.range !== undefined);
    expect(ranged.at(-1)!.headers['x-amz-checksum-mode']).toBeUndefined();
  });
});

describe('S3 simulator additional checksums (wire)', () => {
  let sim: S3Simulator;
  beforeAll(async () => {
    sim = await S3Simulator.start({ minPartSize: 1 });
    sim.createBucket(BUCKET);
  });
  afterAll(async () => {
    await sim.close();
  });

  async function send(method: string, path: string, headers: Record<string, string>, body?: Buffer) {
    const url = new URL(`${sim.endpoint}/${BUCKET}/${path}`);
    const req = { method, url, headers: { ...headers, 'content-length': String(body?.length ?? 0) }, body };
    signRequestV4(req, DEFAULT_S3_CREDENTIALS, { region: sim.region, service: 's3' });
    const res = await fetch(url, { method, headers: req.headers, body });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  it('answers BadDigest for a CRC-32 that does not match, InvalidRequest for a malformed one or for two algorithms, 501 for others', async () => {
    const body = Buffer.from('hello');
    const bad = await send('PUT', 'a', { 'x-amz-checksum-crc32': crcB64(Buffer.from('hellO')) }, body);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<Code>BadDigest</Code>');
    expect((await send('PUT', 'a', { 'x-amz-checksum-crc32': 'nope' }, body)).text).toContain('<Code>InvalidRequest</Code>');
    const two = await send('PUT', 'a', { 'x-amz-checksum-crc32': crcB64(body), 'x-amz-checksum-sha256': 'x' }, body);
    expect(two.text).toContain('Multiple checksum Types');
    expect((await send('PUT', 'a', { 'x-amz-checksum-crc32c': 'AAAAAA==' }, body)).status).toBe(501);
    const ok = await send('PUT', 'a', { 'x-amz-checksum-crc32': crcB64(body) }, body);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-amz-checksum-type')).toBe('FULL_OBJECT');
    expect((await send('HEAD', 'a', {})).headers.get('x-amz-checksum-crc32')).toBeNull();
    expect((await send('HEAD', 'a', { 'x-amz-checksum-mode': 'ENABLED' })).headers.get('x-amz-checksum-crc32')).toBe(crcB64(body));
  });

  it('requires every part of a CRC32 upload to carry its checksum, and builds a COMPOSITE value by default', async () => {
    const created = await send('POST', 'mp?uploads=', { 'x-amz-checksum-algorithm': 'CRC32' });
    expect(created.headers.get('x-amz-checksum-type')).toBe('COMPOSITE');
    const id = /<UploadId>([^<]+)</.exec(created.text)![1]!;
    const p1 = Buffer.from('part-one');
    const p2 = Buffer.from('part-two');
    const missing = await send('PUT', `mp?partNumber=1&uploadId=${id}`, {}, p1);
    expect(missing.text).toContain('Checksum Type mismatch');
    const e1 = (await send('PUT', `mp?partNumber=1&uploadId=${id}`, { 'x-amz-checksum-crc32': crcB64(p1) }, p1)).headers.get('etag');
    const e2 = (await send('PUT', `mp?partNumber=2&uploadId=${id}`, { 'x-amz-checksum-crc32': crcB64(p2) }, p2)).headers.get('etag');
    const noCrc = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${e1}</ETag></Part><Part><PartNumber>2</PartNumber><ETag>${e2}</ETag></Part></CompleteMultipartUpload>`;
    expect((await send('POST', `mp?uploadId=${id}`, {}, Buffer.from(noCrc))).text).toContain('It was missing for part 1');
    const xml = `<CompleteMultipartUpload><Part><ETag>${e1}</ETag><ChecksumCRC32>${crcB64(p1)}</ChecksumCRC32><PartNumber>1</PartNumber></Part><Part><PartNumber>2</PartNumber><ETag>${e2}</ETag><ChecksumCRC32>${crcB64(p2)}</ChecksumCRC32></Part></CompleteMultipartUpload>`;
    const done = await send('POST', `mp?uploadId=${id}`, {}, Buffer.from(xml));
    expect(done.status).toBe(200);
    expect(done.text).toContain('<ChecksumType>COMPOSITE</ChecksumType>');
    expect(done.text).toMatch(/<ChecksumCRC32>[A-Za-z0-9+/]{6}==-2<\/ChecksumCRC32>/);
  });

  it('checks the full-object CRC-32 given at completion of a FULL_OBJECT upload', async () => {
    const created = await send('POST', 'fo?uploads=', { 'x-amz-checksum-algorithm': 'CRC32', 'x-amz-checksum-type': 'FULL_OBJECT' });
    const id = /<UploadId>([^<]+)</.exec(created.text)![1]!;
    const p1 = Buffer.from('abc');
    const e1 = (await send('PUT', `fo?partNumber=1&uploadId=${id}`, { 'x-amz-checksum-crc32': crcB64(p1) }, p1)).headers.get('etag');
    const xml = Buffer.from(
      `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${e1}</ETag><ChecksumCRC32>${crcB64(p1)}</ChecksumCRC32></Part></CompleteMultipartUpload>`,
    );
    const wrong = await send('POST', `fo?uploadId=${id}`, { 'x-amz-checksum-crc32': crcB64(Buffer.from('abd')) }, xml);
    expect(wrong.text).toContain('<Code>BadDigest</Code>');
    const right = await send('POST', `fo?uploadId=${id}`, { 'x-amz-checksum-crc32': crcB64(p1) }, xml);
    expect(right.text).toContain(`<ChecksumCRC32>${crcB64(p1)}</ChecksumCRC32><ChecksumType>FULL_OBJECT</ChecksumType>`);
  });
});

describe('S3 CRC-32 echo check against a server that stored other bytes', () => {
  it('raises ChecksumMismatchError when PutObject echoes another CRC-32', async () => {
    const http = await import('node:http');
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { etag: '"0123456789abcdef0123456789abcdef"', 'x-amz-checksum-crc32': crcB64(Buffer.from('other bytes')) });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const driver = new S3StorageDriver('AKIDEXAMPLE', 'secret', {
      endpoint: `http://127.0.0.1:${port}`,
      retry: false,
      checksumAlgorithm: 'crc32',
    });
    try {
      const err = await driver.uploadObject('echo-bucket', { name: 'x.bin', data: Buffer.from('these bytes') }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ChecksumMismatchError);
      expect(String((err as Error).message)).toContain('crc32');
    } finally {
      driver.close();
      await new Promise((r) => server.close(r));
    }
  });
});
