// Libcloud habits of deployNode: default keys from ~/.ssh, force_ipv4-style address choice, and the
// password a provider generated, used to log in and never shown when the node is logged.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { Node, type CreateNodeOptions } from '@cloudmux/core/compute';
import { InvalidArgumentError, TimeoutError } from '@cloudmux/core/errors';
import { ScriptDeployment, addressesOf, deployNode, discoverPrivateKey } from '@cloudmux/deploy';
import { FakeSshServer } from '../support/fake-ssh-server.js';
import { StubDriver } from '../support/stub-driver.js';

const pkcs8 = (kind: 'ed25519' | 'ec', passphrase?: string): string =>
  (kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519')).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    ...(passphrase ? { cipher: 'aes-256-cbc', passphrase } : {}),
  }) as string;

let dir: string;
const servers: FakeSshServer[] = [];
const savedSock = process.env['SSH_AUTH_SOCK'];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-deploy-'));
  delete process.env['SSH_AUTH_SOCK'];
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  if (savedSock !== undefined) process.env['SSH_AUTH_SOCK'] = savedSock;
});
async function server(options: Parameters<typeof FakeSshServer.start>[0] = {}): Promise<FakeSshServer> {
  const s = await FakeSshServer.start(options);
  servers.push(s);
  return s;
}
const base = (port: number) => ({
  size: 's',
  image: 'i',
  deploy: new ScriptDeployment('echo hi'),
  sshPort: port,
  hostKeyPolicy: 'accept-new' as const,
  knownHostsFile: path.join(dir, 'known_hosts'),
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});

describe('default keys from ~/.ssh', () => {
  it('takes the first usable of id_ed25519, id_ecdsa, id_rsa (an encrypted one is passed over)', async () => {
    writeFileSync(path.join(dir, 'id_ed25519'), pkcs8('ed25519', 'secret'));
    writeFileSync(path.join(dir, 'id_ecdsa'), pkcs8('ec'));
    expect((await discoverPrivateKey({ sshDir: dir }))?.path).toBe(path.join(dir, 'id_ecdsa'));
    expect((await discoverPrivateKey({ sshDir: dir, passphrase: 'secret' }))?.path).toBe(path.join(dir, 'id_ed25519'));
    expect(await discoverPrivateKey({ sshDir: path.join(dir, 'none') })).toBeUndefined();
  });

  it('deployNode logs in with a discovered key when none is given', async () => {
    writeFileSync(path.join(dir, 'id_ed25519'), pkcs8('ed25519'));
    const s = await server();
    const result = await deployNode(new StubDriver(), { ...base(s.port), sshDir: dir });
    expect(result.steps[0]?.ok).toBe(true);
    expect(s.authAttempts).toContain('publickey');
    const empty = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-deploy-empty-'));
    try {
      await expect(deployNode(new StubDriver(), { ...base(s.port), sshDir: empty })).rejects.toThrow(/needs SSH credentials.*~\/\.ssh/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('ipVersion', () => {
  it('selects addresses by version', () => {
    const ips = ['2001:db8::1', '192.0.2.1', '198.51.100.2'];
    expect(addressesOf(ips, 'any')).toEqual(['192.0.2.1', '198.51.100.2', '2001:db8::1']);
    expect(addressesOf(ips, 4)).toEqual(['192.0.2.1', '198.51.100.2']);
    expect(addressesOf(ips, 6)).toEqual(['2001:db8::1']);
  });

  it('connects to the IPv4 address only with ipVersion 4; times out naming the version when there is none', async () => {
    const s = await server();
    const driver = new StubDriver({ publicIps: ['::1', '127.0.0.1'] });
    const ok = await deployNode(driver, { ...base(s.port), sshPassword: 'x', ipVersion: 4 });
    expect(ok.host).toBe('127.0.0.1');
    const v4only = new StubDriver({ publicIps: ['127.0.0.1'] });
    const err = await deployNode(v4only, { ...base(s.port), sshPassword: 'x', ipVersion: 6, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toMatch(/no IPv6 public address \(it has: 127\.0\.0\.1\)/);
    await expect(deployNode(v4only, { ...base(s.port), sshPassword: 'x', ipVersion: 5 as never })).rejects.toThrow(InvalidArgumentError);
  });
});

/** A driver whose createNode returns a generated password, as OpenStack's adminPass. */
class PasswordDriver extends StubDriver {
  static readonly generatesPassword = true;
  override async createNode(options: CreateNodeOptions): Promise<Node> {
    const n = await super.createNode(options);
    return new Node({ id: n.id, name: n.name, state: n.state, password: 'gen-Secret-4711' }, this);
  }
}

describe('generated password', () => {
  it('logs in with node.password, which stays out of inspect, JSON, keys and the trace', async () => {
    const s = await server({ auth: { password: 'gen-Secret-4711' } });
    const trace = path.join(dir, 'trace.log');
    const result = await deployNode(new PasswordDriver(), { ...base(s.port), sshDir: false, debugFile: trace });
    expect(result.steps[0]?.ok).toBe(true);
    expect(s.authAttempts).toContain('password');
    expect(result.node.password).toBe('gen-Secret-4711');
    expect(Object.keys(result.node)).not.toContain('password');
    expect(inspect(result.node, { depth: 5 })).not.toContain('gen-Secret-4711');
    expect(JSON.stringify(result.node)).not.toContain('gen-Secret-4711');
    expect(readFileSync(trace, 'utf8')).not.toContain('gen-Secret-4711');
  });

  it('a driver that does not generate passwords still needs credentials before creating a node', async () => {
    const driver = new StubDriver();
    await expect(deployNode(driver, { ...base(22), sshDir: false })).rejects.toThrow(/needs SSH credentials/);
    expect(driver.created).toEqual([]);
  });
});
