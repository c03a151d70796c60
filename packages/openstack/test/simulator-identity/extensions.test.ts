import { jsonReply } from '@cloudmux/core/testing';
import { OpenStackSimulator, type SimCatalogService } from '../../src/simulator/index.js';

const catalogServices: SimCatalogService[] = [
  { type: 'compute', name: 'vendorCompute', id: 'c0000000000000000000000000000001', path: '/compute/v2.1', interfaces: ['public'] },
  {
    type: 'vendor:thing',
    name: 'things',
    id: 'c0000000000000000000000000000002',
    path: '/things/$(project_id)s',
    interfaces: ['public'],
    global: true,
  },
];

let sim: OpenStackSimulator;
beforeAll(async () => {
  sim = await OpenStackSimulator.start({
    users: [{ name: 'alice', password: 'pw', projects: ['alice-acct'], defaultProject: 'alice-acct' }],
    catalogServices,
    v2ScopeToDefaultProject: true,
    v2Credentials: {
      'VENDOR:keyCredentials': (cred, world) =>
        cred.key === 'k-123' ? world.identity.findUser({ name: String(cred.username), domainId: 'default' }) : undefined,
    },
    extensions: [
      (router, world) => {
        router.add('GET', '/things/:project', (req, params) => {
          const token = world.authenticate(req);
          return jsonReply(200, { project: token.project.id, param: params.project });
        });
      },
    ],
  });
});
afterAll(() => sim.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function v2Login(auth: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.url}/identity/v2.0/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('simulator extension hooks', () => {
  it('authenticates a vendor v2.0 credential and scopes the token to the default project', async () => {
    const { status, body } = await v2Login({ 'VENDOR:keyCredentials': { username: 'alice', key: 'k-123' } });
    expect(status).toBe(200);
    expect(body.access.token.tenant.name).toBe('alice-acct');
    const types = body.access.serviceCatalog.map((s: { type: string; name: string }) => `${s.type}/${s.name}`);
    expect(types).toEqual(['compute/vendorCompute', 'vendor:thing/things']);
    const thing = body.access.serviceCatalog[1].endpoints;
    expect(thing).toHaveLength(1);
    expect(thing[0].region).toBeUndefined();
    const project = sim.projectId('alice-acct');
    expect(thing[0].publicURL).toBe(`${sim.url}/things/${project}`);

    const res = await fetch(thing[0].publicURL, { headers: { 'x-auth-token': body.access.token.id } });
    expect(await res.json()).toEqual({ project, param: project });
  });

  it('rejects a wrong vendor credential with 401', async () => {
    expect((await v2Login({ 'VENDOR:keyCredentials': { username: 'alice', key: 'nope' } })).status).toBe(401);
  });

  it('still takes passwordCredentials, scoped by default too', async () => {
    const { status, body } = await v2Login({ passwordCredentials: { username: 'alice', password: 'pw' } });
    expect(status).toBe(200);
    expect(body.access.token.tenant.name).toBe('alice-acct');
  });
});
