import { AbortError, InvalidArgumentError, InvalidCredentialsError, NotFoundError } from '@cloudmux/core/errors';
import { ServiceClient } from '../../src/common/service-client.js';
import { IdentitySession } from '../../src/identity/session.js';
import type { OpenStackSimulator } from '../../src/simulator/index.js';
import { DEMO, authCount, count, demoSession, startSim } from './sim-support.js';

let sim: OpenStackSimulator;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.stop());

describe('Keystone v3 password auth', () => {
  it('authenticates by user name + domain with a project scope by name + domain', async () => {
    const s = demoSession(sim);
    const access = await s.access();
    expect(access.identityApiVersion).toBe('3');
    expect(access.userName).toBe('demo');
    expect(access.projectName).toBe('demo');
    expect(access.projectId).toBe(sim.projectId('demo'));
    expect(access.roles).toEqual(expect.arrayContaining(['member']));
    expect(access.catalog.map((c) => c.type)).toEqual(
      expect.arrayContaining(['compute', 'image', 'volumev3', 'block-storage', 'network', 'identity']),
    );
    expect(await s.projectId()).toBe(sim.projectId('demo'));
    expect(s.authUrl).toBe(`${sim.url}/identity/v3`);
  });

  it('authenticates by user id with a project id', async () => {
    const s = new IdentitySession({
      authUrl: `${sim.authUrl}/v3/`,
      credentials: { type: 'v3password', userId: sim.userId('demo'), password: 'secret' },
      scope: { projectId: sim.projectId('demo') },
    });
    expect((await s.access()).projectName).toBe('demo');
  });

  it("maps a wrong password to InvalidCredentialsError with Keystone's message and the request id", async () => {
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { ...DEMO, password: 'Wr0ng-Passw0rd-1234' } as typeof DEMO,
      scope: { projectName: 'demo' },
    });
    const err = await s.token().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    const e = err as InvalidCredentialsError;
    expect(e.status).toBe(401);
    expect(e.providerCode).toBe('Unauthorized');
    expect(e.providerMessage).toBe('The request you have made requires authentication.');
    expect(e.requestId).toMatch(/^req-/);
    expect(e.message).toContain('authenticate (v3password)');
    expect(`${e.message} ${e.stack ?? ''}`).not.toContain('Wr0ng-Passw0rd-1234');
  });

  it('refuses a project the user has no role on', async () => {
    const s = demoSession(sim, { scope: { projectName: 'admin', projectDomainName: 'Default' } });
    await expect(s.token()).rejects.toThrow(/has no access to project/);
  });

  it('gets a domain-scoped token (no project-templated endpoints in its catalog)', async () => {
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3password', username: 'admin', userDomainId: 'default', password: 'secret' },
      scope: { domainName: 'Default' },
    });
    const access = await s.access();
    expect(access.domainScoped).toBe(true);
    expect(access.projectId).toBeUndefined();
    expect(access.domainId).toBe('default');
    expect(await s.endpoint({ type: 'compute' })).toBe(`${sim.url}/compute/v2.1`);
    await expect(s.endpoint({ type: 'volumev3' })).rejects.toThrow(NotFoundError);
  });

  it('gets an unscoped token, whose empty catalog gives a clear error', async () => {
    const s = demoSession(sim, { scope: undefined });
    expect((await s.access()).catalog).toEqual([]);
    await expect(s.endpoint({ type: 'compute' })).rejects.toThrow(/catalog is empty.*unscoped/);
  });

  it('exchanges an existing token for a scoped one (v3token)', async () => {
    const first = await demoSession(sim, { scope: undefined }).token();
    const s = new IdentitySession({ authUrl: sim.authUrl, credentials: { type: 'v3token', token: first }, scope: { projectName: 'demo' } });
    const access = await s.access();
    expect(access.projectName).toBe('demo');
    expect(access.methods).toContain('token');
    expect(await s.token()).not.toBe(first);
  });

  it('reports an unknown or revoked existing token as InvalidCredentialsError', async () => {
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3token', token: 'gAAAAA-not-a-token' },
      scope: { projectName: 'demo' },
    });
    const err = await s.token().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as InvalidCredentialsError).status).toBe(404);
    expect((err as Error).message).toMatch(/OS_TOKEN\) is expired, revoked or unknown/);
  });

  it('takes a vendor credential through custom credentials', async () => {
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: {
        type: 'custom',
        name: 'plain-password',
        identityApiVersion: '3',
        authBody: () => ({ methods: ['password'], password: { user: { name: 'demo', domain: { id: 'default' }, password: 'secret' } } }),
      },
      scope: { projectName: 'demo' },
    });
    expect((await s.access()).userName).toBe('demo');
  });
});

