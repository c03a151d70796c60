import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BadRequestError,
  InvalidArgumentError,
  InvalidCredentialsError,
  ProviderError,
  RateLimitError,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import { JoyentNodeDriver } from '../../src/index.js';
import { sshKeygen, tempDir, testKey, type TestKeyKind } from '../support/keys.js';
import { requestLines, type SimContext, startSim } from '../support/sim.js';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

let ctx: SimContext;
let tmp: { dir: string; cleanup(): Promise<void> };
beforeEach(async () => {
  ctx = await startSim();
  tmp = await tempDir();
});
afterEach(async () => {
  await ctx.close();
  await tmp.cleanup();
});

describe('HTTP Signature auth against the simulator', () => {
  it.each(['rsa', 'ecdsa-256', 'ecdsa-384', 'ecdsa-521', 'ed25519'] as TestKeyKind[])('accepts %s keys', async (kind) => {
    const k = testKey(kind);
    ctx.sim.addAccount(`acct-${kind}`, [{ name: 'k', key: k.publicKey }]);
    const d = new JoyentNodeDriver(`acct-${kind}`, k.md5, { url: ctx.sim.url, privateKey: k.privatePem, useAgent: false });
    try {
      expect(await d.listNodes()).toEqual([]);
      const info = await d.exGetKeyInfo();
      expect(info.keyId).toBe(`/acct-${kind}/keys/${k.md5}`);
    } finally {
      d.close();
    }
  });

  it('signs with rsa-sha512 when asked', async () => {
    const k = testKey('rsa');
    ctx.sim.addAccount('rsa512', [{ name: 'k', key: k.publicKey }]);
    const d = new JoyentNodeDriver('rsa512', undefined, {
      url: ctx.sim.url,
      privateKey: k.privatePem,
      algorithm: 'rsa-sha512',
      useAgent: false,
    });
    try {
      expect(await d.listNodes()).toEqual([]);
      expect(String(ctx.sim.server.requests.at(-1)?.headers['authorization'])).toContain('algorithm="rsa-sha512"');
    } finally {
      d.close();
    }
  });

  it('signs "(request-target) date" with a fresh Date and sends Accept-Version', async () => {
    await ctx.driver.listNodes();
    const h = ctx.sim.server.requests.at(-1)!.headers;
    expect(h['authorization']).toMatch(
      new RegExp(
        `^Signature keyId="/demo/keys/${ctx.key.md5}",algorithm="ed25519-sha512",headers="\\(request-target\\) date",signature="[A-Za-z0-9+/=]+"$`,
      ),
    );
    expect(Math.abs(Date.parse(String(h['date'])) - Date.now())).toBeLessThan(60_000);
    expect(h['accept-version']).toBe('~9||~8||~7');
  });

  it('accepts the full keyId form and an RBAC sub-user key', async () => {
    const d1 = ctx.makeDriver({}, `/demo/keys/${ctx.key.md5}`);
    expect(await d1.listNodes()).toEqual([]);
    const bobKey = testKey('ecdsa-256');
    ctx.sim.addSubUser('demo', 'bob', [{ name: 'bob', key: bobKey.publicKey }]);
    const bob = new JoyentNodeDriver('demo', `/demo/users/bob/keys/${bobKey.md5}`, {
      url: ctx.sim.url,
      privateKey: bobKey.privatePem,
      useAgent: false,
    });
    try {
      expect(await bob.listNodes()).toEqual([]);
      expect(String(ctx.sim.server.requests.at(-1)?.headers['authorization'])).toContain(`keyId="/demo/users/bob/keys/${bobKey.md5}"`);
    } finally {
      bob.close();
    }
  });

  it('maps an unregistered key to InvalidCredentialsError', async () => {
    const stranger = testKey('rsa');
    const d = new JoyentNodeDriver('demo', undefined, { url: ctx.sim.url, privateKey: stranger.privatePem, useAgent: false, retry: false });
    try {
      const err = await d.listNodes().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidCredentialsError);
      expect((err as InvalidCredentialsError).status).toBe(401);
      expect((err as InvalidCredentialsError).providerCode).toBe('InvalidCredentials');
    } finally {
      d.close();
    }
  });

  it('adds as-role to every request', async () => {
    const d = ctx.makeDriver({ asRole: ['ops', 'dev'] });
    await d.listNodes();
    expect(requestLines(ctx.sim).at(-1)).toBe('GET /demo/machines?limit=1000&offset=0&as-role=ops%2Cdev');
  });

  it('reports a version the server does not serve as BadRequestError', async () => {
    const d = ctx.makeDriver({ apiVersion: '~5' });
    const err = await d.listNodes().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).providerCode).toBe('InvalidVersion');
  });
});

