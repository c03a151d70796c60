// deployNode paths that need no SSH server: validation before any node exists, boot scripts,
// nodes that never get an address, and the lazy loading from NodeDriver.deployNode.
import { NodeState } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotSupportedError, TimeoutError } from '@cloudmux/core/errors';
import { DeployProgress, ScriptDeployment, bootScriptEx, deployNode } from '@cloudmux/deploy';
import { BootScriptStubDriver, StubDriver } from '../support/stub-driver.js';

const base = { size: 's', image: 'i', pollIntervalMs: 5, timeoutMs: 2000 };

describe('deployNode without SSH', () => {
  const savedSock = process.env['SSH_AUTH_SOCK'];
  beforeEach(() => {
    delete process.env['SSH_AUTH_SOCK'];
  });
  afterAll(() => {
    if (savedSock !== undefined) process.env['SSH_AUTH_SOCK'] = savedSock;
  });

  it('refuses missing credentials, bad keys and bad options before creating a node', async () => {
    const driver = new StubDriver();
    await expect(deployNode(driver, { ...base, deploy: new ScriptDeployment('true'), sshDir: false })).rejects.toThrow(
      /needs SSH credentials/,
    );
    await expect(deployNode(driver, { ...base, deploy: new ScriptDeployment('true'), useAgent: true })).rejects.toThrow(/SSH_AUTH_SOCK/);
    await expect(
      deployNode(driver, {
        ...base,
        deploy: new ScriptDeployment('true'),
        sshKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nnope\n-----END OPENSSH PRIVATE KEY-----',
      }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(deployNode(driver, { ...base, deploy: { name: 'not a step' }, sshPassword: 'x' })).rejects.toThrow(
      /deployment step from @cloudmux\/deploy/,
    );
    await expect(
      deployNode(driver, { ...base, deploy: new ScriptDeployment('true'), sshPassword: 'x', hostKeyPolicy: 'strict' }),
    ).rejects.toThrow(/needs knownHostsFile/);
    await expect(
      deployNode(driver, { ...base, deploy: new ScriptDeployment('true'), sshPassword: 'x', sshInterface: 'both' as never }),
    ).rejects.toThrow(/Valid values: public, private/);
    await expect(deployNode(driver, { ...base, waitPeriodMs: 50, deploy: new ScriptDeployment('true'), sshPassword: 'x' })).rejects.toThrow(
      /pass pollIntervalMs only/,
    );
    expect(driver.created).toHaveLength(0);
  });

  it('uses the password of auth when no sshPassword is given, and strips deploy options from createNode', async () => {
    const driver = new StubDriver({ publicIps: [], pollsUntilRunning: 0 });
    const err = await deployNode(driver, {
      ...base,
      timeoutMs: 50,
      deploy: new ScriptDeployment('true'),
      auth: { kind: 'password', password: 'pw' },
      name: 'n1',
      ex: { a: 1 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(Object.keys(driver.created[0]!).sort()).toEqual(['auth', 'ex', 'image', 'name', 'size']);
  });

  it('ends in TimeoutError naming the last state when the node never gets an address, and destroys it on request', async () => {
    const driver = new StubDriver({ publicIps: [] });
    const progress = new DeployProgress();
    const phases: string[] = [];
    progress.on('progress', (e: { phase: string }) => phases.push(e.phase));
    const err = await deployNode(driver, {
      ...base,
      timeoutMs: 100,
      deploy: new ScriptDeployment('true'),
      sshPassword: 'x',
      destroyOnFailure: true,
      onProgress: progress.onProgress,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toMatch(/stub-1: running \(no public IP\)/);
    expect(driver.destroyed).toEqual(['stub-1']);
    expect(phases).toEqual(['create', 'created', 'wait-running', 'failed', 'destroy']);
  });

  it('a node entering an error state fails with TimeoutError naming that state', async () => {
    const driver = new StubDriver({ failState: NodeState.ERROR });
    const err = await deployNode(driver, { ...base, deploy: new ScriptDeployment('true'), sshPassword: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ lastState: 'error' });
  });

  it('hands a ScriptDeployment to a driver that takes boot scripts, through NodeDriver.deployNode (lazy import)', async () => {
    const driver = new BootScriptStubDriver({ pollsUntilRunning: 2 });
    const script = '#!/bin/sh\necho booted > /var/tmp/booted\n';
    const r = await driver.deployNode({
      ...base,
      deploy: new ScriptDeployment(script, { name: 'boot' }),
      viaBootScript: true,
      ex: { tags: { a: 'b' } },
    });
    expect(r).toMatchObject({ via: 'boot-script', sshUsername: undefined, steps: [{ name: 'boot', ok: true }] });
    expect(r.node.state).toBe('running');
    expect(driver.created[0]!.ex).toEqual({ tags: { a: 'b' }, userScript: script });
  });

  it('refuses boot scripts where the driver has none, or with args', async () => {
    await expect(deployNode(new StubDriver(), { ...base, deploy: new ScriptDeployment('x'), viaBootScript: true })).rejects.toThrow(
      NotSupportedError,
    );
    await expect(bootScriptEx(new BootScriptStubDriver(), new ScriptDeployment('x', { args: ['a'] }))).rejects.toThrow(/args or env/);
    await expect(bootScriptEx(new BootScriptStubDriver(), { name: 'x' })).rejects.toThrow(/Only a single ScriptDeployment/);
  });
});