describe('token cache', () => {
  it('sends one auth request for 50 concurrent token() calls', async () => {
    const s = demoSession(sim);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => s.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(authCount(sim)).toBe(1);
    await s.token();
    expect(authCount(sim)).toBe(1);
  });

  it('sends one auth request for 50 concurrent service calls', async () => {
    const s = demoSession(sim);
    const identity = new ServiceClient(s, { provider: 'openstack', selector: { type: 'identity' } });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => identity.request<{ catalog: unknown[] }>({ method: 'GET', path: '/auth/catalog' })),
    );
    expect(results.every((r) => r.status === 200 && r.body.catalog.length > 0)).toBe(true);
    expect(authCount(sim)).toBe(1);
    expect(count(sim, 'GET', '/identity/v3/auth/catalog')).toBe(50);
    const token = await s.token();
    for (const r of sim.server.requests.filter((x) => x.method === 'GET' && x.path === '/identity/v3/auth/catalog')) {
      expect(r.headers['x-auth-token']).toBe(token);
      expect(Object.keys(r.headers).filter((h) => h.startsWith('x-cloudmux'))).toEqual([]);
    }
  });

  it('refreshes before expiry (margin at most half the lifetime)', async () => {
    sim.setTokenLifetime(600_000);
    let offset = 0;
    const s = demoSession(sim, { refreshMarginMs: 120_000, now: () => Date.now() + offset });
    const t1 = await s.token();
    offset = 400_000; // 200 s left: outside the 120 s margin
    expect(await s.token()).toBe(t1);
    offset = 490_000; // 110 s left: inside it
    const t2 = await s.token();
    expect(t2).not.toBe(t1);
    expect(authCount(sim)).toBe(2);
  });

  it('caps the margin at half a short token lifetime', async () => {
    sim.setTokenLifetime(10_000);
    let offset = 0;
    const s = demoSession(sim, { refreshMarginMs: 60_000, now: () => Date.now() + offset });
    const t1 = await s.token();
    offset = 3_000;
    expect(await s.token()).toBe(t1);
    offset = 6_000;
    expect(await s.token()).not.toBe(t1);
  });

  it('re-authenticates once after a 401 and repeats the request', async () => {
    const s = demoSession(sim);
    const identity = new ServiceClient(s, { provider: 'openstack', selector: { type: 'identity' } });
    await identity.request({ method: 'GET', path: '/auth/catalog' });
    expect(sim.revokeAllTokens()).toBe(1);
    const res = await identity.request<{ catalog: unknown[] }>({ method: 'GET', path: '/auth/catalog' });
    expect(res.status).toBe(200);
    expect(authCount(sim)).toBe(2);
    expect(count(sim, 'GET', '/identity/v3/auth/catalog')).toBe(3);
  });

  it('re-authenticates after the simulator clock passes the expiry the client does not know about', async () => {
    const s = demoSession(sim);
    const identity = new ServiceClient(s, { provider: 'openstack', selector: { type: 'identity' } });
    await identity.request({ method: 'GET', path: '/auth/catalog' });
    sim.advanceClock(3_600_001);
    expect((await identity.request({ method: 'GET', path: '/auth/catalog' })).status).toBe(200);
    expect(authCount(sim)).toBe(2);
  });

  it('retries a 401 exactly once, never in a loop', async () => {
    const s = demoSession(sim);
    const identity = new ServiceClient(s, { provider: 'openstack', selector: { type: 'identity' } });
    await identity.baseUrl();
    sim.injectFault({
      kind: 'status',
      path: '/identity/v3/auth/catalog',
      status: 401,
      times: Infinity,
      body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
    });
    const err = await identity.request({ method: 'GET', path: '/auth/catalog' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect(count(sim, 'GET', '/identity/v3/auth/catalog')).toBe(2);
    expect(authCount(sim)).toBe(2);
  });

  it('lets one caller abort while the shared authentication goes on for the others', async () => {
    sim.injectFault({ kind: 'latency', ms: 200, path: '/identity/v3/auth/tokens' });
    const s = demoSession(sim);
    const ac = new AbortController();
    const aborted = s.token(ac.signal);
    const other = s.token();
    ac.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    expect(typeof (await other)).toBe('string');
    expect(authCount(sim)).toBe(1);
  });

  it('drops only the token it is told about on invalidate()', async () => {
    const s = demoSession(sim);
    const t1 = await s.token();
    s.invalidate('not-the-token');
    expect(await s.token()).toBe(t1);
    s.invalidate(t1);
    expect(await s.token()).not.toBe(t1);
  });
});

describe('session options', () => {
  it('appends the API version to an unversioned auth URL and checks a versioned one', () => {
    expect(new IdentitySession({ authUrl: 'https://k.example:5000/', credentials: DEMO }).authUrl).toBe('https://k.example:5000/v3');
    expect(
      new IdentitySession({ authUrl: 'https://k.example/identity', credentials: { type: 'v2password', username: 'u', password: 'p' } })
        .authUrl,
    ).toBe('https://k.example/identity/v2.0');
    expect(() => new IdentitySession({ authUrl: 'https://k.example/v2.0', credentials: DEMO })).toThrow(
      /v2.0 URL but v3password credentials need v3/,
    );
  });

  it('rejects bad options with InvalidArgumentError', () => {
    expect(() => new IdentitySession({ authUrl: '', credentials: DEMO })).toThrow(InvalidArgumentError);
    expect(() => new IdentitySession({ authUrl: 'ftp://x', credentials: DEMO })).toThrow(/http\(s\)/);
    expect(() => new IdentitySession({ authUrl: 'http://x', credentials: { type: 'nope' } as never })).toThrow(
      /unknown credentials type "nope"; valid: v3password/,
    );
    expect(() => new IdentitySession({ authUrl: 'http://x', credentials: DEMO, interface: 'private' as never })).toThrow(
      /public, internal, admin/,
    );
    expect(() => new IdentitySession({ authUrl: 'http://x', credentials: DEMO, refreshMarginMs: -1 })).toThrow(/refreshMarginMs/);
    expect(() => new IdentitySession({ authUrl: 'http://x', credentials: DEMO, endpointOverrides: { compute: 'nova' } })).toThrow(
      /override/,
    );
  });
});
