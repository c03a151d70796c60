/**
 * The Swift driver against a real Swift 2.30 (scripts/test/services/swift): tempauth, and Keystone v3 auth
 * through a real Keystone (accounts `KEY_<project id>`). `npm test` starts the servers and exports what their
 * start.sh print (SWIFT_AUTH_URL, SWIFT_USER, SWIFT_KEY…, OS_AUTH_URL, KEYSTONE_DEMO_*). By hand:
 * bash scripts/test/services/keystone/start.sh, then SWIFT_KEYSTONE_URL=http://127.0.0.1:5000 bash
 * scripts/test/services/swift/start.sh, export both outputs and CLOUDMUX_TEST_SERVICES=keystone,swift.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { describeStorageConformance } from '@cloudmux/test-kit';
import { ChecksumMismatchError, InvalidCredentialsError, NotFoundError } from '@cloudmux/core/errors';
import { OpenStackSwiftStorageDriver, segmentContainerOf } from '@cloudmux/openstack';
import { describeWithService } from '../../../../scripts/test/with-service.mjs';

function env(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is not set (the service's start.sh prints it)`);
  return v;
}

const small = { pageSize: 4, sloThreshold: 64 * 1024, segmentSize: 64 * 1024 };

function tempauth(options = {}): OpenStackSwiftStorageDriver {
  return new OpenStackSwiftStorageDriver(env('SWIFT_USER'), env('SWIFT_KEY'), { authUrl: env('SWIFT_AUTH_URL'), ...small, ...options });
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describeWithService('swift', 'swift driver against real Swift (tempauth)', () => {
  // The full conformance suite runs against real Swift once, through Keystone (below). With tempauth it
  // took minutes on this Swift for the listing checks (not understood yet: the same calls from a script
  // take milliseconds), so tempauth is covered by the focused tests here.

  it('stores a static large object, reads it back whole and by range, deletes it with its segments', async () => {
    const driver = tempauth({ sloThreshold: 100_000, segmentSize: 40_000 });
    const name = `cmx-slo-${randomBytes(4).toString('hex')}`;
    const c = await driver.createContainer({ name });
    try {
      const data = randomBytes(250_000);
      const o = await driver.uploadObjectViaStream(c, { name: 'big/file.bin', source: Readable.from([data]), meta: { kind: 'slo' } });
      expect(o.extra.staticLargeObject).toBe(true);
      const got = await driver.getObject(c, { name: 'big/file.bin' });
      expect(got.size).toBe(data.length);
      expect(got.meta).toEqual({ kind: 'slo' });
      expect(got.extra.staticLargeObject).toBe(true);
      expect((await driver.listContainerObjects(segmentContainerOf(name))).length).toBe(7);
      expect((await collect(await driver.downloadObjectAsStream(got))).equals(data)).toBe(true);
      expect(
        (await collect(await driver.downloadObjectAsStream(got, { start: 39_990, end: 40_009 }))).equals(data.subarray(39_990, 40_010)),
      ).toBe(true);
      await driver.deleteObject(got);
      await expect(driver.getObject(c, { name: 'big/file.bin' })).rejects.toBeInstanceOf(NotFoundError);
      expect(await driver.listContainerObjects(segmentContainerOf(name))).toEqual([]);
    } finally {
      for (const o of await driver.listContainerObjects(c)) await driver.deleteObject(o);
      await driver.deleteContainer(c);
      await driver.deleteContainer(segmentContainerOf(name)).catch(() => undefined);
      driver.close();
    }
  });

  it('maps Swift errors: wrong key, 422 checksum, X-Trans-Id request ids; keeps the key out of inspect', async () => {
    const bad = new OpenStackSwiftStorageDriver(env('SWIFT_USER'), 'wrong-key', { authUrl: env('SWIFT_AUTH_URL') });
    await expect(bad.listContainers()).rejects.toBeInstanceOf(InvalidCredentialsError);
    bad.close();
    const driver = tempauth();
    expect(inspect(driver, { depth: 5 })).not.toContain(env('SWIFT_KEY'));
    const err = await driver.getContainer(`cmx-missing-${randomBytes(4).toString('hex')}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).requestId).toMatch(/^tx/);
    const name = `cmx-sum-${randomBytes(4).toString('hex')}`;
    const c = await driver.createContainer({ name });
    try {
      const wrong = await driver.uploadObject(c, { name: 'x', data: 'abc', md5: '0'.repeat(32) }).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(ChecksumMismatchError);
      await expect(driver.getObject(c, { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await driver.deleteContainer(c);
      driver.close();
    }
  });

  // Nested so that `npm test` starts Keystone too (Keystone first; Swift then authenticates through it).
  describeWithService('keystone', 'through real Keystone v3', () => {
    function keystone(): OpenStackSwiftStorageDriver {
      return new OpenStackSwiftStorageDriver(env('KEYSTONE_DEMO_USERNAME'), env('KEYSTONE_DEMO_PASSWORD'), {
        authUrl: env('OS_AUTH_URL'),
        projectName: env('KEYSTONE_DEMO_PROJECT_NAME'),
        region: process.env.OS_REGION_NAME || 'RegionOne',
        ...small,
      });
    }

    it('uses the catalog object-store endpoint (a KEY_ account)', async () => {
      const driver = keystone();
      try {
        expect(await driver.exGetStorageUrl()).toMatch(/\/v1\/KEY_[0-9a-f]+$/);
      } finally {
        driver.close();
      }
    });

    describeStorageConformance({
      name: 'swift (real Swift, Keystone v3)',
      setup: async () => {
        const driver = keystone();
        await driver.exSetTempUrlKey('cloudmux-conformance-ks');
        return { driver, teardown: async () => driver.close() };
      },
      pollIntervalMs: 100,
      timeoutMs: 60_000,
    });
  });
});
