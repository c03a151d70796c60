import type { IncomingHttpHeaders } from 'node:http';
import { OpenStackSimulator } from '../../src/simulator/index.js';

let sim: OpenStackSimulator;
beforeEach(async () => {
  sim = await OpenStackSimulator.start();
});
afterEach(() => sim.stop());

interface Res {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function passwordAuth(user: Record<string, unknown>, scope?: unknown): unknown {
  return { auth: { identity: { methods: ['password'], password: { user } }, ...(scope !== undefined ? { scope } : {}) } };
}

const DEMO_USER = { name: 'demo', domain: { name: 'Default' }, password: 'secret' };
const DEMO_SCOPE = { project: { name: 'demo', domain: { id: 'default' } } };

async function demoToken(): Promise<string> {
  const res = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER, DEMO_SCOPE) });
  return res.headers.get('x-subject-token')!;
}

describe('POST /identity/v3/auth/tokens', () => {
  it("issues a token in X-Subject-Token with Keystone's token body", async () => {
    const res = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER, DEMO_SCOPE) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-subject-token')).toMatch(/^gAAAAA[\w-]{100,}$/);
    expect(res.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    const t = res.body.token;
    expect(t.methods).toEqual(['password']);
    expect(t.user).toMatchObject({ name: 'demo', domain: { id: 'default', name: 'Default' }, password_expires_at: null });
    expect(t.project).toMatchObject({ name: 'demo', id: sim.projectId('demo'), domain: { id: 'default', name: 'Default' } });
    expect(t.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    expect(t.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(t.expires_at) - Date.parse(t.issued_at)).toBe(3_600_000);
    const compute = t.catalog.find((s: { type: string }) => s.type === 'compute');
    expect(compute.endpoints).toContainEqual(
      expect.objectContaining({ interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: `${sim.url}/compute/v2.1` }),
    );
    const volume = t.catalog.find((s: { type: string }) => s.type === 'volumev3');
    expect(volume.endpoints[0].url).toBe(`${sim.url}/volume/v3/${sim.projectId('demo')}`);
    expect(t.catalog.map((s: { type: string }) => s.type)).toEqual([
      'identity',
      'compute',
      'image',
      'block-storage',
      'volumev3',
      'network',
      'object-store',
    ]);
  });

  it('leaves the catalog out with ?nocatalog', async () => {
    const res = await call('POST', '/identity/v3/auth/tokens?nocatalog', { body: passwordAuth(DEMO_USER, DEMO_SCOPE) });
    expect(res.body.token.catalog).toBeUndefined();
    expect(res.body.token.project.name).toBe('demo');
  });

  it("answers 401 with Keystone's body for a wrong password or unknown user", async () => {
    for (const user of [
      { ...DEMO_USER, password: 'wrong' },
      { ...DEMO_USER, name: 'nobody' },
      { id: 'nope', password: 'x' },
    ]) {
      const res = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(user) });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
      });
      expect(res.headers.get('x-subject-token')).toBeNull();
    }
  });

  it('answers 400 for malformed bodies', async () => {
    expect((await call('POST', '/identity/v3/auth/tokens', { body: { nope: 1 } })).body.error).toMatchObject({
      code: 400,
      title: 'Bad Request',
    });
    const noDomain = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth({ name: 'demo', password: 'secret' }) });
    expect(noDomain.status).toBe(400);
    expect(noDomain.body.error.message).toMatch(/^Expecting to find domain in password\/user/);
    const notJson = await fetch(`${sim.url}/identity/v3/auth/tokens`, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });

  it('refuses unsupported methods and system scope', async () => {
    const res = await call('POST', '/identity/v3/auth/tokens', { body: { auth: { identity: { methods: ['totp'], totp: {} } } } });
    expect(res.status).toBe(401);
    const sys = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER, { system: { all: true } }) });
    expect(sys.status).toBe(401);
  });

  it("scopes to the user's default project when the request names none", async () => {
    sim.addUser({ name: 'carol', password: 'carol-pw', projects: ['carol-proj'], defaultProject: 'carol-proj' });
    const res = await call('POST', '/identity/v3/auth/tokens', {
      body: passwordAuth({ name: 'carol', domain: { id: 'default' }, password: 'carol-pw' }),
    });
    expect(res.body.token.project.name).toBe('carol-proj');
    const unscoped = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER) });
    expect(unscoped.body.token.project).toBeUndefined();
    expect(unscoped.body.token.catalog).toBeUndefined();
  });

  it('rescopes with the token method, keeping the original expiry', async () => {
    const unscoped = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER) });
    const res = await call('POST', '/identity/v3/auth/tokens', {
      body: { auth: { identity: { methods: ['token'], token: { id: unscoped.headers.get('x-subject-token') } }, scope: DEMO_SCOPE } },
    });
    expect(res.status).toBe(201);
    expect(res.body.token.expires_at).toBe(unscoped.body.token.expires_at);
    expect(res.body.token.methods).toEqual(['password', 'token']);
  });
});

