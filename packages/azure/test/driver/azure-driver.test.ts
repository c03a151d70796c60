import { inspect } from 'node:util';
import { Readable } from 'node:stream';
import { AzureBlobsStorageDriver, sasTime, serviceSasQuery, AZURE_BLOB_VERSION } from '@cloudmux/azure';
import { AzureBlobSimulator } from '@cloudmux/azure/simulator';
import {
  BadRequestError,
  ChecksumMismatchError,
  InvalidArgumentError,
  InvalidCredentialsError,
  NotFoundError,
} from '@cloudmux/core/errors';

let sim: AzureBlobSimulator;
let driver: AzureBlobsStorageDriver;

beforeEach(async () => {
  sim = await AzureBlobSimulator.start({ maxPageSize: 3 });
  driver = new AzureBlobsStorageDriver(sim.account, sim.key, { endpoint: sim.endpoint, singlePutThreshold: 1024, blockSize: 64 * 1024 });
});
afterEach(async () => {
  driver.close();
  await sim.close();
});

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

function containerSas(container: string, permissions: string, expiresInMs = 60_000): string {
  return serviceSasQuery(
    {
      permissions,
      start: '',
      expiry: sasTime(Date.now() + expiresInMs),
      account: sim.account,
      container,
      blob: '',
      version: AZURE_BLOB_VERSION,
      resource: 'c',
      protocol: '',
    },
    sim.key,
  ).toString();
}

