import { InvalidCredentialsError } from '@cloudmux/core/errors';
import { ServiceClient } from '../../src/common/service-client.js';
import { IdentitySession } from '../../src/identity/session.js';
import type { OpenStackSimulator } from '../../src/simulator/index.js';
import { count, demoSession, startSim } from './sim-support.js';

let sim: OpenStackSimulator;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.stop());

interface AppCred {
  id: string;
  name: string;
  secret: string;
  project_id: string;
}

async function createAppCred(name: string): Promise<{ cred: AppCred; identity: ServiceClient }> {
  const owner = demoSession(sim);
  const identity = new ServiceClient(owner, { provider: 'openstack', selector: { type: 'identity' } });
  const userId = (await owner.access()).userId!;
  const res = await identity.request<{ application_credential: AppCred }>({
    method: 'POST',
    path: `/users/${userId}/application_credentials`,
    json: { application_credential: { name, description: 'cloudmux test' } },
  });
  expect(res.status).toBe(201);
  return { cred: res.body.application_credential, identity };
}

describe('Keystone v3 application credentials', () => {
  it("authenticates by id; the token is scoped to the credential's project", async () => {
    const { cred } = await createAppCred('ci');
    expect(cred.secret.length).toBeGreaterThan(20);
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3applicationcredential', id: cred.id, secret: cred.secret },
    });
    const access = await s.access();
    expect(access.methods).toEqual(['application_credential']);
    expect(access.projectId).toBe(sim.projectId('demo'));
    expect(await s.endpoint({ type: 'compute' })).toBe(`${sim.url}/compute/v2.1`);
  });

  it('authenticates by name and user (name + domain)', async () => {
    const { cred } = await createAppCred('by-name');
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3applicationcredential', name: 'by-name', username: 'demo', userDomainName: 'Default', secret: cred.secret },
    });
    expect((await s.access()).projectName).toBe('demo');
  });

  it('fails with InvalidCredentialsError once the credential is deleted, after one re-authentication attempt', async () => {
    const { cred, identity } = await createAppCred('short-lived');
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3applicationcredential', id: cred.id, secret: cred.secret },
      connection: { retry: false },
    });
    const client = new ServiceClient(s, { provider: 'openstack', selector: { type: 'identity' } });
    await client.request({ method: 'GET', path: '/auth/catalog' });
    const userId = (await s.access()).userId!;
    await identity.request({ method: 'DELETE', path: `/users/${userId}/application_credentials/${cred.id}` });
    const before = count(sim, 'POST', '/identity/v3/auth/tokens');
    await expect(client.request({ method: 'GET', path: '/auth/catalog' })).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(count(sim, 'POST', '/identity/v3/auth/tokens')).toBe(before + 1);
  });

  it('rejects a wrong secret', async () => {
    const { cred } = await createAppCred('wrong');
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3applicationcredential', id: cred.id, secret: 'nope-nope-nope' },
    });
    await expect(s.token()).rejects.toBeInstanceOf(InvalidCredentialsError);
  });
});

describe('Keystone v2.0', () => {
  it('authenticates with passwordCredentials and a tenant name, and parses serviceCatalog', async () => {
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v2password', username: 'demo', password: 'secret' },
      scope: { projectName: 'demo' },
    });
    const access = await s.access();
    expect(access.identityApiVersion).toBe('2.0');
    expect(access.projectId).toBe(sim.projectId('demo'));
    expect(access.roles).toContain('member');
    expect(await s.endpoint({ type: 'volumev3' })).toBe(`${sim.url}/volume/v3/${sim.projectId('demo')}`);
    expect(await s.endpoint({ type: 'compute', interface: 'internal' })).toBe(`${sim.url}/compute/v2.1`);
    expect(count(sim, 'POST', '/identity/v2.0/tokens')).toBe(1);
  });

  it('exchanges a v2.0 token for a tenant-scoped one', async () => {
    const unscoped = await new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v2password', username: 'demo', password: 'secret' },
    }).token();
    const s = new IdentitySession({
      authUrl: `${sim.authUrl}/v2.0`,
      credentials: { type: 'v2token', token: unscoped },
      scope: { projectId: sim.projectId('demo') },
    });
    expect((await s.access()).projectName).toBe('demo');
  });

  it('maps a wrong v2.0 password to InvalidCredentialsError', async () => {
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v2password', username: 'demo', password: 'bad' },
      scope: { projectName: 'demo' },
    });
    await expect(s.token()).rejects.toBeInstanceOf(InvalidCredentialsError);
  });
});