describe('token validation and revocation', () => {
  it('validates with GET and HEAD, revokes with DELETE', async () => {
    const caller = await demoToken();
    const subject = await demoToken();
    const get = await call('GET', '/identity/v3/auth/tokens', { headers: { 'x-auth-token': caller, 'x-subject-token': subject } });
    expect(get.status).toBe(200);
    expect(get.headers.get('x-subject-token')).toBe(subject);
    expect(get.body.token.user.name).toBe('demo');
    expect(
      (await call('HEAD', '/identity/v3/auth/tokens', { headers: { 'x-auth-token': caller, 'x-subject-token': subject } })).status,
    ).toBe(200);
    expect(
      (await call('DELETE', '/identity/v3/auth/tokens', { headers: { 'x-auth-token': caller, 'x-subject-token': subject } })).status,
    ).toBe(204);
    const after = await call('GET', '/identity/v3/auth/tokens', { headers: { 'x-auth-token': caller, 'x-subject-token': subject } });
    expect(after.status).toBe(404);
    expect(after.body.error.message).toBe(`Could not find token: ${subject}.`);
    // The revoked token no longer works anywhere.
    const used = await call('GET', '/identity/v3/auth/catalog', { headers: { 'x-auth-token': subject } });
    expect(used.status).toBe(401);
  });

  it("answers 401 with keystonemiddleware's body and WWW-Authenticate for missing, unknown and expired tokens", async () => {
    const token = await demoToken();
    expect((await call('GET', '/identity/v3/auth/catalog', { headers: { 'x-auth-token': token } })).status).toBe(200);
    sim.advanceClock(3_600_000);
    for (const headers of [{}, { 'x-auth-token': 'bogus' }, { 'x-auth-token': token }] as Array<Record<string, string>>) {
      const res = await call('GET', '/identity/v3/auth/catalog', { headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
      });
      expect(res.headers.get('www-authenticate')).toBe(`Keystone uri="${sim.url}/identity"`);
    }
  });

  it('honours a shorter token lifetime', async () => {
    await sim.stop();
    sim = await OpenStackSimulator.start({ tokenLifetimeMs: 5_000 });
    const res = await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER, DEMO_SCOPE) });
    expect(Date.parse(res.body.token.expires_at) - Date.parse(res.body.token.issued_at)).toBe(5_000);
  });
});

describe('auth listings', () => {
  it("lists the projects and domains the token's user has roles on", async () => {
    const token = await demoToken();
    const projects = await call('GET', '/identity/v3/auth/projects', { headers: { 'x-auth-token': token } });
    expect(projects.body.projects.map((p: { name: string }) => p.name)).toEqual(['demo']);
    expect((await call('GET', '/identity/v3/auth/domains', { headers: { 'x-auth-token': token } })).body.domains).toEqual([]);
    const admin = await call('POST', '/identity/v3/auth/tokens', {
      body: passwordAuth({ name: 'admin', domain: { id: 'default' }, password: 'secret' }),
    });
    const domains = await call('GET', '/identity/v3/auth/domains', { headers: { 'x-auth-token': admin.headers.get('x-subject-token')! } });
    expect(domains.body.domains.map((d: { id: string }) => d.id)).toEqual(['default']);
    expect((await call('GET', '/identity/v3/auth/projects')).status).toBe(401);
  });
});

describe('world.authenticate', () => {
  function req(headers: IncomingHttpHeaders): Parameters<typeof sim.world.authenticate>[0] {
    return { method: 'GET', url: new URL(sim.url), path: '/', rawPath: '/', headers, body: Buffer.alloc(0), raw: undefined as never };
  }

  it('returns the project-scoped token and refuses unscoped ones with 403', async () => {
    const token = await demoToken();
    expect(sim.world.authenticate(req({ 'x-auth-token': token })).project.name).toBe('demo');
    const unscoped = (await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER) })).headers.get('x-subject-token')!;
    expect(() => sim.world.authenticate(req({ 'x-auth-token': unscoped }))).toThrow(
      expect.objectContaining({ reply: expect.objectContaining({ status: 403 }) }),
    );
    expect(() => sim.world.authenticate(req({}))).toThrow(expect.objectContaining({ reply: expect.objectContaining({ status: 401 }) }));
  });
});

describe('version documents and unknown routes', () => {
  it('serves the identity version documents', async () => {
    const root = await call('GET', '/identity');
    expect(root.status).toBe(300);
    expect(root.body.versions.values.map((v: { id: string }) => v.id)).toEqual(['v3.14', 'v2.0']);
    expect((await call('GET', '/identity/v3')).body.version.links[0].href).toBe(`${sim.url}/identity/v3/`);
    expect((await call('GET', '/identity/v2.0/')).body.version.status).toBe('deprecated');
  });

  it('answers an unknown route with a loud 404 and a wrong method with 405', async () => {
    const res = await call('GET', '/identity/v3/nothing');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no route for GET \/identity\/v3\/nothing/);
    const m = await call('PUT', '/identity/v3/auth/tokens');
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toContain('POST');
  });

  it('leaves omitted services out of the catalog', async () => {
    await sim.stop();
    sim = await OpenStackSimulator.start({ omitServices: ['compute', 'network'], extraRegions: ['RegionTwo'] });
    const t = (await call('POST', '/identity/v3/auth/tokens', { body: passwordAuth(DEMO_USER, DEMO_SCOPE) })).body.token;
    expect(t.catalog.map((s: { type: string }) => s.type)).toEqual(['identity', 'image', 'block-storage', 'volumev3', 'object-store']);
    expect(new Set(t.catalog[1].endpoints.map((e: { region: string }) => e.region))).toEqual(new Set(['RegionOne', 'RegionTwo']));
  });
});
