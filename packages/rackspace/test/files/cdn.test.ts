import { inspect } from 'node:util';
import { InvalidArgumentError, InvalidCredentialsError, NotFoundError, ServiceUnavailableError } from '@cloudmux/core/errors';
import { CloudFilesStorageDriver, type CloudFilesDriverOptions } from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

let sim: RackspaceSimulator;
beforeAll(async () => {
  sim = await RackspaceSimulator.start();
});
afterAll(async () => {
  await sim.stop();
});

const drivers: CloudFilesStorageDriver[] = [];
afterEach(() => {
  for (const d of drivers.splice(0)) d.close();
});

function files(options: CloudFilesDriverOptions = {}): CloudFilesStorageDriver {
  const d = new CloudFilesStorageDriver('demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl, ...options });
  drivers.push(d);
  return d;
}

let seq = 0;
async function container(d: CloudFilesStorageDriver): Promise<string> {
  const name = `cdn-${process.pid}-${++seq}`;
  await d.createContainer({ name });
  return name;
}

describe('Cloud Files CDN against the simulator', () => {
  it('enables a container with TTL and log retention, then reports its settings and URIs', async () => {
    const d = files();
    const c = await container(d);
    expect(await d.enableContainerCdn(c, { ex: { ttl: 3600, logRetention: true } })).toBe(true);
    const put = sim.server.requests.find((r) => r.method === 'PUT' && r.path === `/cdn/v1/AUTH_${sim.accountId()}/${c}`);
    expect(put).toBeDefined();
    const info = await d.exGetContainerCdnInfo(c);
    expect(info).toMatchObject({ container: c, enabled: true, ttl: 3600, logRetention: true });
    expect(info.uris.http).toMatch(/^http:\/\/[0-9a-f]{20}-[0-9a-f]{32}\.r\d\d\.cf1\.rackcdn\.com$/);
    expect(info.uris.https).toMatch(/^https:\/\/[0-9a-f]{20}-[0-9a-f]{32}\.ssl\.cf1\.rackcdn\.com$/);
    expect(info.uris.streaming).toMatch(/\.stream\.cf1\.rackcdn\.com$/);
    expect(info.uris.ios).toMatch(/\.iosr\.cf1\.rackcdn\.com$/);
    expect(await d.getContainerCdnUrl(c)).toBe(info.uris.https);
    expect(await d.getContainerCdnUrl(c, { ex: { uriType: 'http' } })).toBe(info.uris.http);
  });

  it('builds object CDN URLs from the container URI and the encoded object name', async () => {
    const d = files();
    const c = await container(d);
    const o = await d.uploadObject(c, { name: 'img/a b#1.png', data: 'x' });
    await d.enableContainerCdn(c);
    const info = await d.exGetContainerCdnInfo(c);
    expect(info.ttl).toBe(259_200);
    expect(await d.getObjectCdnUrl(o)).toBe(`${info.uris.https}/img/a%20b%231.png`);
    expect(await d.getObjectCdnUrl(o, { ex: { uriType: 'streaming' } })).toBe(`${info.uris.streaming}/img/a%20b%231.png`);
    await expect(d.getObjectCdnUrl(o, { ex: { uriType: 'ftp' as never } })).rejects.toThrow(/ftp.*http, https, streaming, ios/);
  });

  it('answers NotFoundError naming the container when it was never CDN-enabled', async () => {
    const d = files();
    const c = await container(d);
    const err = await d.getContainerCdnUrl(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain(`"${c}"`);
    expect((err as NotFoundError).requestId).toMatch(/^(tx|req-)/);
    await expect(d.exPurgeObjectFromCdn(c, 'x')).rejects.toBeInstanceOf(NotFoundError);
    await expect(d.exUpdateContainerCdn(c, { ttl: 1000 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to CDN-enable a container that does not exist', async () => {
    const d = files();
    await expect(d.enableContainerCdn('no-such-container')).rejects.toBeInstanceOf(NotFoundError);
    expect(sim.server.requests.some((r) => r.method === 'PUT' && r.path.endsWith('/no-such-container') && r.path.startsWith('/cdn/'))).toBe(
      false,
    );
  });

  it('updates TTL and log retention, disables and re-enables with the same URIs (201 then 202)', async () => {
    const d = files();
    const c = await container(d);
    await d.enableContainerCdn(c);
    const before = await d.exGetContainerCdnInfo(c);
    const updated = await d.exUpdateContainerCdn(c, { ttl: 900, logRetention: true });
    expect(updated).toMatchObject({ enabled: true, ttl: 900, logRetention: true });
    expect(await d.exDisableContainerCdn(c)).toBe(true);
    expect((await d.exGetContainerCdnInfo(c)).enabled).toBe(false);
    await d.enableContainerCdn(c);
    const after = await d.exGetContainerCdnInfo(c);
    expect(after.enabled).toBe(true);
    expect(after.uris).toEqual(before.uris);
    const puts = sim.server.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/cdn/') && r.path.endsWith(`/${c}`));
    expect(puts.map((r) => r.status)).toEqual([201, 202]);
  });

  it('lists CDN containers over every page, all or enabled only', async () => {
    const d = files({ pageSize: 2 });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await container(d);
      await d.enableContainerCdn(c);
      names.push(c);
    }
    await d.exDisableContainerCdn(names[1]!);
    const all = (await d.exListCdnContainers()).map((c) => c.container);
    for (const n of names) expect(all).toContain(n);
    expect([...all].sort()).toEqual(all);
    const enabled = await d.exListCdnContainers({ enabledOnly: true });
    expect(enabled.map((c) => c.container)).not.toContain(names[1]);
    expect(enabled.every((c) => c.enabled && c.uris.https !== undefined)).toBe(true);
    expect(await d.exRemoveCdnContainer(names[1]!)).toBe(true);
    expect((await d.exListCdnContainers()).map((c) => c.container)).not.toContain(names[1]);
    await expect(d.exGetContainerCdnInfo(names[1]!)).rejects.toBeInstanceOf(NotFoundError);
    expect((await d.getContainer(names[1]!)).name).toBe(names[1]);
    await expect(d.exRemoveCdnContainer(names[1]!)).rejects.toBeInstanceOf(NotFoundError);
    const gets = sim.server.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/cdn/v1/AUTH_${sim.accountId()}?`));
    expect(gets.some((r) => r.path.includes('marker='))).toBe(true);
  });

  it('lists no CDN containers on a fresh account (204 No Content)', async () => {
    const fresh = await RackspaceSimulator.start();
    const d = new CloudFilesStorageDriver('demo', 'demo-api-key', { region: 'HKG', identity: fresh.identityUrl });
    try {
      expect(await d.exListCdnContainers()).toEqual([]);
      expect(fresh.server.requests.find((r) => r.path.startsWith('/cdn/'))?.status).toBe(204);
    } finally {
      d.close();
      await fresh.stop();
    }
  });

  it('purges an object from the CDN with a notification address (the stored object stays)', async () => {
    const d = files();
    const c = await container(d);
    const o = await d.uploadObject(c, { name: 'dir/p.txt', data: 'hello' });
    await d.enableContainerCdn(c);
    expect(await d.exPurgeObjectFromCdn(c, 'dir/p.txt', { email: ['ops@example.com', 'dev@example.com'] })).toBe(true);
    const purge = sim.server.requests.find((r) => r.method === 'DELETE' && r.path === `/cdn/v1/AUTH_${sim.accountId()}/${c}/dir/p.txt`);
    expect(purge?.status).toBe(204);
    expect((await d.getObject(c, { name: 'dir/p.txt' })).size).toBe(o.size);
    await expect(d.exPurgeObjectFromCdn(c, 'x', { email: 'not-an-address' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('validates TTL, log retention and ex keys before any request', async () => {
    const d = files();
    const count = sim.server.requests.length;
    await expect(d.enableContainerCdn('c', { ex: { ttl: 899 } })).rejects.toThrow(/899.*900.*31536000/);
    await expect(d.enableContainerCdn('c', { ex: { ttl: 31_536_001 } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(d.enableContainerCdn('c', { ex: { logRetention: 'yes' as never } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(d.enableContainerCdn('c', { ex: { tll: 1000 } as never })).rejects.toThrow(/tll.*logRetention, ttl/);
    await expect(d.exUpdateContainerCdn('c', {})).rejects.toThrow(/ttl, logRetention or both/);
    await expect(d.getContainerCdnUrl('a/b')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(sim.server.requests.length).toBe(count);
  });

  it('uses the CDN endpoint of the region and never leaks the API key', async () => {
    const d = files({ region: 'LON' });
    expect(await d.exGetCdnManagementUrl()).toBe(`${sim.url}/cdn/v1/AUTH_${sim.accountId()}`);
    expect(inspect(d, { depth: 6 })).not.toContain('demo-api-key');
    const bad = files({ region: 'ORD' });
    const wrong = new CloudFilesStorageDriver('demo', 'wrong-key', { region: 'DFW', identity: sim.identityUrl });
    drivers.push(wrong, bad);
    await expect(wrong.exListCdnContainers()).rejects.toBeInstanceOf(InvalidCredentialsError);
  });
});

describe('Cloud Files CDN under faults', () => {
  it('retries a failed HEAD but never repeats a purge (purges count against a daily quota)', async () => {
    const d = files({ retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const c = await container(d);
    await d.enableContainerCdn(c);
    const path = `/cdn/v1/AUTH_${sim.accountId()}/${c}`;
    sim.injectFault({ method: 'HEAD', path, kind: 'status', status: 503 });
    expect((await d.exGetContainerCdnInfo(c)).enabled).toBe(true);
    expect(sim.server.requests.filter((r) => r.method === 'HEAD' && r.path === path)).toHaveLength(2);
    sim.injectFault({ method: 'DELETE', path: `${path}/p.txt`, kind: 'status', status: 503 });
    await expect(d.exPurgeObjectFromCdn(c, 'p.txt')).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(sim.server.requests.filter((r) => r.method === 'DELETE' && r.path === `${path}/p.txt`)).toHaveLength(1);
  });
});

describe('the simulated CDN API on the wire', () => {
  async function token(): Promise<string> {
    const res = await fetch(`${sim.identityUrl}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'demo', apiKey: 'demo-api-key' } } }),
    });
    const body = (await res.json()) as { access: { token: { id: string } } };
    return body.access.token.id;
  }

  it('checks the token and that its project owns the account', async () => {
    const base = `${sim.url}/cdn/v1/AUTH_${sim.accountId()}`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: { 'x-auth-token': 'bogus' } })).status).toBe(401);
    const t = await token();
    expect((await fetch(`${sim.url}/cdn/v1/AUTH_someone-else`, { headers: { 'x-auth-token': t } })).status).toBe(403);
    expect([200, 204]).toContain((await fetch(base, { headers: { 'x-auth-token': t } })).status);
  });

  it('answers 400 for a bad X-TTL or X-Log-Retention and 404 for an unknown container', async () => {
    const t = await token();
    const d = files();
    const c = await container(d);
    const url = `${sim.url}/cdn/v1/AUTH_${sim.accountId()}/${c}`;
    expect((await fetch(url, { method: 'PUT', headers: { 'x-auth-token': t, 'x-ttl': '60' } })).status).toBe(400);
    expect((await fetch(url, { method: 'PUT', headers: { 'x-auth-token': t, 'x-log-retention': 'maybe' } })).status).toBe(400);
    expect((await fetch(url, { method: 'HEAD', headers: { 'x-auth-token': t } })).status).toBe(404);
    expect((await fetch(url, { method: 'POST', headers: { 'x-auth-token': t, 'x-ttl': '1000' } })).status).toBe(404);
    const head = await fetch(url, { method: 'PUT', headers: { 'x-auth-token': t, 'x-cdn-enabled': 'True' } });
    expect(head.status).toBe(201);
    expect(head.headers.get('x-cdn-ssl-uri')).toMatch(/^https:/);
    expect(head.headers.get('x-trans-id')).toMatch(/^tx/);
  });
});
