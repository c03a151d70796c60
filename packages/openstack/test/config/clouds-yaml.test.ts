import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { resolveOpenStackConfig } from '../../src/config/index.js';

let root: string;
let cwd: string;
let home: string;
let etc: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cmx-clouds-'));
  cwd = join(root, 'cwd');
  home = join(root, 'home');
  etc = join(root, 'etc');
  await Promise.all([mkdir(cwd), mkdir(join(home, '.config', 'openstack'), { recursive: true }), mkdir(etc)]);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const resolve = (env: Record<string, string>, extra: { cloud?: string; region?: string } = {}) =>
  resolveOpenStackConfig(env, { cwd, homeDir: home, etcDir: etc, ...extra });

const userDir = () => join(home, '.config', 'openstack');

const CLOUDS = `
clouds:
  prod:
    auth:
      auth_url: https://keystone.prod.example:5000/v3
      username: alice
      project_name: web
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: internal
    identity_api_version: 3
    compute_api_version: "2.79"
    block-storage-endpoint-override: https://cinder.prod.example/v3/%(project_id)s
  staging:
    auth:
      auth_url: https://keystone.staging.example/v3
      application_credential_id: ac-123
      application_credential_secret: staging-Secret-1
    auth_type: v3applicationcredential
    regions:
      - RegionA
      - name: RegionB
        values:
          compute_endpoint_override: https://nova-b.example/v2.1
  legacy:
    auth_type: v2password
    auth:
      auth_url: https://old.example:5000/v2.0
      username: bob
      password: bob-Password-1
      project_name: tenant1
    verify: false
`;

const SECURE = `
clouds:
  prod:
    auth:
      password: prod-Secret-Pw1
`;