describe('AzureBlobsStorageDriver against the simulator', () => {
  it('signs with SharedKey: a wrong key is InvalidCredentialsError with the service code and request id, and no secret', async () => {
    const wrongKey = Buffer.alloc(64, 7).toString('base64');
    const bad = new AzureBlobsStorageDriver(sim.account, wrongKey, { endpoint: sim.endpoint });
    const err = await bad.listContainers().catch((e: unknown) => e);
    bad.close();
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as InvalidCredentialsError).providerCode).toBe('AuthenticationFailed');
    expect((err as InvalidCredentialsError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(inspect(err, { depth: 5 })).not.toContain(wrongKey);
    expect(inspect(bad, { depth: 5 })).not.toContain(wrongKey);
    expect(inspect(driver, { depth: 5 })).not.toContain(sim.key);
  });

  it('maps BlobNotFound / ContainerNotFound (HEAD, no body) and ContainerAlreadyExists', async () => {
    await expect(driver.getContainer('nope-nope')).rejects.toMatchObject({ providerCode: 'ContainerNotFound', status: 404 });
    await driver.createContainer({ name: 'box' });
    await expect(driver.getObject('box', { name: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(driver.createContainer({ name: 'box' })).rejects.toMatchObject({ providerCode: 'ContainerAlreadyExists' });
    await expect(driver.createContainer({ name: 'Bad_Name' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('uploads above the threshold as staged blocks, verified end to end, and a failed stream commits nothing', async () => {
    await driver.createContainer({ name: 'box' });
    const data = Buffer.alloc(200_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 13) & 0xff;
    sim.server.clearRequests();
    const o = await driver.uploadObjectViaStream('box', { name: 'big.bin', source: Readable.from([data]) });
    const ops = sim.server.requests.map((r) => `${r.method} ${/comp=(\w+)/.exec(r.path)?.[1] ?? ''}`);
    expect(ops.filter((x) => x === 'PUT block')).toHaveLength(4);
    expect(ops.filter((x) => x === 'PUT blocklist')).toHaveLength(1);
    // Bounded memory: no request body is bigger than one block.
    const sizes = sim.server.requests.filter((r) => r.path.includes('comp=block&')).map((r) => Number(r.headers['content-length']));
    // Blocks go out concurrently, so they may arrive in any order.
    expect(sizes.sort((a, b) => b - a)).toEqual([65_536, 65_536, 65_536, 200_000 - 3 * 65_536]);
    expect(o.size).toBe(data.length);
    expect((await readAll(await driver.downloadObjectAsStream(o))).equals(data)).toBe(true);
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(150_000, 1);
      throw new Error('source broke');
    }
    await expect(driver.uploadObjectViaStream('box', { name: 'big.bin', source: failing() })).rejects.toThrow('source broke');
    expect((await driver.getObject('box', { name: 'big.bin' })).size).toBe(data.length);
    await expect(driver.uploadObjectViaStream('box', { name: 'other.bin', source: failing() })).rejects.toThrow('source broke');
    await expect(driver.getObject('box', { name: 'other.bin' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('verifies whole downloads against Content-MD5', async () => {
    await driver.createContainer({ name: 'box' });
    const o = await driver.uploadObject('box', { name: 'a.txt', data: 'abc' });
    sim.state.containers.get('box')!.blobs.get('a.txt')!.data = Buffer.from('abd');
    await expect(readAll(await driver.downloadObjectAsStream(o))).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect((await readAll(await driver.downloadObjectAsStream(o, { verifyHash: false }))).toString()).toBe('abd');
  });

  it('refuses to delete a non-empty container (the service would delete its blobs)', async () => {
    await driver.createContainer({ name: 'box' });
    const o = await driver.uploadObject('box', { name: 'keep', data: 'x' });
    await expect(driver.deleteContainer('box')).rejects.toBeInstanceOf(BadRequestError);
    expect(sim.state.containers.get('box')?.blobs.size).toBe(1);
    await driver.deleteObject(o);
    expect(await driver.deleteContainer('box')).toBe(true);
  });

  it('works with a container SAS token instead of the key; permissions and expiry are enforced', async () => {
    await driver.createContainer({ name: 'box' });
    const sas = new AzureBlobsStorageDriver(sim.account, undefined, { endpoint: sim.endpoint, sasToken: containerSas('box', 'racwdl') });
    const o = await sas.uploadObject('box', { name: 'dir/s.txt', data: 'via sas' });
    expect((await sas.listContainerObjects('box')).map((x) => x.name)).toEqual(['dir/s.txt']);
    expect((await readAll(await sas.downloadObjectAsStream(o))).toString()).toBe('via sas');
    await expect(sas.getObjectTempUrl('box', { name: 'x', expiresInMs: 60_000 })).rejects.toBeInstanceOf(InvalidArgumentError);
    sas.close();
    const readOnly = new AzureBlobsStorageDriver(sim.account, undefined, { endpoint: sim.endpoint, sasToken: containerSas('box', 'rl') });
    await expect(readOnly.uploadObject('box', { name: 'no.txt', data: 'x' })).rejects.toMatchObject({
      providerCode: 'AuthorizationPermissionMismatch',
    });
    readOnly.close();
    const expired = new AzureBlobsStorageDriver(sim.account, undefined, {
      endpoint: sim.endpoint,
      sasToken: containerSas('box', 'rl', -60_000),
    });
    await expect(expired.listContainerObjects('box')).rejects.toBeInstanceOf(InvalidCredentialsError);
    expired.close();
    const tampered = containerSas('box', 'rl').replace('sp=rl', 'sp=rwl');
    const forged = new AzureBlobsStorageDriver(sim.account, undefined, { endpoint: sim.endpoint, sasToken: tampered });
    await expect(forged.uploadObject('box', { name: 'no.txt', data: 'x' })).rejects.toMatchObject({ providerCode: 'AuthenticationFailed' });
    forged.close();
  });

  it('temp URLs: a GET URL reads without credentials but an altered one is refused', async () => {
    await driver.createContainer({ name: 'box' });
    await driver.uploadObject('box', { name: 'p.txt', data: 'public for a while' });
    const url = await driver.getObjectTempUrl('box', { name: 'p.txt', expiresInMs: 60_000 });
    expect(await (await fetch(url)).text()).toBe('public for a while');
    const other = url.replace('/p.txt?', '/q.txt?');
    const res = await fetch(other);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ms-error-code')).toBe('AuthenticationFailed');
    expect(await res.text()).toContain('<Code>AuthenticationFailed</Code>');
  });

  it('follows markers through every page of containers and blobs', async () => {
    for (const n of ['c-1', 'c-2', 'c-3', 'c-4', 'c-5']) await driver.createContainer({ name: n });
    expect((await driver.listContainers()).map((c) => c.name)).toEqual(['c-1', 'c-2', 'c-3', 'c-4', 'c-5']);
    for (let i = 0; i < 7; i++) await driver.uploadObject('c-1', { name: `k/${i}`, data: String(i), meta: { 'Build-Id': `b${i}` } });
    sim.server.clearRequests();
    const objs = await driver.listContainerObjects('c-1');
    expect(objs.map((o) => o.name)).toEqual(['k/0', 'k/1', 'k/2', 'k/3', 'k/4', 'k/5', 'k/6']);
    expect(objs[3]?.meta).toEqual({ 'Build-Id': 'b3' });
    expect(sim.server.requests.length).toBe(3);
  });

  it('copyObject waits for a pending copy', async () => {
    const slow = await AzureBlobSimulator.start({ copyDelayMs: 150 });
    const d = new AzureBlobsStorageDriver(slow.account, slow.key, { endpoint: slow.endpoint });
    try {
      await d.createContainer({ name: 'box' });
      const o = await d.uploadObject('box', { name: 'src', data: 'copy me' });
      const c = await d.copyObject(o, { destinationName: 'dst' });
      expect(c.size).toBe(7);
      const heads = slow.server.requests.filter((r) => r.method === 'HEAD' && r.path.includes('/dst'));
      expect(heads.length).toBeGreaterThan(1);
    } finally {
      d.close();
      await slow.close();
    }
  });

  it('fromEnv reads a connection string or account + key', async () => {
    const a = AzureBlobsStorageDriver.fromEnv({ AZURE_STORAGE_CONNECTION_STRING: sim.connectionString() });
    await a.createContainer({ name: 'env-a' });
    a.close();
    const b = AzureBlobsStorageDriver.fromEnv({
      AZURE_STORAGE_ACCOUNT: sim.account,
      AZURE_STORAGE_KEY: sim.key,
      AZURE_BLOB_ENDPOINT: sim.endpoint,
    });
    expect((await b.getContainer('env-a')).name).toBe('env-a');
    b.close();
    expect(() => AzureBlobsStorageDriver.fromEnv({})).toThrow(InvalidArgumentError);
    expect(() => new AzureBlobsStorageDriver(sim.account, sim.key, { endpoint: sim.endpoint, bogus: 1 } as never)).toThrow(/bogus/);
  });
});
