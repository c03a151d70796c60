import { call, type CallResult, freshKey, key, type Sim, startSim, until } from './support.js';

type Json = Record<string, unknown>;
const asObject = (r: CallResult): Json => r.body as Json;
const asList = (r: CallResult): Json[] => r.body as Json[];

describe('catalog, account and keys on the wire', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.close());

  it('filters packages (AND, * wildcards) and gets one by id or name', async () => {
    const all = asList(await s.api('GET', '/my/packages'));
    expect(all.length).toBeGreaterThan(3);
    expect(asList(await s.api('GET', '/my/packages?name=g4-highcpu-*')).every((p) => (p['name'] as string).startsWith('g4-highcpu-'))).toBe(
      true,
    );
    expect(asList(await s.api('GET', '/my/packages?memory=1024')).map((p) => p['name'])).toEqual(['g4-highcpu-1G']);
    expect(asList(await s.api('GET', '/my/packages?memory=4096&vcpus=1')).map((p) => p['name'])).toEqual(['g4-general-4G']);
    const byName = asObject(await s.api('GET', '/my/packages/g4-highcpu-1G'));
    expect(asObject(await s.api('GET', `/my/packages/${byName['id'] as string}`))['name']).toBe('g4-highcpu-1G');
    expect((await s.api('GET', '/my/packages/nope')).status).toBe(404);
  });

  it('filters images by name, os, type and state', async () => {
    const images = asList(await s.api('GET', '/my/images'));
    expect(images.every((i) => i['state'] === 'active')).toBe(true);
    expect(asList(await s.api('GET', '/my/images?os=linux')).every((i) => i['os'] === 'linux')).toBe(true);
    expect(
      asList(await s.api('GET', '/my/images?name=ubuntu-*'))
        .map((i) => i['name'])
        .sort(),
    ).toEqual(['ubuntu-22.04', 'ubuntu-certified-22.04']);
    expect(asList(await s.api('GET', '/my/images?type=zvol')).map((i) => i['name'])).toEqual(['ubuntu-certified-22.04']);
    const bad = await s.api('GET', '/my/images?state=melted');
    expect([bad.status, asObject(bad)['code']]).toEqual([409, 'InvalidArgument']);
    expect((await s.api('GET', `/my/images/${images[0]!['id'] as string}`)).status).toBe(200);
  });

  it('creates an image from a machine (201 creating, then active) and deletes it', async () => {
    const [id] = s.sim.seedMachines('demo', 1) as [string];
    const res = await s.api('POST', '/my/images', { machine: id, name: 'my-image', version: '1.0.0' });
    expect(res.status).toBe(201);
    expect(asObject(res)['state']).toBe('creating');
    expect(res.headers['x-joyent-jobid']).toMatch(/^[0-9a-f-]{36}$/);
    const imageId = asObject(res)['id'] as string;
    await until(
      () => s.api('GET', `/my/images/${imageId}`),
      (r) => asObject(r)['state'] === 'active',
    );
    expect(asList(await s.api('GET', '/my/images?public=false')).map((i) => i['id'])).toEqual([imageId]);
    expect((await s.api('DELETE', `/my/images/${imageId}`)).status).toBe(204);
  });

  it('lists networks including a public one, and gets one', async () => {
    const nets = asList(await s.api('GET', '/my/networks'));
    const pub = nets.find((n) => n['public'] === true);
    expect(pub).toBeDefined();
    expect(nets.some((n) => n['public'] === false)).toBe(true);
    expect(asObject(await s.api('GET', `/my/networks/${pub!['id'] as string}`))['name']).toBe(pub!['name']);
    expect((await s.api('GET', '/my/networks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const config = asObject(await s.api('GET', '/my/config'));
    expect(nets.map((n) => n['id'])).toContain(config['default_network']);
  });

  it('gets and updates the account', async () => {
    const account = asObject(await s.api('GET', '/my'));
    expect(account).toMatchObject({ login: 'demo', email: 'demo@example.com' });
    const updated = asObject(await s.api('POST', '/my', { companyName: 'Acme', triton_cns_enabled: true }));
    expect(updated).toMatchObject({ companyName: 'Acme', triton_cns_enabled: true });
    expect(asObject(await s.api('GET', '/demo'))['companyName']).toBe('Acme');
  });

  it('lists datacenters and redirects GetDatacenter with 302 ResourceMoved', async () => {
    const dcs = asObject(await s.api('GET', '/my/datacenters'));
    expect(dcs['us-east-1']).toBe(s.sim.url);
    const moved = await s.api('GET', '/my/datacenters/us-east-1');
    expect(moved.status).toBe(302);
    expect(moved.headers['location']).toBe(s.sim.url);
    expect(asObject(moved)['code']).toBe('ResourceMoved');
    expect((await s.api('GET', '/my/datacenters/mars-1')).status).toBe(404);
  });

  it('manages account keys; a key added over the API can then sign requests', async () => {
    const k = freshKey();
    const created = await s.api('POST', '/my/keys', { name: 'laptop', key: k.publicKey });
    expect(created.status).toBe(201);
    expect(asObject(created)).toMatchObject({ name: 'laptop', fingerprint: k.md5 });
    expect((await call(s.sim.url, { path: '/my/machines', sign: { key: k } })).status).toBe(200);
    expect(asObject(await s.api('GET', `/my/keys/${k.md5}`))['name']).toBe('laptop');
    const dup = await s.api('POST', '/my/keys', { name: 'laptop', key: key('rsa').publicKey });
    expect([dup.status, asObject(dup)['code']]).toEqual([409, 'InvalidArgument']);
    const bad = await s.api('POST', '/my/keys', { name: 'junk', key: 'ssh-rsa not-a-key' });
    expect([bad.status, asObject(bad)['code']]).toEqual([409, 'InvalidArgument']);
    const missing = await s.api('POST', '/my/keys', { name: 'nothing' });
    expect([missing.status, asObject(missing)['code']]).toEqual([409, 'MissingParameter']);
    expect((await s.api('DELETE', '/my/keys/laptop')).status).toBe(204);
    expect((await call(s.sim.url, { path: '/my/machines', sign: { key: k } })).status).toBe(401);
  });

  it('manages sub-user keys under /:account/users/:user/keys', async () => {
    s.sim.addSubUser('demo', 'ops', []);
    const k = freshKey();
    const res = await s.api('POST', '/my/users/ops/keys', { key: k.publicKey });
    expect(res.status).toBe(201);
    expect(asObject(res)['name']).toBe(k.md5);
    expect(asList(await s.api('GET', '/my/users/ops/keys')).map((x) => x['fingerprint'])).toEqual([k.md5]);
    const asUser = await call(s.sim.url, {
      path: '/my/machines',
      headers: { 'accept-version': '~8' },
      sign: { key: k, keyId: `/demo/users/ops/keys/${k.md5}` },
    });
    expect(asUser.status).toBe(200);
    expect((await s.api('GET', '/my/users/nobody/keys')).status).toBe(404);
  });
});

describe('machine sub-resources on the wire', () => {
  let s: Sim;
  let id: string;
  beforeAll(async () => {
    s = await startSim();
    [id] = s.sim.seedMachines('demo', 1, { tags: { a: 1 }, metadata: { 'user-script': '#!/bin/sh' } }) as [string];
  });
  afterAll(() => s.close());

  it('metadata: add, get (JSON or text), protected keys, delete all', async () => {
    const m = `/my/machines/${id}/metadata`;
    expect(asObject(await s.api('POST', m, { foo: 'bar', n: 3 }))).toMatchObject({ foo: 'bar', n: '3' });
    expect((await s.api('GET', `${m}/foo`)).body).toBe('bar');
    expect((await s.api('GET', `${m}/foo`, undefined, { accept: 'text/plain' })).text).toBe('bar');
    const missing = await s.api('GET', `${m}/nope`);
    expect([missing.status, asObject(missing)['message']]).toEqual([404, 'nope is not metadata']);
    expect((await s.api('DELETE', `${m}/root_authorized_keys`)).status).toBe(409);
    expect((await s.api('DELETE', `${m}/foo`)).status).toBe(204);
    expect((await s.api('DELETE', m)).status).toBe(204);
    expect(asObject(await s.api('GET', m))).toEqual({});
  });

  it('tags: add, replace, get, delete one and all', async () => {
    const t = `/my/machines/${id}/tags`;
    expect(asObject(await s.api('POST', t, { b: 'two', c: true }))).toEqual({ a: 1, b: 'two', c: true });
    expect(asObject(await s.api('PUT', t, { only: 'this' }))).toEqual({ only: 'this' });
    expect((await s.api('GET', `${t}/only`)).body).toBe('this');
    expect((await s.api('GET', `${t}/only`, undefined, { accept: 'text/plain' })).text).toBe('this');
    expect((await s.api('DELETE', `${t}/only`)).status).toBe(204);
    expect((await s.api('GET', `${t}/only`)).status).toBe(404);
    await s.api('POST', t, { x: 'y' });
    expect((await s.api('DELETE', t)).status).toBe(204);
    expect(asObject(await s.api('GET', t))).toEqual({});
  });

  it('snapshots: 201 queued, then created; boot from it needs a stopped machine', async () => {
    const base = `/my/machines/${id}/snapshots`;
    const res = await s.api('POST', base, { name: 'before' });
    expect([res.status, asObject(res)['state']]).toEqual([201, 'queued']);
    await until(
      () => s.api('GET', `${base}/before`),
      (r) => asObject(r)['state'] === 'created',
    );
    expect(asList(await s.api('GET', base)).map((x) => x['name'])).toEqual(['before']);
    expect((await s.api('POST', `${base}/before`)).status).toBe(409);
    await s.api('POST', `/my/machines/${id}?action=stop`);
    await until(
      () => s.api('GET', `/my/machines/${id}`),
      (r) => asObject(r)['state'] === 'stopped',
    );
    expect((await s.api('POST', `${base}/before`)).status).toBe(202);
    await until(
      () => s.api('GET', `/my/machines/${id}`),
      (r) => asObject(r)['state'] === 'running',
    );
    expect((await s.api('DELETE', `${base}/before`)).status).toBe(204);
    expect((await s.api('GET', `${base}/before`)).status).toBe(404);
  });

  it('NICs: add (201, 302 for the same network), get by MAC without colons, remove', async () => {
    const nets = asList(await s.api('GET', '/my/networks'));
    const fabric = nets.find((n) => n['fabric'] === true)!;
    const base = `/my/machines/${id}/nics`;
    const before = await s.api('GET', base);
    expect(before.headers['x-resource-count']).toBe(String(asList(before).length));
    const added = await s.api('POST', base, { network: fabric['id'] });
    expect(added.status).toBe(201);
    const mac = (asObject(added)['mac'] as string).replace(/:/g, '');
    expect(added.headers['location']).toBe(`/demo/machines/${id}/nics/${mac}`);
    expect((await s.api('POST', base, { network: fabric['id'] })).status).toBe(302);
    expect(asObject(await s.api('GET', `${base}/${mac}`))['network']).toBe(fabric['id']);
    expect((await s.api('DELETE', `${base}/${mac}`)).status).toBe(204);
    await until(
      () => s.api('GET', `${base}/${mac}`),
      (r) => r.status === 404,
    );
    const missing = await s.api('POST', base, {});
    expect([missing.status, asObject(missing)['code']]).toEqual([409, 'MissingParameter']);
  });
});
