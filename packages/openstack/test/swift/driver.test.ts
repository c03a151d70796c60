import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import {
  AlreadyExistsError,
  BadRequestError,
  ChecksumMismatchError,
  InvalidArgumentError,
  InvalidCredentialsError,
  NotFoundError,
} from '@cloudmux/core/errors';
import { OpenStackSwiftStorageDriver, segmentContainerOf, type SwiftObjectExtra } from '@cloudmux/openstack';
import { OpenStackSimulator } from '@cloudmux/openstack/simulator';
import { baseSegmentSize, MAX_SLO_SEGMENTS, segmentSizeOf, sloCapacity } from '../../src/swift/upload.js';

let sim: OpenStackSimulator;
let driver: OpenStackSwiftStorageDriver;

beforeEach(async () => {
  sim = await OpenStackSimulator.start();
  driver = new OpenStackSwiftStorageDriver('demo:demo', 'secret', {
    authUrl: `${sim.url}/auth/v1.0`,
    sloThreshold: 1000,
    segmentSize: 1000,
    segmentConcurrency: 2,
    pageSize: 2,
  });
});
afterEach(async () => {
  driver.close();
  await sim.stop();
});

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

function bytes(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff));
}

function segmentPuts(): { method: string; path: string; status: number }[] {
  return sim.server.requests.filter((r) => r.method === 'PUT' && /_segments\/.+\/slo\//.test(r.path));
}

describe('static large objects', () => {
  it('splits an upload above the threshold into segments plus a manifest, reads and deletes it whole', async () => {
    await driver.createContainer({ name: 'c' });
    const data = bytes(4500);
    const o = await driver.uploadObjectViaStream('c', {
      name: 'd/big.bin',
      source: Readable.from([data.subarray(0, 1700), data.subarray(1700)]),
    });
    expect(o.extra.staticLargeObject).toBe(true);
    expect(o.size).toBe(4500);
    expect(segmentPuts()).toHaveLength(5);
    const manifest = sim.server.requests.find((r) => r.path.includes('multipart-manifest=put'));
    expect(manifest?.path).toContain('/c/d/big.bin');
    const segs = await driver.listContainerObjects(segmentContainerOf('c'));
    expect(segs.map((s) => s.size)).toEqual([1000, 1000, 1000, 1000, 500]);
    const got = await driver.getObject('c', { name: 'd/big.bin' });
    expect(got.hash).toMatch(/^[0-9a-f]{32}-slo$/);
    expect((await collect(await driver.downloadObjectAsStream(got))).equals(data)).toBe(true);
    expect((await collect(await driver.downloadObjectAsStream(got, { start: 998, end: 1001 }))).equals(data.subarray(998, 1002))).toBe(
      true,
    );
    const listed = (await driver.listContainerObjects('c'))[0]!;
    expect((listed.extra as SwiftObjectExtra).staticLargeObject).toBe(true);
    await driver.deleteObject(listed);
    expect(await driver.listContainerObjects(segmentContainerOf('c'))).toEqual([]);
    await expect(driver.getObject('c', { name: 'd/big.bin' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores a file above the threshold as an SLO from the start (its size is known)', async () => {
    await driver.createContainer({ name: 'c' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-swift-file-'));
    try {
      const data = bytes(2500);
      await writeFile(path.join(dir, 'f.bin'), data);
      const o = await driver.uploadObject('c', { name: 'f.bin', filePath: path.join(dir, 'f.bin') });
      expect(o.extra.staticLargeObject).toBe(true);
      expect(segmentPuts()).toHaveLength(3);
      expect((await collect(await driver.downloadObjectAsStream(o))).equals(data)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps uploads at or below the threshold as one PUT', async () => {
    await driver.createContainer({ name: 'c' });
    const o = await driver.uploadObject('c', { name: 'small.bin', data: bytes(1000) });
    expect(o.extra.staticLargeObject).toBe(false);
    expect(segmentPuts()).toHaveLength(0);
  });

  it('streams a large file of known size as one PUT hashed on the hashing thread, and removes it when the ETag differs', async () => {
    const one = new OpenStackSwiftStorageDriver('demo:demo', 'secret', { authUrl: `${sim.url}/auth/v1.0` });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-swift-'));
    try {
      await one.createContainer({ name: 'c' });
      const data = randomBytes(9 * 1024 * 1024 + 11);
      const filePath = path.join(dir, 'big.bin');
      await writeFile(filePath, data);
      const o = await one.uploadObject('c', { name: 'big.bin', filePath });
      expect(o.extra.staticLargeObject).toBe(false);
      expect(o.hash).toBe(createHash('md5').update(data).digest('hex'));
      expect((await collect(await one.downloadObjectAsStream(o))).equals(data)).toBe(true);
      // Swift answering another ETag than the bytes' MD5: the object is removed, the upload fails.
      sim.injectFault({ method: 'PUT', path: /\/c\/bad\.bin$/, kind: 'status', status: 201, headers: { etag: 'f'.repeat(32) } });
      const err = await one.uploadObject('c', { name: 'bad.bin', filePath }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChecksumMismatchError);
      expect(sim.server.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/c/bad.bin'))).toBe(true);
    } finally {
      one.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('deletes the stored segments and writes no manifest when a segment upload fails', async () => {
    await driver.createContainer({ name: 'c' });
    sim.injectFault({ method: 'PUT', path: /_segments\/.*\/00000002$/, kind: 'status', status: 503, times: Infinity });
    const err = await driver
      .uploadObjectViaStream('c', { name: 'fails.bin', source: Readable.from([bytes(4500)]) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(segmentPuts().filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(2);
    expect(sim.server.requests.some((r) => r.path.includes('multipart-manifest=put'))).toBe(false);
    expect(await driver.listContainerObjects(segmentContainerOf('c'))).toEqual([]);
    await expect(driver.getObject('c', { name: 'fails.bin' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps the segment size for the first GiB, then doubles it every 100 segments (4 MiB: about 144 GiB in 1,000), at most 5 GiB', () => {
    const MiB = 1024 * 1024;
    expect(segmentSizeOf(4 * MiB, 0)).toBe(4 * MiB);
    expect(segmentSizeOf(4 * MiB, 255)).toBe(4 * MiB);
    expect(segmentSizeOf(4 * MiB, 256)).toBe(8 * MiB);
    expect(segmentSizeOf(4 * MiB, 355)).toBe(8 * MiB);
    expect(segmentSizeOf(4 * MiB, 356)).toBe(16 * MiB);
    let total = 0;
    for (let i = 0; i < 1000; i++) total += segmentSizeOf(4 * MiB, i);
    expect(total).toBe(147_680 * MiB);
    expect(segmentSizeOf(3 * 1024 * MiB, 0)).toBe(3 * 1024 * MiB);
    expect(segmentSizeOf(3 * 1024 * MiB, 1)).toBe(5 * 1024 * MiB);
    expect(segmentSizeOf(1000, 5)).toBe(1000);
  });

  it('picks segments large enough for a known size to fit in 1,000, and refuses what 5 GiB segments cannot hold', () => {
    const MiB = 1024 * 1024;
    expect(MAX_SLO_SEGMENTS).toBe(1000);
    expect(sloCapacity(4 * MiB)).toBe(147_680 * MiB);
    expect(baseSegmentSize(4 * MiB, undefined)).toBe(4 * MiB);
    expect(baseSegmentSize(4 * MiB, 100 * 1024 * MiB)).toBe(4 * MiB);
    expect(baseSegmentSize(4 * MiB, 200 * 1024 * MiB)).toBe(8 * MiB);
    expect(sloCapacity(baseSegmentSize(1000, 5_000_000)!)).toBeGreaterThanOrEqual(5_000_000);
    expect(baseSegmentSize(4 * MiB, 6 * 1024 ** 4)).toBeUndefined();
  });

  it('fails a stream that outgrows 1,000 segments with a clear error, leaving nothing stored', async () => {
    const small = new OpenStackSwiftStorageDriver('demo:demo', 'secret', {
      authUrl: `${sim.url}/auth/v1.0`,
      sloThreshold: 1,
      segmentSize: 1,
      segmentConcurrency: 16,
    });
    try {
      await small.createContainer({ name: 'c' });
      const err = await small
        .uploadObjectViaStream('c', { name: 'huge.bin', source: Readable.from([bytes(1001)]) })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(String((err as Error).message)).toMatch(
        /c\/huge\.bin outgrew its segments: .*at most 1000 segments.*segmentSize 1 fits 1000 bytes/,
      );
      expect(await small.listContainerObjects(segmentContainerOf('c'))).toEqual([]);
      expect(await small.listContainerObjects('c')).toEqual([]);
    } finally {
      small.close();
    }
  });

  it('deletes the segments when the source fails after some were stored', async () => {
    await driver.createContainer({ name: 'c' });
    const boom = new Error('source broke');
    const stored = (): number => segmentPuts().filter((r) => r.status === 201).length;
    async function* source(): AsyncIterable<Uint8Array> {
      yield bytes(2500);
      // Fail once two segments are stored.
      while (stored() < 2) await new Promise((r) => setTimeout(r, 5));
      throw boom;
    }
    await expect(driver.uploadObjectViaStream('c', { name: 'x.bin', source: source() })).rejects.toBe(boom);
    expect(stored()).toBe(2);
    expect(await driver.listContainerObjects(segmentContainerOf('c'))).toEqual([]);
    expect(await driver.listContainerObjects('c')).toEqual([]);
  });
});

describe('temp URLs', () => {
  it('signs with SHA-256 per /info, over the account path; refuses a missing key', async () => {
    await driver.createContainer({ name: 'c' });
    await driver.uploadObject('c', { name: 'a b/ü.txt', data: 'hello' });
    await expect(driver.getObjectTempUrl('c', { name: 'a b/ü.txt', expiresInMs: 60_000 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await driver.exSetTempUrlKey('k3y');
    expect(await driver.exHasTempUrlKey()).toBe(true);
    const url = new URL(await driver.getObjectTempUrl('c', { name: 'a b/ü.txt', expiresInMs: 60_000 }));
    const expires = url.searchParams.get('temp_url_expires')!;
    const account = new URL(await driver.exGetStorageUrl()).pathname;
    const want = createHmac('sha256', 'k3y').update(`GET\n${expires}\n${account}/c/a b/ü.txt`).digest('hex');
    expect(url.searchParams.get('temp_url_sig')).toBe(want);
    expect(await (await fetch(url)).text()).toBe('hello');
    const forged = new URL(url);
    forged.searchParams.set('temp_url_sig', want.replace(/^./, want[0] === '0' ? '1' : '0'));
    expect((await fetch(forged)).status).toBe(401);
    const expired = new URL(url);
    expired.searchParams.set('temp_url_expires', String(Math.floor(Date.now() / 1000) - 10));
    expect((await fetch(expired)).status).toBe(401);
  });
});

describe('auth, errors and paging', () => {
  it('logs in again once after a 401 (revoked token)', async () => {
    await driver.createContainer({ name: 'c' });
    sim.revokeAllTokens();
    expect((await driver.listContainers()).map((c) => c.name)).toEqual(['c']);
    expect(sim.server.requests.filter((r) => r.path === '/auth/v1.0')).toHaveLength(2);
  });

  it('refuses a wrong key with InvalidCredentialsError and keeps it out of inspect', async () => {
    const bad = new OpenStackSwiftStorageDriver('demo:demo', 'not-the-password', { authUrl: `${sim.url}/auth/v1.0` });
    await expect(bad.listContainers()).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(inspect(bad, { depth: 6, showHidden: true })).not.toContain('not-the-password');
    bad.close();
  });

  it('maps 202 on create to AlreadyExistsError, 409 to a typed refusal, and carries X-Trans-Id', async () => {
    await driver.createContainer({ name: 'c' });
    await expect(driver.createContainer({ name: 'c' })).rejects.toBeInstanceOf(AlreadyExistsError);
    await driver.uploadObject('c', { name: 'o', data: 'x' });
    const err = await driver.deleteContainer('c').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).providerCode).toBe('ContainerNotEmpty');
    const missing = await driver.getObject('c', { name: 'nope' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).requestId).toMatch(/^tx[0-9a-f]{21}-[0-9a-f]{10}$/);
  });

  it('follows markers through every page and rolls subdirs into prefixes', async () => {
    await driver.createContainer({ name: 'c' });
    for (const n of ['a/1', 'a/2', 'b/1', 'c', 'd', 'e/x/y']) await driver.uploadObject('c', { name: n, data: n });
    expect((await driver.listContainerObjects('c')).map((o) => o.name)).toEqual(['a/1', 'a/2', 'b/1', 'c', 'd', 'e/x/y']);
    expect((await driver.listContainerPrefixes('c')).map((p) => p.name)).toEqual(['a/', 'b/', 'e/']);
    expect((await driver.listContainerObjects('c', { delimiter: '/' })).map((o) => o.name)).toEqual(['c', 'd']);
    const gets = sim.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith(new URL(`${sim.url}/swift/v1/`).pathname));
    expect(gets.some((r) => r.path.includes('marker='))).toBe(true);
  });

  it('builds from ST_AUTH/ST_USER/ST_KEY and from OS_* (Keystone catalog)', async () => {
    const st = OpenStackSwiftStorageDriver.fromEnv({ ST_AUTH: `${sim.url}/auth/v1.0`, ST_USER: 'demo:demo', ST_KEY: 'secret' });
    await st.createContainer({ name: 'from-env' });
    const ks = OpenStackSwiftStorageDriver.fromEnv({
      OS_AUTH_URL: `${sim.url}/identity/v3`,
      OS_USERNAME: 'demo',
      OS_PASSWORD: 'secret',
      OS_PROJECT_NAME: 'demo',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    });
    expect((await ks.listContainers()).map((c) => c.name)).toEqual(['from-env']);
    expect(await ks.exGetStorageUrl()).toBe(await st.exGetStorageUrl());
    st.close();
    ks.close();
    expect(() => new OpenStackSwiftStorageDriver('u', 'k', { authUrl: 'ftp://x' })).toThrow(InvalidArgumentError);
    expect(() => new OpenStackSwiftStorageDriver('u', 'k', { authUrl: `${sim.url}/auth/v1.0`, segmentSize: 0 })).toThrow(
      InvalidArgumentError,
    );
  });
});
