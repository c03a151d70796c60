import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { readJoyentEnv } from '../../src/config/from-env.js';
import { tempDir } from '../support/keys.js';

let home: { dir: string; cleanup(): Promise<void> };
beforeEach(async () => {
  home = await tempDir('cloudmux-home-');
});
afterEach(() => home.cleanup());

async function writeProfile(name: string, body: object): Promise<void> {
  await mkdir(path.join(home.dir, '.triton', 'profiles.d'), { recursive: true });
  await writeFile(path.join(home.dir, '.triton', 'profiles.d', `${name}.json`), JSON.stringify(body));
}

describe('readJoyentEnv', () => {
  it('reads TRITON_* variables, falling back to SDC_*', () => {
    const cfg = readJoyentEnv({
      HOME: home.dir,
      TRITON_URL: 'https://t.example',
      SDC_URL: 'https://s.example',
      SDC_ACCOUNT: 'demo',
      SDC_KEY_ID: 'SHA256:WSrlgXAgmq+lxJZXbwg7LovCwj6GXlzwDIX8oGMqhPk',
      SDC_USER: 'bob',
      SSH_AUTH_SOCK: '/tmp/agent.sock',
    });
    expect(cfg).toMatchObject({ account: 'demo', keyId: 'SHA256:WSrlgXAgmq+lxJZXbwg7LovCwj6GXlzwDIX8oGMqhPk', source: 'env' });
    expect(cfg.options).toMatchObject({
      url: 'https://t.example',
      user: 'bob',
      useAgent: '/tmp/agent.sock',
      sshDir: path.join(home.dir, '.ssh'),
    });
    expect(cfg.options.tls).toBeUndefined();
  });

  it('honours insecure TLS flags, api version, act-as and roles', () => {
    const cfg = readJoyentEnv({
      HOME: home.dir,
      TRITON_URL: 'https://t',
      TRITON_ACCOUNT: 'a',
      TRITON_KEY_ID: 'aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99',
      SDC_TESTING: '1',
      SDC_API_VERSION: '~8',
      TRITON_ACT_AS: 'other',
      TRITON_ROLE: 'ops, dev',
    });
    expect(cfg.options).toMatchObject({
      tls: { rejectUnauthorized: false },
      apiVersion: '~8',
      actAs: 'other',
      asRole: ['ops', 'dev'],
      useAgent: false,
    });
    expect(
      readJoyentEnv({ HOME: home.dir, TRITON_URL: 'https://t', TRITON_ACCOUNT: 'a', SDC_TESTING: 'false' }).options.tls,
    ).toBeUndefined();
  });

  it('maps 6.5-era SDC_CLI_* variables (key name + identity file)', () => {
    const cfg = readJoyentEnv({
      HOME: home.dir,
      SDC_CLI_URL: 'https://old',
      SDC_CLI_ACCOUNT: 'demo',
      SDC_CLI_KEY_ID: 'laptop',
      SDC_CLI_IDENTITY: '~/.ssh/id_rsa',
      SSH_AUTH_SOCK: '/s',
    });
    expect(cfg.keyId).toBe('/demo/keys/laptop');
    expect(cfg.options).toMatchObject({ url: 'https://old', keyPath: path.join(home.dir, '.ssh/id_rsa'), useAgent: false });
  });

  it('loads the profile named by TRITON_PROFILE', async () => {
    await writeProfile('prod', {
      name: 'prod',
      url: 'https://cloudapi.prod',
      account: 'acme',
      keyId: 'aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99',
      insecure: true,
      user: 'ci',
      roles: ['deployer'],
      actAsAccount: 'acme2',
    });
    const cfg = readJoyentEnv({ HOME: home.dir, TRITON_PROFILE: 'prod', TRITON_ACCOUNT: 'ignored' });
    expect(cfg).toMatchObject({ account: 'acme', source: 'profile prod' });
    expect(cfg.options).toMatchObject({
      url: 'https://cloudapi.prod',
      user: 'ci',
      asRole: ['deployer'],
      actAs: 'acme2',
      tls: { rejectUnauthorized: false },
    });
  });

  it('falls back to the current profile in ~/.triton/config.json', async () => {
    await writeProfile('dev', { url: 'https://dev', account: 'me', keyId: 'SHA256:WSrlgXAgmq+lxJZXbwg7LovCwj6GXlzwDIX8oGMqhPk' });
    await writeFile(path.join(home.dir, '.triton', 'config.json'), JSON.stringify({ profile: 'dev' }));
    const cfg = readJoyentEnv({ HOME: home.dir });
    expect(cfg).toMatchObject({ account: 'me', source: 'profile dev', options: { url: 'https://dev' } });
  });

  it('TRITON_PROFILE=env uses the variables', () => {
    expect(readJoyentEnv({ HOME: home.dir, TRITON_PROFILE: 'env', TRITON_URL: 'https://x', TRITON_ACCOUNT: 'a' }).source).toBe('env');
  });

  it('rejects unknown profile fields, bad JSON and missing settings', async () => {
    await writeProfile('bad', { url: 'https://x', account: 'a', keyId: 'k', colour: 'blue' });
    expect(() => readJoyentEnv({ HOME: home.dir, TRITON_PROFILE: 'bad' })).toThrow(/unknown field "colour"/);
    await mkdir(path.join(home.dir, '.triton', 'profiles.d'), { recursive: true });
    await writeFile(path.join(home.dir, '.triton', 'profiles.d', 'broken.json'), '{');
    expect(() => readJoyentEnv({ HOME: home.dir, TRITON_PROFILE: 'broken' })).toThrow(/not valid JSON/);
    expect(() => readJoyentEnv({ HOME: home.dir, TRITON_PROFILE: 'missing' })).toThrow(/Cannot read Triton profile/);
    expect(() => readJoyentEnv({ HOME: home.dir })).toThrow(InvalidArgumentError);
    expect(() => readJoyentEnv({ HOME: home.dir, TRITON_ACCOUNT: 'a' })).toThrow(/TRITON_URL/);
  });
});
