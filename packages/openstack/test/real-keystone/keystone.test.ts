/**
 * Against a real Keystone (python3-keystone under uwsgi, scripts/test/services/keystone): v3 password with a
 * project scope, an application credential created through the API then used, token refresh (invalidate,
 * expiry margin, revocation → 401 → one re-authentication), the real catalog, and a wrong password.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { InvalidCredentialsError } from '@cloudmux/core/errors';
import { describeWithService } from '../../../../scripts/test/with-service.mjs';
import { ServiceClient } from '../../src/common/service-client.js';
import { IdentitySession, type IdentitySessionOptions } from '../../src/identity/session.js';
import { resolveOpenStackConfig, sessionOptionsFromConfig } from '../../src/config/index.js';

function env(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is not set (keystone start.sh prints it)`);
  return v;
}

describeWithService('keystone', 'real Keystone v3', () => {
  let authUrl: string;
  let demoUser: string;
  let demoPassword: string;

  beforeAll(() => {
    authUrl = env('OS_AUTH_URL');
    demoUser = env('KEYSTONE_DEMO_USERNAME');
    demoPassword = env('KEYSTONE_DEMO_PASSWORD');
  });

  function demo(extra: Partial<IdentitySessionOptions> = {}): IdentitySession {
    return new IdentitySession({
      authUrl,
      credentials: { type: 'v3password', username: demoUser, userDomainName: 'Default', password: demoPassword },
      scope: { projectName: env('KEYSTONE_DEMO_PROJECT_NAME'), projectDomainName: 'Default' },
      region: 'RegionOne',
      ...extra,
    });
  }

  it('authenticates with a password and a project scope, and parses the real catalog', async () => {
    const s = demo();
    const access = await s.access();
    expect(access.identityApiVersion).toBe('3');
    expect(access.userName).toBe(demoUser);
    expect(access.projectName).toBe(env('KEYSTONE_DEMO_PROJECT_NAME'));
    expect(access.projectId).toMatch(/^[0-9a-f]{32}$/);
    expect(access.roles).toContain('member');
    expect(access.methods).toEqual(['password']);
    expect(access.expiresAt).toBeGreaterThan(Date.now());

    const identity = access.catalog.find((c) => c.type === 'identity');
    expect(identity?.name).toBe('keystone');
    expect(new Set(identity?.endpoints.map((e) => e.interface))).toEqual(new Set(['public', 'internal', 'admin']));
    expect(identity?.endpoints.every((e) => e.region === 'RegionOne')).toBe(true);
    expect(await s.endpoint({ type: 'identity' })).toBe(authUrl.replace(/\/+$/, ''));

    const objectStore = await s.resolveEndpoint({ type: 'object-store' });
    expect(objectStore.url).toMatch(new RegExp(`/v1/KEY_${access.projectId}$`));
    expect(objectStore.region).toBe('RegionOne');
    expect((await s.resolveEndpoint({ type: 'object-store', interface: 'admin' })).interface).toBe('admin');
    await expect(s.endpoint({ type: 'compute' })).rejects.toThrow(/Available services: .*identity \(keystone\).*object-store \(swift\)/);
  });

  it('discovers the identity API version from the real version document', async () => {
    const found = await demo().discover({ type: 'identity' });
    expect(found.version?.id).toMatch(/^v3\.\d+$/);
    expect(found.version?.status?.toLowerCase()).toBe('stable');
  });

  it('reads the same cloud from OS_* variables', async () => {
    const config = resolveOpenStackConfig(
      {
        OS_AUTH_URL: authUrl,
        OS_USERNAME: demoUser,
        OS_PASSWORD: demoPassword,
        OS_PROJECT_NAME: env('KEYSTONE_DEMO_PROJECT_NAME'),
        OS_USER_DOMAIN_NAME: 'Default',
        OS_PROJECT_DOMAIN_NAME: 'Default',
        OS_REGION_NAME: 'RegionOne',
        OS_IDENTITY_API_VERSION: '3',
      },
      { cwd: tmpdir(), homeDir: '/nonexistent', etcDir: '/nonexistent' },
    );
    const s = new IdentitySession(sessionOptionsFromConfig(config));
    expect((await s.access()).userName).toBe(demoUser);
  });

  it('creates an application credential through the API, then authenticates with it', async () => {
    const owner = demo();
    const identity = new ServiceClient(owner, { provider: 'openstack', selector: { type: 'identity' } });
    const userId = (await owner.access()).userId!;
    const name = `cloudmux-${randomBytes(4).toString('hex')}`;
    const created = await identity.request<{ application_credential: { id: string; secret: string; project_id: string } }>({
      method: 'POST',
      path: `/users/${userId}/application_credentials`,
      json: { application_credential: { name, description: 'cloudmux real-keystone test' } },
    });
    expect(created.status).toBe(201);
    const cred = created.body.application_credential;
    try {
      const byId = new IdentitySession({ authUrl, credentials: { type: 'v3applicationcredential', id: cred.id, secret: cred.secret } });
      const access = await byId.access();
      expect(access.methods).toEqual(['application_credential']);
      expect(access.projectId).toBe(cred.project_id);
      expect(access.catalog.some((c) => c.type === 'object-store')).toBe(true);

      const byName = new IdentitySession({
        authUrl,
        credentials: { type: 'v3applicationcredential', name, username: demoUser, userDomainName: 'Default', secret: cred.secret },
      });
      expect((await byName.access()).projectId).toBe(cred.project_id);

      const wrong = new IdentitySession({
        authUrl,
        credentials: { type: 'v3applicationcredential', id: cred.id, secret: 'not-the-secret-123' },
      });
      await expect(wrong.token()).rejects.toBeInstanceOf(InvalidCredentialsError);
    } finally {
      await identity.request({ method: 'DELETE', path: `/users/${userId}/application_credentials/${cred.id}` });
    }
  });

  it("refreshes the token: after invalidate, inside the expiry margin, and once after a revoked token's 401", async () => {
    let offset = 0;
    const s = demo({ now: () => Date.now() + offset, refreshMarginMs: 300_000 });
    const t1 = await s.token();
    expect(await s.token()).toBe(t1);
    s.invalidate(t1);
    const t2 = await s.token();
    expect(t2).not.toBe(t1);

    const { expiresAt } = await s.access();
    offset = expiresAt - Date.now() - 200_000; // inside the 300 s margin
    const t3 = await s.token();
    expect(t3).not.toBe(t2);
    offset = 0;

    // Revoke the current token through the API; the next call gets a 401, re-authenticates once and succeeds.
    const admin = new IdentitySession({
      authUrl,
      credentials: { type: 'v3password', username: env('OS_USERNAME'), userDomainName: 'Default', password: env('OS_PASSWORD') },
      scope: { projectName: env('OS_PROJECT_NAME'), projectDomainName: 'Default' },
    });
    const adminClient = new ServiceClient(admin, { provider: 'openstack', selector: { type: 'identity' } });
    await adminClient.request({ method: 'DELETE', path: '/auth/tokens', headers: { 'x-subject-token': t3 }, responseType: 'text' });
    const client = new ServiceClient(s, { provider: 'openstack', selector: { type: 'identity' } });
    const res = await client.request<{ catalog: unknown[] }>({ method: 'GET', path: '/auth/catalog' });
    expect(res.status).toBe(200);
    expect(res.body.catalog.length).toBeGreaterThan(0);
    expect(await s.token()).not.toBe(t3);
  });

  it('exchanges an existing token (v3token), and refuses an unknown one with InvalidCredentialsError', async () => {
    const token = await demo().token();
    const s = new IdentitySession({
      authUrl,
      credentials: { type: 'v3token', token },
      scope: { projectName: env('KEYSTONE_DEMO_PROJECT_NAME'), projectDomainName: 'Default' },
    });
    expect((await s.access()).methods).toContain('token');
    const bogus = new IdentitySession({
      authUrl,
      credentials: { type: 'v3token', token: 'gAAAAA-bogus-token' },
      scope: { projectName: 'demo' },
    });
    await expect(bogus.token()).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('maps a wrong password to InvalidCredentialsError without the password anywhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cmx-ks-'));
    const debugFile = join(dir, 'trace.log');
    const password = `Wr0ng-${randomBytes(6).toString('hex')}`;
    try {
      const s = new IdentitySession({
        authUrl,
        credentials: { type: 'v3password', username: demoUser, userDomainName: 'Default', password },
        scope: { projectName: env('KEYSTONE_DEMO_PROJECT_NAME'), projectDomainName: 'Default' },
        connection: { debugFile },
      });
      const err = await s.token().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidCredentialsError);
      const e = err as InvalidCredentialsError;
      expect(e.status).toBe(401);
      expect(e.providerCode).toBe('Unauthorized');
      expect(e.requestId).toMatch(/^req-/);
      const trace = await readFile(debugFile, 'utf8');
      expect(trace).toContain('/auth/tokens');
      for (const text of [e.message, e.stack ?? '', inspect(e, { depth: 8 }), JSON.stringify(e), inspect(s, { depth: 8 }), trace]) {
        expect(text).not.toContain(password);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
