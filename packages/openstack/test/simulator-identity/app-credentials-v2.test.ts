import { OpenStackSimulator, runSimulatorCli } from '../../src/simulator/index.js';

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

async function call(method: string, path: string, opts: { body?: unknown; token?: string } = {}): Promise<Res> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token !== undefined) headers['x-auth-token'] = opts.token;
  const res = await fetch(`${sim.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

async function login(user = 'demo', scope: unknown = { project: { name: user === 'demo' ? 'demo' : 'admin', domain: { id: 'default' } } }) {
  const res = await call('POST', '/identity/v3/auth/tokens', {
    body: {
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password: 'secret' } } },
        scope,
      },
    },
  });
  return { token: res.headers.get('x-subject-token')!, userId: res.body.token.user.id as string };
}

describe('application credentials', () => {
  it('creates (secret shown once), lists, shows and deletes', async () => {
    const { token, userId } = await login();
    const base = `/identity/v3/users/${userId}/application_credentials`;
    const created = await call('POST', base, {
      token,
      body: { application_credential: { name: 'ci', description: 'for CI', roles: [{ name: 'reader' }] } },
    });
    expect(created.status).toBe(201);
    const ac = created.body.application_credential;
    expect(ac).toMatchObject({
      name: 'ci',
      description: 'for CI',
      project_id: sim.projectId('demo'),
      unrestricted: false,
      user_id: userId,
      expires_at: null,
    });
    expect(ac.roles.map((r: { name: string }) => r.name)).toEqual(['reader']);
    expect(typeof ac.secret).toBe('string');

    const list = await call('GET', base, { token });
    expect(list.body.application_credentials).toHaveLength(1);
    expect(list.body.application_credentials[0].secret).toBeUndefined();
    expect((await call('GET', `${base}?name=other`, { token })).body.application_credentials).toEqual([]);
    expect((await call('GET', `${base}/${ac.id}`, { token })).body.application_credential.name).toBe('ci');

    const auth = await call('POST', '/identity/v3/auth/tokens', {
      body: { auth: { identity: { methods: ['application_credential'], application_credential: { id: ac.id, secret: ac.secret } } } },
    });
    expect(auth.status).toBe(201);
    expect(auth.body.token.application_credential).toEqual({ id: ac.id, name: 'ci', restricted: true });
    expect(auth.body.token.roles.map((r: { name: string }) => r.name)).toEqual(['reader']);
    const acToken = auth.headers.get('x-subject-token')!;

    // A restricted credential may not create more.
    expect((await call('POST', base, { token: acToken, body: { application_credential: { name: 'more' } } })).status).toBe(403);

    expect((await call('DELETE', `${base}/${ac.id}`, { token })).status).toBe(204);
    expect((await call('GET', `${base}/${ac.id}`, { token })).status).toBe(404);
    // Its tokens are revoked with it.
    expect((await call('GET', '/identity/v3/auth/catalog', { token: acToken })).status).toBe(401);
  });

  it("refuses a duplicate name (409), another user's credentials (403), a scope with the credential (401)", async () => {
    const { token, userId } = await login();
    const base = `/identity/v3/users/${userId}/application_credentials`;
    const first = await call('POST', base, { token, body: { application_credential: { name: 'dup', secret: 'chosen-secret' } } });
    expect(first.body.application_credential.secret).toBe('chosen-secret');
    const dup = await call('POST', base, { token, body: { application_credential: { name: 'dup' } } });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toEqual({
      code: 409,
      title: 'Conflict',
      message: 'Conflict occurred attempting to store application_credential - Duplicate name, dup.',
    });
    const admin = await login('admin');
    expect((await call('GET', base, { token: admin.token })).status).toBe(403);
    const scoped = await call('POST', '/identity/v3/auth/tokens', {
      body: {
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: { id: first.body.application_credential.id, secret: 'chosen-secret' },
          },
          scope: { project: { id: sim.projectId('demo') } },
        },
      },
    });
    expect(scoped.status).toBe(401);
  });

  it('expires with its expires_at', async () => {
    const { token, userId } = await login();
    const created = await call('POST', `/identity/v3/users/${userId}/application_credentials`, {
      token,
      body: { application_credential: { name: 'soon', expires_at: new Date(Date.now() + 60_000).toISOString() } },
    });
    const { id, secret } = created.body.application_credential;
    sim.advanceClock(120_000);
    const res = await call('POST', '/identity/v3/auth/tokens', {
      body: { auth: { identity: { methods: ['application_credential'], application_credential: { id, secret } } } },
    });
    expect(res.status).toBe(401);
  });
});

describe('Keystone v2.0', () => {
  it('issues access.token with tenant and serviceCatalog', async () => {
    const res = await call('POST', '/identity/v2.0/tokens', {
      body: { auth: { passwordCredentials: { username: 'demo', password: 'secret' }, tenantName: 'demo' } },
    });
    expect(res.status).toBe(200);
    const a = res.body.access;
    expect(a.token.id).toMatch(/^gAAAAA/);
    expect(a.token.tenant).toMatchObject({ name: 'demo', id: sim.projectId('demo'), enabled: true });
    expect(a.token.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.user).toMatchObject({ name: 'demo', username: 'demo' });
    const compute = a.serviceCatalog.find((s: { type: string }) => s.type === 'compute');
    expect(compute.endpoints[0]).toMatchObject({
      region: 'RegionOne',
      publicURL: `${sim.url}/compute/v2.1`,
      internalURL: `${sim.url}/compute/v2.1`,
    });
    // The token works on v3-protected routes too.
    expect((await call('GET', '/identity/v3/auth/catalog', { token: a.token.id })).status).toBe(200);
    const tenants = await call('GET', '/identity/v2.0/tenants', { token: a.token.id });
    expect(tenants.body.tenants.map((t: { name: string }) => t.name)).toEqual(['demo']);
  });

  it('exchanges a token, refuses wrong passwords and foreign tenants', async () => {
    const unscoped = await call('POST', '/identity/v2.0/tokens', {
      body: { auth: { passwordCredentials: { username: 'demo', password: 'secret' } } },
    });
    expect(unscoped.body.access.serviceCatalog).toEqual([]);
    expect(unscoped.body.access.token.tenant).toBeUndefined();
    const scoped = await call('POST', '/identity/v2.0/tokens', {
      body: { auth: { token: { id: unscoped.body.access.token.id }, tenantId: sim.projectId('demo') } },
    });
    expect(scoped.body.access.token.tenant.name).toBe('demo');
    const bad = await call('POST', '/identity/v2.0/tokens', {
      body: { auth: { passwordCredentials: { username: 'demo', password: 'nope' } } },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error.title).toBe('Unauthorized');
    const foreign = await call('POST', '/identity/v2.0/tokens', {
      body: { auth: { passwordCredentials: { username: 'demo', password: 'secret' }, tenantName: 'admin' } },
    });
    expect(foreign.status).toBe(401);
  });
});

describe('simulator CLI', () => {
  it('starts with the given user and prints OS_* variables that work', async () => {
    const lines: string[] = [];
    const handle = await runSimulatorCli(['--user', 'erin', '--password', 'erin-pw', '--region', 'Lab'], (l) => lines.push(l));
    try {
      const out = lines.join('\n');
      expect(out).toContain(`export OS_AUTH_URL=${handle!.sim.authUrl}`);
      expect(out).toContain('export OS_USERNAME=erin');
      expect(out).toContain('export OS_REGION_NAME=Lab');
      const res = await fetch(`${handle!.sim.authUrl}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: { methods: ['password'], password: { user: { name: 'erin', domain: { name: 'Default' }, password: 'erin-pw' } } },
            scope: { project: { name: 'erin', domain: { name: 'Default' } } },
          },
        }),
      });
      expect(res.status).toBe(201);
    } finally {
      await handle?.sim.stop();
    }
  });

  it('prints usage with --help and rejects bad values', async () => {
    const lines: string[] = [];
    expect(await runSimulatorCli(['--help'], (l) => lines.push(l))).toBeUndefined();
    expect(lines.join('\n')).toContain('Usage: cloudmux-openstack-simulator');
    await expect(runSimulatorCli(['--speed', '0'], () => undefined)).rejects.toThrow(/--speed must be a positive number/);
    await expect(runSimulatorCli(['--bogus'], () => undefined)).rejects.toThrow();
  });
});
