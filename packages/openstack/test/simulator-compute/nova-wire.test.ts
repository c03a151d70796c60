import { OpenStackSimulator } from '../../src/simulator/index.js';
import { computeStore } from '../../src/simulator/compute/register.js';

let sim: OpenStackSimulator;
let token: string;
beforeEach(async () => {
  sim = await OpenStackSimulator.start({ speed: 200 });
  const res = await fetch(`${sim.authUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'secret' } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    }),
  });
  token = res.headers.get('x-subject-token')!;
});
afterEach(() => sim.stop());

const nova = (path: string, init: RequestInit & { version?: string } = {}) =>
  fetch(`${sim.url}/compute/v2.1${path}`, {
    ...init,
    headers: {
      'x-auth-token': token,
      'content-type': 'application/json',
      ...(init.version ? { 'openstack-api-version': `compute ${init.version}` } : {}),
      ...(init.headers as Record<string, string>),
    },
  });

describe('simulated Nova wire protocol', () => {
  it('serves the version document with the microversion range', async () => {
    const body = (await (await fetch(`${sim.url}/compute/v2.1/`)).json()) as { version: { min_version: string; version: string } };
    expect(body.version).toMatchObject({ min_version: '2.1', version: '2.96' });
  });

  it('refuses unsupported microversions with 406 and malformed ones with 400', async () => {
    const r406 = await nova('/servers', { version: '2.200' });
    expect(r406.status).toBe(406);
    expect(((await r406.json()) as { computeFault: { message: string } }).computeFault.message).toMatch(
      /Minimum is 2.1 and maximum is 2.96/,
    );
    expect((await nova('/servers', { version: 'two' })).status).toBe(400);
    const ok = await nova('/servers', { version: '2.60' });
    expect(ok.headers.get('openstack-api-version')).toBe('compute 2.60');
    expect(ok.headers.get('x-compute-request-id')).toMatch(/^req-/);
    expect(ok.headers.get('x-openstack-request-id')).toBe(ok.headers.get('x-compute-request-id'));
  });

  it('answers 401 without a token and itemNotFound for a missing server', async () => {
    expect((await fetch(`${sim.url}/compute/v2.1/servers`)).status).toBe(401);
    const r = await nova('/servers/nope');
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ itemNotFound: { code: 404, message: 'Instance nope could not be found.' } });
  });

  it('requires networks from 2.37 and validates flavor, image and user data', async () => {
    const create = (server: object, version = '2.90') => nova('/servers', { method: 'POST', version, body: JSON.stringify({ server }) });
    const base = { name: 'x', flavorRef: '1', imageRef: '7e1b8d2a-5c43-4b8f-9c3e-2a1f0e6d9b01' };
    expect((await create(base)).status).toBe(400);
    expect((await create(base, '2.36')).status).toBe(202);
    expect(
      ((await (await create({ ...base, networks: 'auto', flavorRef: '999' })).json()) as { badRequest: { message: string } }).badRequest
        .message,
    ).toBe('Invalid flavorRef provided.');
    expect((await create({ ...base, networks: 'auto', user_data: 'not base64!' })).status).toBe(400);
    const created = await create({ ...base, networks: 'auto' });
    expect(created.status).toBe(202);
    expect(created.headers.get('location')).toMatch(/\/servers\/[0-9a-f-]{36}$/);
  });

  it('moves a server BUILD → ACTIVE and paginates with servers_links', async () => {
    const store = computeStore(sim.world);
    const projectId = sim.projectId('demo')!;
    for (let i = 0; i < 3; i++) store.insert({ name: `s${i}`, projectId, userId: sim.userId('demo')!, flavorId: '1', imageId: '' });
    const page = (await (await nova('/servers/detail?limit=2')).json()) as {
      servers: { name: string }[];
      servers_links?: { rel: string; href: string }[];
    };
    expect(page.servers.map((s) => s.name)).toEqual(['s2', 's1']);
    const next = page.servers_links?.find((l) => l.rel === 'next')?.href;
    expect(next).toMatch(/\/compute\/v2\.1\/servers\/detail\?limit=2&marker=/);
    const page2 = (await (await fetch(next!, { headers: { 'x-auth-token': token } })).json()) as {
      servers: { name: string }[];
      servers_links?: unknown;
    };
    expect(page2.servers.map((s) => s.name)).toEqual(['s0']);
    expect(page2.servers_links).toBeUndefined();
    const built = store.build({ name: 'b', projectId, userId: sim.userId('demo')!, flavorId: '1', imageId: '' });
    expect(built.vmState).toBe('building');
    await new Promise((r) => setTimeout(r, 60));
    expect(built.vmState).toBe('active');
  });
});
