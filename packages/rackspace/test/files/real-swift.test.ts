/**
 * Cloud Files' storage part against a real Swift 2.30 (scripts/test/services/swift) authenticated through a
 * real Keystone (scripts/test/services/keystone). Rackspace Cloud Identity's v2.0 RAX-KSKEY login cannot run
 * against a modern Keystone (v2.0 was removed), so the driver gets what a Rackspace login yields: a shared
 * Keystone session (`options.session`, here Keystone v3 for the demo project) and the account's storage URL
 * (`options.storageUrl`, the catalog's `object-store` URL of RegionOne, a `KEY_<project>` account). Everything
 * after login — the Cloud Files driver's Swift calls, listings, metadata, static large objects — is real.
 * The CDN API has no open-source server and is tested against the Rackspace simulator (cdn.test.ts).
 * `node scripts/test/run.mjs packages/rackspace/test/files/real-swift.test.ts` starts both servers.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { NotFoundError, ProviderError } from '@cloudmux/core/errors';
import { IdentitySession, segmentContainerOf } from '@cloudmux/openstack';
import { CloudFilesStorageDriver } from '@cloudmux/rackspace';
import { describeWithService } from '../../../../scripts/test/with-service.mjs';

function env(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is not set (the service's start.sh prints it)`);
  return v;
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describeWithService('swift', 'Cloud Files driver against real Swift', () => {
  describeWithService('keystone', 'authenticated through real Keystone', () => {
    let session: IdentitySession;
    let storageUrl: string;

    beforeAll(async () => {
      session = new IdentitySession({
        authUrl: env('OS_AUTH_URL'),
        provider: 'cloudfiles',
        credentials: {
          type: 'v3password',
          username: env('KEYSTONE_DEMO_USERNAME'),
          userDomainName: 'Default',
          password: env('KEYSTONE_DEMO_PASSWORD'),
        },
        scope: { projectName: env('KEYSTONE_DEMO_PROJECT_NAME'), projectDomainName: 'Default' },
      });
      storageUrl = await session.endpoint({ type: 'object-store', region: process.env.OS_REGION_NAME || 'RegionOne' });
    }, 60_000);
    afterAll(() => session?.close());

    function files(options = {}): CloudFilesStorageDriver {
      return new CloudFilesStorageDriver(undefined, undefined, { session, region: 'DFW', storageUrl, pageSize: 2, ...options });
    }

    async function withContainer(fn: (d: CloudFilesStorageDriver, name: string) => Promise<void>, options = {}): Promise<void> {
      const d = files(options);
      const name = `cmx-cf-${randomBytes(4).toString('hex')}`;
      await d.createContainer({ name });
      try {
        await fn(d, name);
      } finally {
        for (const o of await d.listContainerObjects(name)) await d.deleteObject(o).catch(() => undefined);
        await d.deleteContainer(name).catch(() => undefined);
        await d.deleteContainer(segmentContainerOf(name)).catch(() => undefined);
        d.close();
      }
    }

    it('uploads, lists every page with prefix and delimiter, downloads and deletes objects', async () => {
      await withContainer(async (d, c) => {
        expect(await d.exGetStorageUrl()).toMatch(/\/v1\/KEY_[0-9a-f]+$/);
        for (const n of ['a/1.txt', 'a/2.txt', 'a/b/3.txt', 'c.txt', 'd.txt']) await d.uploadObject(c, { name: n, data: `data of ${n}` });
        expect((await d.listContainerObjects(c)).map((o) => o.name)).toEqual(['a/1.txt', 'a/2.txt', 'a/b/3.txt', 'c.txt', 'd.txt']);
        expect((await d.listContainerObjects(c, { prefix: 'a/', delimiter: '/' })).map((o) => o.name)).toEqual(['a/1.txt', 'a/2.txt']);
        expect((await d.listContainerPrefixes(c, { prefix: 'a/' })).map((p) => p.name)).toEqual(['a/b/']);
        const o = await d.getObject(c, { name: 'a/b/3.txt' });
        expect((await collect(await d.downloadObjectAsStream(o))).toString()).toBe('data of a/b/3.txt');
        expect((await collect(await d.downloadObjectAsStream(o, { start: 0, end: 3 }))).toString()).toBe('data');
        await d.deleteObject(o);
        const err = await d.getObject(c, { name: 'a/b/3.txt' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
        expect((err as NotFoundError).provider).toBe('cloudfiles');
        expect((err as NotFoundError).requestId).toMatch(/^tx/);
      });
    });

    it('reads and replaces metadata and content type, copies server-side', async () => {
      await withContainer(async (d, c) => {
        const o = await d.uploadObject(c, { name: 'm.json', data: '{}', contentType: 'application/json', meta: { owner: 'ops' } });
        expect((await d.getObject(c, { name: 'm.json' })).meta).toEqual({ owner: 'ops' });
        const u = await d.updateObjectMetadata(o, { meta: { owner: 'dev', stage: 'test' } });
        expect(u.meta).toEqual({ owner: 'dev', stage: 'test' });
        expect(u.contentType).toBe('application/json');
        const copy = await d.copyObject(u, { destinationName: 'copy.json' });
        expect(copy.meta).toEqual({ owner: 'dev', stage: 'test' });
        expect(copy.size).toBe(2);
      });
    });

    it('stores a static large object above a small threshold and reads it back whole and by range', async () => {
      await withContainer(
        async (d, c) => {
          const data = randomBytes(150_000);
          const o = await d.uploadObjectViaStream(c, { name: 'big.bin', source: Readable.from([data]) });
          expect(o.extra.staticLargeObject).toBe(true);
          const got = await d.getObject(c, { name: 'big.bin' });
          expect(got.size).toBe(data.length);
          expect((await d.listContainerObjects(segmentContainerOf(c))).length).toBe(3);
          expect((await collect(await d.downloadObjectAsStream(got))).equals(data)).toBe(true);
          expect(
            (await collect(await d.downloadObjectAsStream(got, { start: 59_990, end: 60_009 }))).equals(data.subarray(59_990, 60_010)),
          ).toBe(true);
          await d.deleteObject(got);
          expect(await d.listContainerObjects(segmentContainerOf(c))).toEqual([]);
        },
        { sloThreshold: 64 * 1024, segmentSize: 60_000 },
      );
    });

    it('refuses to delete a non-empty container', async () => {
      await withContainer(async (d, c) => {
        await d.uploadObject(c, { name: 'x', data: 'x' });
        const err = await d.deleteContainer(c).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ProviderError);
        expect((err as ProviderError).status).toBe(409);
      });
    });
  });
});
