// Faults a real sshd cannot show on demand, against an in-process ssh2 server: stalled banner,
// refused authentication, a connection dropped mid-script, a command hanging past its timeout.
import { generateKeyPairSync } from 'node:crypto';
import { DeploymentError, InvalidCredentialsError, TimeoutError } from '@cloudmux/core/errors';
import {
  MultiStepDeployment,
  ScriptDeployment,
  SshClient,
  SshCommandTimeoutError,
  SshConnectionError,
  deployNode,
  waitForSsh,
  parsePrivateKey,
} from '@cloudmux/deploy';
import { FakeSshServer } from '../support/fake-ssh-server.js';
import { StubDriver } from '../support/stub-driver.js';

const key = parsePrivateKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
const servers: FakeSshServer[] = [];
async function server(options: Parameters<typeof FakeSshServer.start>[0] = {}): Promise<FakeSshServer> {
  const s = await FakeSshServer.start(options);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const deployOptions = (port: number, deploy: ScriptDeployment | MultiStepDeployment) => ({
  size: 's',
  image: 'i',
  deploy,
  sshPort: port,
  sshUsername: 'deployer',
  sshKey: key.data,
  hostKeyPolicy: 'accept-new' as const,
  pollIntervalMs: 20,
  timeoutMs: 15_000,
});

describe('deployNode against an in-process SSH server', () => {
  it('fails fast on authentication failure: InvalidCredentialsError after exactly one connection', async () => {
    const s = await server({ auth: 'reject' });
    const driver = new StubDriver();
    // Retrying would mean 5 connections and at least 4 waits of 2 s; the deploy timeout is 60 s.
    const started = Date.now();
    const err = await deployNode(driver, {
      ...deployOptions(s.port, new ScriptDeployment('echo hi')),
      timeoutMs: 60_000,
      maxTries: 5,
      pollIntervalMs: 2000,
    }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    // Generous bound, relative to the deploy timeout (not a speed claim): well before one retry wait.
    expect(elapsed).toBeLessThan(2000);
    expect((err as Error).message).toMatch(/SSH authentication failed for deployer@127\.0\.0\.1/);
    expect(s.connections).toBe(1);
    expect(s.execs).toEqual([]);
  });

  it('tries sshAlternateUsernames, one connection each, then fails with the auth error', async () => {
    const s = await server({ auth: 'reject' });
    const err = await deployNode(new StubDriver(), {
      ...deployOptions(s.port, new ScriptDeployment('echo hi')),
      sshAlternateUsernames: ['ubuntu', 'admin'],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as Error).message).toMatch(/deployer@.*ubuntu@.*admin@/);
    expect(s.connections).toBe(3);
  });

  it('logs in with a password', async () => {
    const s = await server({ auth: { password: 'pa55' } });
    const r = await deployNode(new StubDriver(), {
      ...deployOptions(s.port, new ScriptDeployment('#!/bin/sh', { args: ['a b'] })),
      sshKey: undefined,
      sshPassword: 'pa55',
      useAgent: false,
    });
    expect(r.steps[0]).toMatchObject({ ok: true, stdout: 'ran a b\n' });
    expect(s.authAttempts).toEqual(['password']);
  });

  it('retries while the server stalls before its banner, then deploys', async () => {
    const s = await server({ stallFirstConnections: 2 });
    const driver = new StubDriver({ pollsUntilRunning: 1 });
    const attempts: string[] = [];
    const r = await deployNode(driver, {
      ...deployOptions(s.port, new ScriptDeployment('#!/bin/sh\necho x', { name: 'hello', args: ['it works'] })),
      sshTimeoutMs: 300,
      onProgress: (e) => attempts.push(e.phase),
    });
    expect(s.connections).toBe(3);
    expect(r.steps).toEqual([expect.objectContaining({ name: 'hello', ok: true, exitCode: 0, stdout: 'ran it works\n' })]);
    expect(r.sshUsername).toBe('deployer');
    expect(r.hostKeyStatus).toBe('new');
    expect(r.hostKeyFingerprint).toMatch(/^SHA256:/);
    expect(attempts).toEqual(['create', 'created', 'wait-running', 'wait-ssh', 'ssh-ready', 'step', 'step-done', 'done']);
    // the script was deleted after the run
    expect([...s.files.keys()].filter((f) => f.includes('.cloudmux-'))).toEqual([]);
  });

  it('waits out a slow banner within sshTimeoutMs on the same connection, without retrying', async () => {
    const s = await server({ bannerDelayMs: 700 });
    const r = await deployNode(new StubDriver(), {
      ...deployOptions(s.port, new ScriptDeployment('#!/bin/sh', { args: ['late'] })),
      sshTimeoutMs: 10_000,
    });
    expect(r.steps[0]).toMatchObject({ ok: true, stdout: 'ran late\n' });
    expect(s.connections).toBe(1);
  });

  it('a banner slower than sshTimeoutMs counts as a retryable attempt', async () => {
    const s = await server({ bannerDelayMs: 600 });
    const err = await SshClient.connect({ host: '127.0.0.1', port: s.port, username: 'u', privateKey: key, readyTimeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SshConnectionError);
    expect(err).toMatchObject({ retryable: true, reason: 'handshake-timeout' });
  });

  it('ends in TimeoutError naming the last SSH error when the banner never comes', async () => {
    const s = await server({ stallFirstConnections: 1000 });
    const err = await deployNode(new StubDriver(), {
      ...deployOptions(s.port, new ScriptDeployment('true')),
      sshTimeoutMs: 200,
      timeoutMs: 1500,
      maxTries: 3,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).lastState).toBe('running; ssh: handshake-timeout');
    expect(s.connections).toBe(3);
  });

  it('a connection dropped mid-script fails the step with DeploymentError carrying partial output and the node', async () => {
    const s = await server();
    const driver = new StubDriver();
    const deploy = new MultiStepDeployment([
      new ScriptDeployment('echo ok', { name: 'prepare' }),
      new ScriptDeployment('#!/bin/sh\n# fake:drop\n', { name: 'install' }),
    ]);
    const err = await deployNode(driver, { ...deployOptions(s.port, deploy), destroyOnFailure: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeploymentError);
    const d = err as DeploymentError;
    expect(d.step).toBe('install');
    expect(d.stepIndex).toBe(1);
    expect(d.exitCode).toBeNull();
    expect(d.stdoutTail).toBe('partial output\n');
    expect(d.message).toMatch(/step "install" failed on node stub-1.*connection .* lost/);
    expect((d.node as { id: string }).id).toBe('stub-1');
    expect(d.cause).toBeInstanceOf(SshConnectionError);
    expect(d.results).toHaveLength(2);
    expect(driver.destroyed).toEqual(['stub-1']);
  });

  it('a non-zero exit gives DeploymentError with exit code and output tails', async () => {
    const s = await server();
    const err = await deployNode(
      new StubDriver(),
      deployOptions(s.port, new ScriptDeployment('#!/bin/sh\n# fake:exit 42\n', { name: 'migrate' })),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeploymentError);
    expect(err).toMatchObject({
      step: 'migrate',
      stepIndex: 0,
      exitCode: 42,
      stdoutTail: 'about to fail\n',
      stderrTail: 'something went wrong\n',
    });
    expect((err as Error).message).toMatch(/exit status 42; stderr: something went wrong/);
  });
});

describe('SshClient against an in-process SSH server', () => {
  it('gives up on a hanging command at its timeout and closes its channel', async () => {
    const s = await server();
    const c = await SshClient.connect({ host: '127.0.0.1', port: s.port, username: 'u', privateKey: key });
    try {
      const err = await c.exec('fake:hang', { timeoutMs: 200 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SshCommandTimeoutError);
      expect((err as SshCommandTimeoutError).stdout).toBe('started\n');
      for (let i = 0; i < 50 && s.closedEarly === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(s.closedEarly).toBe(1);
      expect((await c.exec('echo again')).stdout).toBe('ran echo|again\n');
    } finally {
      await c.close();
    }
  });

  it('waitForSsh: auth failure is not retried even with attempts left', async () => {
    const s = await server({ auth: 'reject' });
    await expect(
      waitForSsh({
        hosts: ['127.0.0.1'],
        port: s.port,
        usernames: ['root'],
        privateKey: key,
        deadline: Date.now() + 30_000,
        pollIntervalMs: 10,
        maxTries: 10,
      }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(s.connections).toBe(1);
  });
});
