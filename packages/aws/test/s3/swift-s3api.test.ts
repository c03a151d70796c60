import { Readable } from 'node:stream';
import { InvalidCredentialsError } from '@cloudmux/core/errors';
import { describeStorageConformance } from '@cloudmux/test-kit';
import { S3StorageDriver, type S3DriverOptions } from '@cloudmux/aws';
import { describeWithService } from '../../../../scripts/test/with-service.mjs';

// The driver against OpenStack Swift's S3 API (s3api), which VERIFIES SigV4 signatures (header and
// presigned query) against the tempauth key: the signature proof that s3rver cannot give. `npm test`
// starts Swift and exports SWIFT_S3_ENDPOINT, SWIFT_S3_ACCESS_KEY_ID (test:tester),
// SWIFT_S3_SECRET_ACCESS_KEY and SWIFT_S3_REGION with CLOUDMUX_TEST_SERVICES=swift.

function driver(options: S3DriverOptions = {}, secret = process.env.SWIFT_S3_SECRET_ACCESS_KEY!): S3StorageDriver {
  return new S3StorageDriver(process.env.SWIFT_S3_ACCESS_KEY_ID!, secret, {
    endpoint: process.env.SWIFT_S3_ENDPOINT!,
    region: process.env.SWIFT_S3_REGION ?? 'us-east-1',
    forcePathStyle: true,
    pageSize: 3,
    multipartThreshold: 5 * 1024 * 1024,
    partSize: 5 * 1024 * 1024,
    ...options,
  });
}

describeWithService('swift', 's3 against Swift s3api (SigV4 verified)', () => {
  describeStorageConformance({
    name: 's3 (Swift s3api)',
    setup: async () => {
      const d = driver();
      return { driver: d, teardown: async () => d.close() };
    },
    pollIntervalMs: 100,
    timeoutMs: 20_000,
  });

  it('is refused with a wrong secret (SignatureDoesNotMatch) and accepted with the right one, streamed and multipart', async () => {
    const bad = driver({}, 'not-the-secret');
    const err = await bad.listContainers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as InvalidCredentialsError).providerCode).toBe('SignatureDoesNotMatch');
    bad.close();
    const d = driver();
    const name = `cmx-sig-${Date.now().toString(36)}`;
    await d.createContainer({ name });
    try {
      const big = Buffer.alloc(11 * 1024 * 1024, 7);
      const chunks = Array.from({ length: 11 }, (_, i) => big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
      const o = await d.uploadObjectViaStream(name, { name: 'dir/big.bin', source: Readable.from(chunks) });
      expect(o.hash).toMatch(/-3$/);
      expect((await d.getObject(name, { name: 'dir/big.bin' })).size).toBe(big.length);
      await d.deleteObject(o);
    } finally {
      await d.deleteContainer(name);
      d.close();
    }
  }, 60_000);

  it('in crc32 mode still stores and verifies single PutObjects on a server without additional checksums (Swift 2.30 ignores them; downloads fall back to the MD5 ETag)', async () => {
    const d = driver({ checksumAlgorithm: 'crc32' });
    const name = `cmx-crc-${Date.now().toString(36)}`;
    await d.createContainer({ name });
    try {
      const data = Buffer.from('checked by CRC-32 where the server keeps one, by MD5 where it does not');
      const o = await d.uploadObject(name, { name: 'crc.txt', data });
      expect(o.hash).toMatch(/^[0-9a-f]{32}$/);
      const chunks: Buffer[] = [];
      for await (const c of await d.downloadObjectAsStream(await d.getObject(name, { name: 'crc.txt' }))) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
      await d.deleteObject(o);
    } finally {
      await d.deleteContainer(name);
      d.close();
    }
  });
});
