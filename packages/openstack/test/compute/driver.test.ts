import { inspect } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { OpenStackNodeDriver } from '../../src/index.js';
import { toNodeState } from '../../src/compute/state-map.js';
import { CIRROS, startCompute, type ComputeFixture } from './support.js';

describe('construction and options', () => {
  it('refuses unknown options, listing the valid ones', () => {
    expect(() => new OpenStackNodeDriver('u', 'p', { authUrl: 'https://k/v3', projectNmae: 'x' } as never)).toThrow(
      /unknown option "projectNmae". Valid options: .*authUrl.*projectName/,
    );
    expect(() => new OpenStackNodeDriver('u', 'p', {})).toThrow(InvalidArgumentError);
    expect(() => new OpenStackNodeDriver('u', undefined, { authUrl: 'https://k/v3' })).toThrow(/password/);
  });

  it('keeps the password out of util.inspect and errors', async () => {
    const d = new OpenStackNodeDriver('demo', 'hunter2-s3cr3t', {
      authUrl: 'http://127.0.0.1:9/identity',
      projectName: 'demo',
      retry: false,
      timeoutMs: 500,
    });
    expect(inspect(d, { depth: 10, showHidden: true })).not.toContain('hunter2-s3cr3t');
    const err = await d.listNodes().catch((e: unknown) => e);
    expect(String((err as Error).message)).not.toContain('hunter2-s3cr3t');
    expect(inspect(err, { depth: 10 })).not.toContain('hunter2-s3cr3t');
  });

  it('maps Nova states with task_state nuances', () => {
    expect(toNodeState('ACTIVE', null)).toBe('running');
    expect(toNodeState('ACTIVE', 'deleting')).toBe('pending');
    expect(toNodeState('ACTIVE', 'powering-off')).toBe('stopping');
    expect(toNodeState('ACTIVE', 'image_snapshot')).toBe('running');
    expect(toNodeState('VERIFY_RESIZE', null)).toBe('running');
    expect(toNodeState('SHELVED_OFFLOADED', null)).toBe('stopped');
    expect(toNodeState('ERROR', 'deleting')).toBe('error');
    expect(toNodeState('SOFT_DELETED', null)).toBe('terminated');
    expect(toNodeState('HARD_REBOOT', 'rebooting_hard')).toBe('rebooting');
    expect(toNodeState('NEW_STATE', null)).toBe('unknown');
  });
});

describe('against the simulator', () => {
  let f: ComputeFixture;
  afterEach(() => f.close());

  it('fromEnv reads clouds.yaml (and compute_api_version)', async () => {
    f = await startCompute();
    const dir = mkdtempSync(path.join(tmpdir(), 'cloudmux-os-'));
    writeFileSync(
      path.join(dir, 'clouds.yaml'),
      `clouds:\n  sim:\n    auth:\n      auth_url: ${f.sim.authUrl}\n      username: demo\n      password: secret\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n    compute_api_version: "2.60"\n`,
    );
    const d = OpenStackNodeDriver.fromEnv({ OS_CLOUD: 'sim' }, { config: { cwd: dir, homeDir: dir, etcDir: dir } });
    try {
      expect(await d.listNodes()).toEqual([]);
      expect(d.computeMicroversion).toBe('2.60');
    } finally {
      await d.close();
    }
    expect(() => OpenStackNodeDriver.fromEnv({ OS_CLOUD: 'sim' }, { password: 'x' } as never)).toThrow(/unknown option "password"/);
    const pinned = OpenStackNodeDriver.fromEnv(
      { OS_CLOUD: 'sim' },
      { computeMicroversion: '2.10', config: { cwd: dir, homeDir: dir, etcDir: dir } },
    );
    try {
      await pinned.listNodes();
      expect(pinned.computeMicroversion).toBe('2.10');
    } finally {
      await pinned.close();
    }
  });

  it('a catalog without compute gives a clear error', async () => {
    f = await startCompute({ omitServices: ['compute'] });
    const err = await f.driver.listNodes().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/compute/);
    expect((err as Error).message).toMatch(/image|network|block-storage/);
    expect(err).not.toBeInstanceOf(TypeError);
    // Glance still works.
    expect((await f.driver.listImages()).length).toBeGreaterThan(0);
  });

  it('refreshes a token that expires in the middle of a listing', async () => {
    f = await startCompute({ tokenLifetimeMs: 3_600_000 });
    const owner = f.sim.projectId('demo')!;
    const user = f.sim.userId('demo')!;
    for (let i = 0; i < 30; i++) f.compute.insert({ name: `n${i}`, projectId: owner, userId: user, flavorId: '1', imageId: CIRROS });
    const seen: string[] = [];
    let expired = false;
    for await (const n of f.driver.iterateNodes({ ex: { pageSize: 10 } })) {
      seen.push(n.id);
      if (seen.length === 10 && !expired) {
        f.sim.revokeAllTokens(); // the cached token now gets a 401: refreshed once, the listing continues
        expired = true;
      }
    }
    expect(new Set(seen).size).toBe(30);
    const auths = f.sim.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/identity/v3/auth/tokens'));
    expect(auths).toHaveLength(2);
    expect(f.sim.server.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('refreshes before expiry when the token lifetime is short', async () => {
    f = await startCompute();
    f.sim.setTokenLifetime(60_000);
    const owner = f.sim.projectId('demo')!;
    for (let i = 0; i < 20; i++)
      f.compute.insert({ name: `n${i}`, projectId: owner, userId: f.sim.userId('demo')!, flavorId: '1', imageId: CIRROS });
    let count = 0;
    for await (const _ of f.driver.iterateNodes({ ex: { pageSize: 5 } })) {
      count++;
      if (count === 5) f.sim.advanceClock(120_000);
    }
    expect(count).toBe(20);
    expect(
      f.sim.server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/identity/v3/auth/tokens')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('getNode of a missing server is NotFoundError with the request id', async () => {
    f = await startCompute();
    const err = await f.driver.getNode('0d6e7c1a-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).providerMessage).toMatch(/could not be found/);
  });
});