describeWithTools(['ssh-keygen'], 'key problems fail before any request', () => {
  it('a key that does not match the key id', () => {
    const other = testKey('rsa');
    expect(() => ctx.makeDriver({}, other.md5)).toThrow(InvalidArgumentError);
    expect(() => ctx.makeDriver({}, other.sha256)).toThrow(/does not match the key id/);
    expect(ctx.sim.server.requests).toHaveLength(0);
  });

  it('a missing key file', () => {
    const missing = path.join(tmp.dir, 'nope');
    expect(() => new JoyentNodeDriver('demo', missing, { url: ctx.sim.url, useAgent: false })).toThrow(
      `Private key file not found: ${missing}`,
    );
    expect(() => new JoyentNodeDriver('demo', undefined, { url: ctx.sim.url, keyPath: missing })).toThrow(InvalidArgumentError);
    expect(ctx.sim.server.requests).toHaveLength(0);
  });

  it('a wrong or missing passphrase, and a right one', async () => {
    const k = await sshKeygen(tmp.dir, 'enc', 'ed25519', { passphrase: 'open sesame' });
    expect(() => new JoyentNodeDriver('demo', k.path, { url: ctx.sim.url, passphrase: 'wrong' })).toThrow(InvalidCredentialsError);
    expect(() => new JoyentNodeDriver('demo', k.path, { url: ctx.sim.url })).toThrow(/encrypted: pass its passphrase/);
    expect(ctx.sim.server.requests).toHaveLength(0);
    ctx.sim.addAccount('enc', [{ name: 'k', key: k.publicKey }]);
    const d = new JoyentNodeDriver('enc', k.path, { url: ctx.sim.url, passphrase: 'open sesame' });
    try {
      expect(await d.listNodes()).toEqual([]);
    } finally {
      d.close();
    }
  });

  it('a key id whose key is in neither the agent nor ~/.ssh', async () => {
    await writeFile(path.join(tmp.dir, 'unrelated.pub'), testKey('ecdsa-384').publicKey);
    const d = new JoyentNodeDriver('demo', testKey('rsa').sha256, { url: ctx.sim.url, useAgent: false, sshDir: tmp.dir });
    try {
      await expect(d.listNodes()).rejects.toThrow(/No private key with fingerprint SHA256:/);
      expect(ctx.sim.server.requests).toHaveLength(0);
    } finally {
      d.close();
    }
  });

  it('finds the private key for a SHA256 key id in the ssh directory', async () => {
    const k = await sshKeygen(tmp.dir, 'id_ed25519', 'ed25519');
    ctx.sim.addAccount('home', [{ name: 'k', key: k.publicKey }]);
    const d = new JoyentNodeDriver('home', k.sha256, { url: ctx.sim.url, useAgent: false, sshDir: tmp.dir });
    try {
      expect(await d.listNodes()).toEqual([]);
      expect(String(ctx.sim.server.requests.at(-1)?.headers['authorization'])).toContain(`keyId="/home/keys/${k.md5}"`);
    } finally {
      d.close();
    }
  });
});

