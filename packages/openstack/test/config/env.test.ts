import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import { resolveOpenStackConfig, sessionOptionsFromConfig } from '../../src/config/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cmx-osenv-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Resolves with no clouds.yaml anywhere. */
function fromEnv(env: Record<string, string>) {
  return resolveOpenStackConfig(env, { cwd: dir, homeDir: join(dir, 'home'), etcDir: join(dir, 'etc') });
}

const BASE = { OS_AUTH_URL: 'https://keystone.example:5000/v3', OS_USERNAME: 'alice', OS_PASSWORD: 'pw-Alice-123456' };

describe('OS_* variables', () => {
  it('makes a v3 password cloud with project scope, domains, region and interface', () => {
    const c = fromEnv({
      ...BASE,
      OS_PROJECT_NAME: 'web',
      OS_USER_DOMAIN_NAME: 'Users',
      OS_PROJECT_DOMAIN_ID: 'p-dom',
      OS_REGION_NAME: 'RegionTwo',
      OS_INTERFACE: 'internal',
    });
    expect(c.cloud).toBe('envvars');
    expect(c.source).toBe('environment');
    expect(c.authType).toBe('password');
    expect(c.identityApiVersion).toBe('3');
    expect({ ...c.credentials }).toEqual({
      type: 'v3password',
      userId: undefined,
      username: 'alice',
      userDomainId: undefined,
      userDomainName: 'Users',
      password: 'pw-Alice-123456',
    });
    expect(c.scope).toEqual({ projectId: undefined, projectName: 'web', projectDomainId: 'p-dom', projectDomainName: undefined });
    expect(c.region).toBe('RegionTwo');
    expect(c.interface).toBe('internal');
    expect(c.tls).toEqual({ rejectUnauthorized: true, ca: undefined, caFile: undefined });
  });

  it('accepts user and project ids, tenant aliases and OS_ENDPOINT_TYPE', () => {
    const c = fromEnv({
      OS_AUTH_URL: BASE.OS_AUTH_URL,
      OS_USER_ID: 'u1',
      OS_PASSWORD: 'x',
      OS_TENANT_ID: 't1',
      OS_ENDPOINT_TYPE: 'adminURL',
    });
    expect(c.credentials).toMatchObject({ type: 'v3password', userId: 'u1' });
    expect(c.scope).toMatchObject({ projectId: 't1' });
    expect(c.interface).toBe('admin');
    expect(fromEnv({ ...BASE, OS_TENANT_NAME: 'legacy' }).scope).toMatchObject({ projectName: 'legacy' });
  });

  it('uses OS_DOMAIN_NAME for both domains when project-scoped, and as domain scope otherwise', () => {
    const scoped = fromEnv({ ...BASE, OS_PROJECT_NAME: 'p', OS_DOMAIN_NAME: 'Acme' });
    expect(scoped.scope).toMatchObject({ projectName: 'p', projectDomainName: 'Acme' });
    expect(fromEnv({ ...BASE, OS_DOMAIN_NAME: 'Acme' }).scope).toEqual({ domainId: undefined, domainName: 'Acme' });
    expect(fromEnv(BASE).scope).toBeUndefined();
  });

  it('reads application credentials (auth type inferred or explicit)', () => {
    const c = fromEnv({
      OS_AUTH_URL: BASE.OS_AUTH_URL,
      OS_APPLICATION_CREDENTIAL_ID: 'ac1',
      OS_APPLICATION_CREDENTIAL_SECRET: 's3cr3t-value',
      OS_PROJECT_NAME: 'ignored',
    });
    expect(c.authType).toBe('v3applicationcredential');
    expect(c.credentials).toMatchObject({ type: 'v3applicationcredential', id: 'ac1', secret: 's3cr3t-value' });
    expect(c.scope).toBeUndefined();
    const byName = fromEnv({
      OS_AUTH_URL: BASE.OS_AUTH_URL,
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_NAME: 'ci',
      OS_APPLICATION_CREDENTIAL_SECRET: 's',
      OS_USERNAME: 'alice',
      OS_USER_DOMAIN_NAME: 'Default',
    });
    expect(byName.credentials).toMatchObject({ name: 'ci', username: 'alice', userDomainName: 'Default' });
    expect(() =>
      fromEnv({ OS_AUTH_URL: BASE.OS_AUTH_URL, OS_AUTH_TYPE: 'v3applicationcredential', OS_APPLICATION_CREDENTIAL_SECRET: 's' }),
    ).toThrow(/application_credential_id/);
  });

  it('reads a token (OS_TOKEN), v3 or v2.0', () => {
    expect(fromEnv({ OS_AUTH_URL: BASE.OS_AUTH_URL, OS_TOKEN: 'gAAAA-tok', OS_PROJECT_ID: 'p' }).credentials).toMatchObject({
      type: 'v3token',
      token: 'gAAAA-tok',
    });
    const v2 = fromEnv({ OS_AUTH_URL: 'https://k/v2.0', OS_AUTH_TYPE: 'token', OS_TOKEN: 't' });
    expect(v2.identityApiVersion).toBe('2.0');
    expect(v2.credentials).toMatchObject({ type: 'v2token' });
  });

  it('selects Keystone v2.0 from OS_IDENTITY_API_VERSION, the auth URL or the auth type', () => {
    expect(fromEnv({ ...BASE, OS_IDENTITY_API_VERSION: '2', OS_TENANT_NAME: 't' }).credentials).toMatchObject({
      type: 'v2password',
      username: 'alice',
    });
    expect(fromEnv({ ...BASE, OS_AUTH_URL: 'https://k:5000/v2.0/' }).identityApiVersion).toBe('2.0');
    expect(fromEnv({ ...BASE, OS_AUTH_TYPE: 'v2password' }).identityApiVersion).toBe('2.0');
    expect(() => fromEnv({ ...BASE, OS_IDENTITY_API_VERSION: '4' })).toThrow(/identity_api_version "4" is not 2 or 3/);
  });

  it('turns TLS verification off with OS_INSECURE and reads OS_CACERT', async () => {
    expect(fromEnv({ ...BASE, OS_INSECURE: 'true' }).tls).toEqual({ rejectUnauthorized: false });
    expect(fromEnv({ ...BASE, OS_INSECURE: 'false' }).tls.rejectUnauthorized).toBe(true);
    const ca = join(dir, 'ca.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const c = fromEnv({ ...BASE, OS_CACERT: ca });
    expect(c.tls).toEqual({ rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE'), caFile: ca });
    expect(sessionOptionsFromConfig(c).connection?.tls).toEqual({ ca: c.tls.ca });
    expect(() => fromEnv({ ...BASE, OS_CACERT: join(dir, 'missing.pem') })).toThrow(/cannot read the CA file/);
  });

  it('reads endpoint overrides, API versions and the timeout', () => {
    const c = fromEnv({
      ...BASE,
      OS_COMPUTE_ENDPOINT_OVERRIDE: 'https://nova.example/v2.1',
      OS_BLOCK_STORAGE_ENDPOINT_OVERRIDE: 'https://cinder.example/v3/{project_id}',
      OS_COMPUTE_API_VERSION: '2.79',
      OS_API_TIMEOUT: '12.5',
    });
    expect(c.endpointOverrides).toEqual({
      compute: 'https://nova.example/v2.1',
      'block-storage': 'https://cinder.example/v3/{project_id}',
    });
    expect(c.apiVersions).toEqual({ compute: '2.79' });
    expect(c.timeoutMs).toBe(12_500);
    const opts = sessionOptionsFromConfig(c, { provider: 'openstack' });
    expect(opts.endpointOverrides).toEqual(c.endpointOverrides);
    expect(opts.connection?.timeoutMs).toBe(12_500);
  });

  it('explains what is missing', () => {
    expect(() => fromEnv({ OS_USERNAME: 'a', OS_PASSWORD: 'b' })).toThrow(/no auth_url \(OS_AUTH_URL/);
    expect(() => fromEnv({ OS_AUTH_URL: BASE.OS_AUTH_URL, OS_USERNAME: 'a' })).toThrow(/needs a password \(OS_PASSWORD/);
    expect(() => fromEnv({ OS_AUTH_URL: BASE.OS_AUTH_URL, OS_PASSWORD: 'a' })).toThrow(/needs a username or user_id/);
    expect(() => fromEnv({ ...BASE, OS_INTERFACE: 'private' })).toThrow(/interface "private" is not one of public, internal, admin/);
    expect(() => fromEnv({ ...BASE, OS_AUTH_TYPE: 'kerberos' })).toThrow(InvalidArgumentError);
    expect(() => fromEnv({ ...BASE, OS_AUTH_TYPE: 'v3oidcpassword' })).toThrow(NotSupportedError);
    expect(() => fromEnv({ ...BASE, OS_CERT: '/x.pem' })).toThrow(NotSupportedError);
    expect(() => fromEnv({})).toThrow(/no OpenStack configuration: set OS_CLOUD/);
    // Selectors alone do not make a cloud.
    expect(() => fromEnv({ OS_REGION_NAME: 'RegionOne' })).toThrow(/no OpenStack configuration/);
  });

  it('keeps secrets out of util.inspect and JSON of the config', () => {
    const c = fromEnv({ ...BASE, OS_PROJECT_NAME: 'p' });
    expect(c.credentials).toMatchObject({ password: 'pw-Alice-123456' });
    expect(inspect(c, { depth: 8 })).not.toContain('pw-Alice-123456');
    expect(JSON.stringify(c)).not.toContain('pw-Alice-123456');
    expect(inspect(c, { depth: 8 })).toContain("username: 'alice'");
    const ac = fromEnv({
      OS_AUTH_URL: BASE.OS_AUTH_URL,
      OS_APPLICATION_CREDENTIAL_ID: 'a',
      OS_APPLICATION_CREDENTIAL_SECRET: 'appcred-Secret-99',
    });
    expect(inspect(ac)).not.toContain('appcred-Secret-99');
  });
});