describe('clouds.yaml', () => {
  it('reads the cloud named by OS_CLOUD and merges secure.yaml', async () => {
    await writeFile(join(userDir(), 'clouds.yaml'), CLOUDS);
    await writeFile(join(userDir(), 'secure.yaml'), SECURE);
    const c = resolve({ OS_CLOUD: 'prod' });
    expect(c.cloud).toBe('prod');
    expect(c.source).toBe('clouds.yaml');
    expect(c.configFile).toBe(join(userDir(), 'clouds.yaml'));
    expect(c.secureFile).toBe(join(userDir(), 'secure.yaml'));
    expect(c.authUrl).toBe('https://keystone.prod.example:5000/v3');
    expect(c.credentials).toMatchObject({ type: 'v3password', username: 'alice', userDomainName: 'Default', password: 'prod-Secret-Pw1' });
    expect(c.scope).toMatchObject({ projectName: 'web', projectDomainName: 'Default' });
    expect(c.region).toBe('RegionOne');
    expect(c.interface).toBe('internal');
    expect(c.apiVersions).toEqual({ compute: '2.79' });
    expect(c.endpointOverrides).toEqual({ 'block-storage': 'https://cinder.prod.example/v3/%(project_id)s' });
  });

  it('lists the known clouds for an unknown one', async () => {
    await writeFile(join(userDir(), 'clouds.yaml'), CLOUDS);
    const err = (() => {
      try {
        resolve({ OS_CLOUD: 'nope' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toBe(
      `openstack: cloud "nope" was not found in ${join(userDir(), 'clouds.yaml')}; known clouds: prod, staging, legacy`,
    );
  });

  it('says where it searched when there is no clouds.yaml', () => {
    expect(() => resolve({ OS_CLOUD: 'prod' })).toThrow(/cloud "prod" was not found in no clouds.yaml found \(searched .*cwd\/clouds.yaml/);
  });

  it('searches ./clouds.yaml first, then ~/.config/openstack, then /etc/openstack; the first found wins', async () => {
    await writeFile(join(etc, 'clouds.yaml'), 'clouds:\n  c:\n    auth: {auth_url: "https://etc/v3", token: t}\n');
    expect(resolve({ OS_CLOUD: 'c' }).authUrl).toBe('https://etc/v3');
    await writeFile(join(userDir(), 'clouds.yml'), 'clouds:\n  c:\n    auth: {auth_url: "https://home/v3", token: t}\n');
    expect(resolve({ OS_CLOUD: 'c' }).authUrl).toBe('https://home/v3');
    await writeFile(join(cwd, 'clouds.json'), JSON.stringify({ clouds: { c: { auth: { auth_url: 'https://cwd/v3', token: 't' } } } }));
    expect(resolve({ OS_CLOUD: 'c' }).authUrl).toBe('https://cwd/v3');
    // Files are not merged: a cloud only in a later file is not found.
    await writeFile(join(etc, 'clouds.yaml'), 'clouds:\n  only-etc:\n    auth: {auth_url: "https://etc/v3", token: t}\n');
    expect(() => resolve({ OS_CLOUD: 'only-etc' })).toThrow(/known clouds: c$/);
  });

  it('tries OS_CLIENT_CONFIG_FILE and OS_CLIENT_SECURE_FILE before the search path', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), CLOUDS);
    const own = join(root, 'mine.yaml');
    await writeFile(own, 'clouds:\n  prod:\n    auth: {auth_url: "https://mine/v3", username: u, password: p}\n');
    const sec = join(root, 'my-secure.yaml');
    await writeFile(sec, 'clouds:\n  prod:\n    auth:\n      password: from-my-secure\n');
    const c = resolve({ OS_CLOUD: 'prod', OS_CLIENT_CONFIG_FILE: own, OS_CLIENT_SECURE_FILE: sec });
    expect(c.authUrl).toBe('https://mine/v3');
    expect(c.credentials).toMatchObject({ password: 'from-my-secure' });
  });

  it('uses the only cloud when OS_CLOUD is unset, and asks for one when there are several', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), 'clouds:\n  solo:\n    auth: {auth_url: "https://solo/v3", username: u, password: p}\n');
    expect(resolve({}).cloud).toBe('solo');
    await writeFile(join(cwd, 'clouds.yaml'), CLOUDS);
    expect(() => resolve({})).toThrow(/several clouds \(prod, staging, legacy\): set OS_CLOUD/);
  });

  it('prefers OS_* variables over clouds.yaml unless OS_CLOUD names a cloud (openstacksdk order)', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), 'clouds:\n  solo:\n    auth: {auth_url: "https://solo/v3", username: u, password: p}\n');
    const env = { OS_AUTH_URL: 'https://env/v3', OS_USERNAME: 'e', OS_PASSWORD: 'p' };
    expect(resolve(env).cloud).toBe('envvars');
    expect(resolve({ ...env, OS_CLOUD: 'solo' }).authUrl).toBe('https://solo/v3');
    expect(resolve({ ...env, OS_CLOUD_NAME: 'mine' }).cloud).toBe('mine');
    expect(resolve(env, { cloud: 'solo' }).cloud).toBe('solo');
  });

  it('handles application credentials and region lists with per-region values', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), CLOUDS);
    const a = resolve({ OS_CLOUD: 'staging' });
    expect(a.authType).toBe('v3applicationcredential');
    expect(a.credentials).toMatchObject({ id: 'ac-123', secret: 'staging-Secret-1' });
    expect(a.regions).toEqual(['RegionA', 'RegionB']);
    expect(a.region).toBe('RegionA');
    expect(a.endpointOverrides).toEqual({});
    const b = resolve({ OS_CLOUD: 'staging', OS_REGION_NAME: 'RegionB' });
    expect(b.region).toBe('RegionB');
    expect(b.endpointOverrides).toEqual({ compute: 'https://nova-b.example/v2.1' });
    expect(resolve({ OS_CLOUD: 'staging' }, { region: 'RegionB' }).region).toBe('RegionB');
    expect(() => resolve({ OS_CLOUD: 'staging', OS_REGION_NAME: 'regiona' })).toThrow(
      /region "regiona" is not one of its regions: RegionA, RegionB/,
    );
  });

  it('reads v2password clouds with tenant names and verify: false', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), CLOUDS);
    const c = resolve({ OS_CLOUD: 'legacy' });
    expect(c.identityApiVersion).toBe('2.0');
    expect(c.credentials).toMatchObject({ type: 'v2password', username: 'bob', password: 'bob-Password-1' });
    expect(c.scope).toMatchObject({ projectName: 'tenant1' });
    expect(c.tls).toEqual({ rejectUnauthorized: false });
  });

  it('accepts auth keys at the top level of a cloud and token auth', async () => {
    await writeFile(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  t:\n    auth_type: token\n    auth_url: https://k/v3\n    token: gAAAA-existing\n    project_id: p1\n',
    );
    const c = resolve({ OS_CLOUD: 't' });
    expect(c.credentials).toMatchObject({ type: 'v3token', token: 'gAAAA-existing' });
    expect(c.scope).toMatchObject({ projectId: 'p1' });
  });

  it('expands a profile from clouds-public.yaml and names a missing one', async () => {
    await writeFile(
      join(etc, 'clouds-public.yaml'),
      'public-clouds:\n  acme:\n    auth:\n      auth_url: https://acme.example/v3\n    region_name: ACME-1\n',
    );
    await writeFile(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  mine:\n    profile: acme\n    auth: {username: u, password: p}\n  bad:\n    profile: unknown-vendor\n    auth: {username: u, password: p}\n',
    );
    const c = resolve({ OS_CLOUD: 'mine' });
    expect(c.authUrl).toBe('https://acme.example/v3');
    expect(c.region).toBe('ACME-1');
    expect(() => resolve({ OS_CLOUD: 'bad' })).toThrow(/vendor profile "unknown-vendor" was not found/);
  });

  it('names the file it cannot parse', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), 'clouds:\n  a: [unclosed\n');
    expect(() => resolve({ OS_CLOUD: 'a' })).toThrow(new RegExp(`cannot parse ${join(cwd, 'clouds.yaml').replace(/[/.]/g, '\\$&')}`));
    await writeFile(join(cwd, 'clouds.yaml'), '- a\n- b\n');
    expect(() => resolve({ OS_CLOUD: 'a' })).toThrow(/must hold a mapping/);
  });

  it('refuses an envvars cloud name that clouds.yaml also uses', async () => {
    await writeFile(join(cwd, 'clouds.yaml'), 'clouds:\n  envvars:\n    auth: {auth_url: "https://x/v3", token: t}\n');
    expect(() => resolve({ OS_AUTH_URL: 'https://y/v3', OS_TOKEN: 't' })).toThrow(/set OS_CLOUD_NAME/);
  });
});