describe('throttling and capacity errors', () => {
  it('maps 429 with Retry-After to RateLimitError', async () => {
    ctx.sim.server.injectFault({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { code: 'TooManyRequests', message: 'You have exceeded your request rate of 10 r/s.' },
      path: /^\/demo\/machines/,
    });
    const err = await ctx.driver.listNodes().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(7000);
    expect((err as RateLimitError).providerMessage).toContain('request rate');
  });

  it('maps 420 Slow Down to RateLimitError', async () => {
    ctx.sim.server.injectFault({ kind: 'status', status: 420, body: { code: 'RequestThrottled', message: 'Slow down' } });
    await expect(ctx.driver.listNodes()).rejects.toThrow(RateLimitError);
  });

  it('maps InsufficientCapacity to ServiceUnavailableError', async () => {
    ctx.sim.server.injectFault({
      kind: 'status',
      status: 503,
      body: { code: 'InsufficientCapacity', message: 'No capacity' },
      method: 'POST',
    });
    const [size] = await ctx.driver.listSizes();
    const [image] = await ctx.driver.listImages();
    const err = await ctx.driver.createNode({ size: size!, image: image! }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as ServiceUnavailableError).providerCode).toBe('InsufficientCapacity');
  });

  it('retries a throttled GET when retries are on', async () => {
    const d = ctx.makeDriver({ retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    ctx.sim.server.injectFault({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '0' },
      body: { code: 'TooManyRequests', message: 'slow' },
      path: /^\/demo\/machines/,
    });
    expect(await d.listNodes()).toEqual([]);
  });
});

describe('hardening (issue #9)', () => {
  it('a createNode whose connection dropped after CloudAPI created the machine says it may exist and how to find it', async () => {
    const [size] = await ctx.driver.listSizes();
    const [image] = await ctx.driver.listImages();
    ctx.sim.server.injectFault({ kind: 'reset-after-handling', method: 'POST', path: '/demo/machines' });
    const err = (await ctx.driver.createNode({ name: 'web-1', size: size!, image: image! }).catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.retryable).toBe(true);
    expect(err.mayHaveSucceeded).toBe(true);
    expect(err.message).toContain('CreateMachine');
    expect(err.message).toContain('resource may exist');
    expect(err.message).toContain('listNodes({ ex: { name: "web-1" } })');
    expect(await ctx.driver.listNodes({ ex: { name: 'web-1' } })).toHaveLength(1);
  });

  it('a createNode answered with a 5xx may have succeeded; a refused one (4xx) did not', async () => {
    const [size] = await ctx.driver.listSizes();
    const [image] = await ctx.driver.listImages();
    ctx.sim.server.injectFault({ kind: 'status', status: 500, method: 'POST', body: { code: 'InternalError', message: 'boom' } });
    const e500 = (await ctx.driver.createNode({ name: 'web-2', size: size!, image: image! }).catch((e: unknown) => e)) as ProviderError;
    expect(e500.mayHaveSucceeded).toBe(true);
    expect(e500.message).toContain('CreateMachine');
    ctx.sim.server.injectFault({ kind: 'status', status: 409, method: 'POST', body: { code: 'InvalidArgument', message: 'bad' } });
    const e409 = (await ctx.driver.createNode({ name: 'web-3', size: size!, image: image! }).catch((e: unknown) => e)) as ProviderError;
    expect(e409).toBeInstanceOf(BadRequestError);
    expect(e409.mayHaveSucceeded).toBe(false);
  });

  it('retries a GET throttled with a 400-class status and a throttling code', async () => {
    const d = ctx.makeDriver({ retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    ctx.sim.server.injectFault({
      kind: 'status',
      status: 400,
      body: { code: 'RequestThrottled', message: 'slow down' },
      path: /^\/demo\/machines/,
    });
    expect(await d.listNodes()).toEqual([]);
  });

  it.each([Infinity, 0, -1, NaN])('rejects timeoutMs %p at construction, naming the option and the range', (timeoutMs) => {
    expect(() => ctx.makeDriver({ timeoutMs })).toThrow(InvalidArgumentError);
    expect(() => ctx.makeDriver({ timeoutMs })).toThrow(/"timeoutMs" must be a finite number of milliseconds from 1 to 2147483647/);
  });

  it('rejects bad retry numbers at construction', () => {
    expect(() => ctx.makeDriver({ retry: { baseDelayMs: -1 } })).toThrow(/retry\.baseDelayMs/);
  });
});
