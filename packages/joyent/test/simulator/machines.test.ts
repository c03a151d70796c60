import { type CallResult, type Sim, startSim, until } from './support.js';

type Json = Record<string, unknown>;

const asObject = (r: CallResult): Json => r.body as Json;
const asList = (r: CallResult): Json[] => r.body as Json[];

describe('machine lifecycle on the wire', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim({ provisionDelayMs: 40, stopDelayMs: 40, startDelayMs: 40, deleteDelayMs: 40 });
  });
  afterAll(() => s.close());

  const getState = async (id: string): Promise<CallResult> => s.api('GET', `/my/machines/${id}`);

  async function createRunning(body: Json = {}): Promise<string> {
    const pkg = s.sim.packages[0]!;
    const img = s.sim.images.find((i) => i.name === 'base-64-lts')!;
    const res = await s.api('POST', '/my/machines', { image: img.id, package: pkg.id, ...body });
    expect(res.status).toBe(201);
    const id = asObject(res)['id'] as string;
    await until(
      () => getState(id),
      (r) => asObject(r)['state'] === 'running',
    );
    return id;
  }

  it('creates a machine answering 201 provisioning with a Location, then runs it with NICs', async () => {
    const pkg = s.sim.packages.find((p) => p.name === 'g4-highcpu-256M')!;
    const img = s.sim.images.find((i) => i.name === 'base-64-lts')!;
    const res = await s.api('POST', '/my/machines', {
      image: img.id,
      package: pkg.id,
      name: 'web-{{shortId}}',
      'tag.role': 'web',
      'metadata.foo': 'bar',
    });
    expect(res.status).toBe(201);
    const created = asObject(res);
    expect(created['state']).toBe('provisioning');
    expect(created['ips']).toEqual([]);
    expect(created['compute_node']).toBeNull();
    expect(res.headers['location']).toBe(`/demo/machines/${created['id'] as string}`);
    expect(created['name']).toBe(`web-${(created['id'] as string).slice(0, 8)}`);
    expect(created['tags']).toEqual({ role: 'web' });
    expect((created['metadata'] as Json)['foo']).toBe('bar');
    expect(created['memory']).toBe(256);

    const running = asObject(
      await until(
        () => getState(created['id'] as string),
        (r) => asObject(r)['state'] === 'running',
      ),
    );
    expect((running['ips'] as string[]).length).toBeGreaterThanOrEqual(2);
    expect(running['primaryIp']).toBe((running['nics'] as Json[]).find((n) => n['primary'])!['ip']);
    expect(typeof running['compute_node']).toBe('string');
    // The primary NIC is on the public network.
    const nets = asList(await s.api('GET', '/my/networks'));
    const publicNet = nets.find((n) => n['public'] === true)!;
    expect((running['nics'] as Json[]).find((n) => n['primary'])!['network']).toBe(publicNet['id']);
  });

  it('stops, starts and deletes over time; a deleted machine answers 410 with its body', async () => {
    const id = await createRunning();
    expect((await s.api('POST', `/my/machines/${id}?action=stop`)).status).toBe(202);
    expect(asObject(await getState(id))['state']).toBe('stopping');
    await until(
      () => getState(id),
      (r) => asObject(r)['state'] === 'stopped',
    );

    expect((await s.api('POST', `/my/machines/${id}`, { action: 'start' })).status).toBe(202);
    await until(
      () => getState(id),
      (r) => asObject(r)['state'] === 'running',
    );

    expect((await s.api('DELETE', `/my/machines/${id}`)).status).toBe(204);
    const gone = await until(
      () => getState(id),
      (r) => r.status === 410,
    );
    expect(asObject(gone)['id']).toBe(id);
    expect(asObject(gone)['state']).toBe('deleted');
    const action = await s.api('POST', `/my/machines/${id}?action=start`);
    expect(action.status).toBe(410);
    expect(asObject(action)['state']).toBe('deleted');
    expect((await s.api('DELETE', `/my/machines/${id}`)).status).toBe(410);
  });

  it('records provision and stop in the audit trail, newest first', async () => {
    const id = await createRunning();
    await s.api('POST', `/my/machines/${id}?action=stop`);
    const entries = asList(await s.api('GET', `/my/machines/${id}/audit`));
    expect(entries.map((e) => e['action'])).toEqual(['stop', 'provision']);
    expect(entries[0]!['success']).toBe('yes');
    expect((entries[0]!['caller'] as Json)['type']).toBe('signature');
    expect((entries[0]!['caller'] as Json)['keyId']).toMatch(/^\/demo\/keys\//);
    expect(Date.parse(entries[0]!['time'] as string)).not.toBeNaN();
  });

  it('resizes (memory follows the package) and renames', async () => {
    const id = await createRunning();
    const big = s.sim.packages.find((p) => p.name === 'g4-highcpu-1G')!;
    expect((await s.api('POST', `/my/machines/${id}?action=resize&package=${big.id}`)).status).toBe(202);
    expect((await s.api('POST', `/my/machines/${id}`, { action: 'rename', name: 'renamed' })).status).toBe(202);
    const m = asObject(await getState(id));
    expect(m['memory']).toBe(1024);
    expect(m['package']).toBe('g4-highcpu-1G');
    expect(m['name']).toBe('renamed');
    const bad = await s.api('POST', `/my/machines/${id}?action=resize&package=nope`);
    expect([bad.status, asObject(bad)['code']]).toEqual([409, 'InvalidArgument']);
  });

  it('answers CloudAPI errors for bad actions and states', async () => {
    const id = await createRunning();
    const missing = await s.api('POST', `/my/machines/${id}`, {});
    expect([missing.status, asObject(missing)['code'], asObject(missing)['message']]).toEqual([
      409,
      'MissingParameter',
      'action is required',
    ]);
    const unknown = await s.api('POST', `/my/machines/${id}?action=explode`);
    expect([unknown.status, asObject(unknown)['code'], asObject(unknown)['message']]).toEqual([
      409,
      'InvalidArgument',
      'explode is not a valid action',
    ]);
    const start = await s.api('POST', `/my/machines/${id}?action=start`);
    expect([start.status, asObject(start)['code']]).toEqual([409, 'InvalidState']);
    const notThere = await s.api('GET', '/my/machines/00000000-0000-4000-8000-000000000000');
    expect([notThere.status, asObject(notThere)['code']]).toEqual([404, 'ResourceNotFound']);
  });

  it('refuses to delete a protected machine with 409 CannotDestroyMachineError', async () => {
    const id = await createRunning({ deletion_protection: true });
    const res = await s.api('DELETE', `/my/machines/${id}`);
    expect([res.status, asObject(res)['code']]).toEqual([409, 'CannotDestroyMachineError']);
    expect((await s.api('POST', `/my/machines/${id}?action=disable_deletion_protection`)).status).toBe(202);
    expect((await s.api('DELETE', `/my/machines/${id}`)).status).toBe(204);
  });

  it('rejects unknown images and packages on create', async () => {
    const pkg = s.sim.packages[0]!;
    const img = s.sim.images[0]!;
    const badImage = await s.api('POST', '/my/machines', { image: '00000000-0000-4000-8000-000000000000', package: pkg.id });
    expect(badImage.status).toBe(409);
    const badPackage = await s.api('POST', '/my/machines', { image: img.id, package: 'no-such-package' });
    expect(badPackage.status).toBe(409);
  });
});

describe('ListMachines filters and pagination', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
    s.sim.seedMachines('demo', 1203, { name: 'bulk', tags: { batch: 'nightly' } });
    s.sim.seedMachines('demo', 3, { name: 'off', state: 'stopped', tags: { batch: 'daily' } });
    s.sim.seedMachines('demo', 2, { name: 'gone', state: 'deleted' });
  });
  afterAll(() => s.close());

  it('pages with offset/limit and reports x-resource-count / x-query-limit', async () => {
    const first = await s.api('GET', '/my/machines');
    expect(first.status).toBe(200);
    expect(asList(first)).toHaveLength(1000);
    expect(first.headers['x-query-limit']).toBe('1000');
    expect(first.headers['x-resource-count']).toBe('1000');
    const second = await s.api('GET', '/my/machines?offset=1000&limit=1000');
    expect(asList(second)).toHaveLength(206);
    expect(second.headers['x-resource-count']).toBe('206');
    const ids = new Set([...asList(first), ...asList(second)].map((m) => m['id']));
    expect(ids.size).toBe(1206);
    const small = await s.api('GET', '/my/machines?limit=5&offset=2');
    expect(asList(small).map((m) => m['id'])).toEqual(
      asList(first)
        .slice(2, 7)
        .map((m) => m['id']),
    );
  });

  it('refuses a limit above 1000 with 409', async () => {
    const res = await s.api('GET', '/my/machines?limit=1001');
    expect([res.status, asObject(res)['code']]).toEqual([409, 'InvalidArgument']);
  });

  it('counts with HEAD and filters by state, name, tag, tombstone', async () => {
    const head = await s.api('HEAD', '/my/machines?state=stopped');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['x-resource-count']).toBe('3');
    expect(asList(await s.api('GET', '/my/machines?state=stopped')).every((m) => m['state'] === 'stopped')).toBe(true);
    expect(asList(await s.api('GET', '/my/machines?name=off-2')).map((m) => m['name'])).toEqual(['off-2']);
    expect(asList(await s.api('GET', '/my/machines?tag.batch=daily'))).toHaveLength(3);
    const tomb = asList(await s.api('GET', '/my/machines?tombstone=true&name=gone-1'));
    expect(tomb.map((m) => m['state'])).toEqual(['deleted']);
    expect(asList(await s.api('GET', '/my/machines?name=gone-1'))).toEqual([]);
    const bad = await s.api('GET', '/my/machines?state=sleeping');
    expect([bad.status, asObject(bad)['message']]).toEqual([409, 'sleeping is not a valid state']);
  });
});

describe('reboot and purge', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim({ stopDelayMs: 400, startDelayMs: 100, deleteDelayMs: 20, purgeDelayMs: 60 });
  });
  afterAll(() => s.close());

  it('reboots through stopping back to running and audits it', async () => {
    const [id] = s.sim.seedMachines('demo', 1) as [string];
    expect((await s.api('POST', `/my/machines/${id}?action=reboot`)).status).toBe(202);
    expect(asObject(await s.api('GET', `/my/machines/${id}`))['state']).toBe('stopping');
    await until(
      () => s.api('GET', `/my/machines/${id}`),
      (r) => asObject(r)['state'] === 'running',
    );
    expect(asList(await s.api('GET', `/my/machines/${id}/audit`))[0]!['action']).toBe('reboot');
  });

  it('answers 410 after deletion, then 404 once purged; sim.getMachine follows', async () => {
    const [id] = s.sim.seedMachines('demo', 1) as [string];
    expect(s.sim.getMachine('demo', id)?.['state']).toBe('running');
    expect((await s.api('DELETE', `/my/machines/${id}`)).status).toBe(204);
    await until(
      () => s.api('GET', `/my/machines/${id}`),
      (r) => r.status === 410,
    );
    await until(
      () => s.api('GET', `/my/machines/${id}`),
      (r) => r.status === 404,
    );
    expect(s.sim.getMachine('demo', id)).toBeUndefined();
  });
});
