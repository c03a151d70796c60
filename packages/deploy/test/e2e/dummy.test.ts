// End to end: deployNode on the Dummy driver, whose nodes get 127.0.0.1 as public address, against
// a private OpenSSH server: create → wait → SSH → multi-step deployment → per-step output.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeploymentError, InvalidCredentialsError } from '@cloudmux/core/errors';
import { DummyNodeDriver } from '@cloudmux/dummy';
import {
  FileDeployment,
  MultiStepDeployment,
  SSHKeyDeployment,
  ScriptDeployment,
  ScriptFileDeployment,
  SshClient,
  deployNode,
  deployNodes,
  type DeployProgressEvent,
} from '@cloudmux/deploy';
import { startSshd, type SshdHarness } from '../support/sshd-harness.mjs';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['sshd', 'ssh-keygen', 'ssh-agent'], 'deployNode end to end on Dummy and a real OpenSSH server', () => {
  let sshd: SshdHarness;
  let tmp: string;
  let driver: DummyNodeDriver;
  let size: string;
  let image: string;
  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'deploy-e2e-'));
    driver = new DummyNodeDriver('key', undefined, { nodeIps: { public: ['127.0.0.1'] }, bootDelayMs: 150 });
    size = (await driver.listSizes())[0]!.id;
    image = (await driver.listImages())[0]!.id;
  });
  afterAll(async () => {
    await sshd?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const ssh = () => ({
    sshPort: sshd.port,
    sshUsername: sshd.user,
    hostKeyPolicy: 'strict' as const,
    knownHostsFile: sshd.knownHostsFile,
    pollIntervalMs: 25,
    timeoutMs: 20_000,
  });

  describe('deployNode on the Dummy driver against OpenSSH', () => {
    it('creates the node, waits, runs a multi-step deployment and returns each step output', async () => {
      const local = path.join(tmp, 'setup.sh');
      await writeFile(local, '#!/bin/sh\nset -e\ncd "$HOME/srv"\necho "role=$1 env=$2" > settings\ncat settings\n');
      const events: DeployProgressEvent[] = [];
      const result = await deployNode(driver, {
        ...ssh(),
        name: 'e2e-1',
        size,
        image,
        sshKey: sshd.keys.ed25519,
        onProgress: (e) => events.push(e),
        deploy: new MultiStepDeployment([
          new SSHKeyDeployment(sshd.publicKeys.rsa),
          new FileDeployment({ contents: 'motd: deployed by cloudmux\n', target: '~/srv/motd', mode: 0o644, name: 'motd' }),
          new ScriptFileDeployment(local, { args: ['web server', "prod's"] }),
          new ScriptDeployment('#!/bin/sh\ncat "$HOME/srv/motd"; id -un', { name: 'verify' }),
        ]),
      });
      expect(result.via).toBe('ssh');
      expect(result.node.name).toBe('e2e-1');
      expect(result.node.state).toBe('running');
      expect(result.node.publicIps).toContain('127.0.0.1');
      expect(result.sshUsername).toBe(sshd.user);
      expect(result.hostKeyStatus).toBe('known');
      expect(Object.values(sshd.hostKeyFingerprints)).toContain(result.hostKeyFingerprint);
      expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
        ['ssh-key', true],
        ['motd', true],
        ['setup.sh', true],
        ['verify', true],
      ]);
      expect(result.steps[2]!.stdout).toBe("role=web server env=prod's\n");
      expect(result.steps[3]!.stdout).toBe(`motd: deployed by cloudmux\n${sshd.user}\n`);
      const phases = events.map((e) => e.phase);
      expect(phases[0]).toBe('create');
      expect(phases.filter((p) => p === 'step')).toHaveLength(4);
      expect(phases.at(-1)).toBe('done');
      expect(events.find((e) => e.phase === 'created')?.node?.id).toBe(result.node.id);
    });

    it('through NodeDriver.deployNode: RSA key, falls back to an alternate user after an auth refusal', async () => {
      const result = await driver.deployNode({
        ...ssh(),
        size,
        image,
        sshUsername: 'root',
        sshAlternateUsernames: [sshd.user],
        sshKey: sshd.keys.rsa,
        deploy: new ScriptDeployment('id -un', { name: 'whoami' }),
      });
      expect(result.sshUsername).toBe(sshd.user);
      expect(result.steps[0]!.stdout).toBe(`${sshd.user}\n`);
    });

    it('passphrase-protected key with accept-new reports and remembers the host key', async () => {
      const kh = path.join(tmp, 'known_hosts');
      const result = await deployNode(driver, {
        ...ssh(),
        size,
        image,
        sshKey: sshd.keys.ed25519Encrypted,
        sshKeyPassword: sshd.passphrase,
        hostKeyPolicy: 'accept-new',
        knownHostsFile: kh,
        deploy: new ScriptDeployment('echo hi'),
      });
      expect(result.hostKeyStatus).toBe('new');
      expect(result.hostKeyFingerprint).toBe(sshd.hostKeyFingerprints.ed25519);
      const again = await deployNode(driver, {
        ...ssh(),
        size,
        image,
        sshKey: sshd.keys.ed25519,
        hostKeyPolicy: 'strict',
        knownHostsFile: kh,
        deploy: new ScriptDeployment('echo hi'),
      });
      expect(again.hostKeyStatus).toBe('known');
    });

    it('through a real ssh-agent (SSH_AUTH_SOCK)', async () => {
      const sock = path.join(tmp, 'agent.sock');
      const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
      const saved = process.env['SSH_AUTH_SOCK'];
      try {
        for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
        execFileSync('ssh-add', [sshd.keys.ecdsa], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
        process.env['SSH_AUTH_SOCK'] = sock;
        const result = await deployNode(driver, { ...ssh(), size, image, useAgent: true, deploy: new ScriptDeployment('echo via-agent') });
        expect(result.steps[0]!.stdout).toBe('via-agent\n');
      } finally {
        if (saved === undefined) delete process.env['SSH_AUTH_SOCK'];
        else process.env['SSH_AUTH_SOCK'] = saved;
        agent.kill();
      }
    });

    it('a failing step: DeploymentError with step, exit code, output tails and the node, which is destroyed', async () => {
      const err = await deployNode(driver, {
        ...ssh(),
        name: 'e2e-fail',
        size,
        image,
        sshKey: sshd.keys.ed25519,
        destroyOnFailure: true,
        deploy: new MultiStepDeployment([
          new ScriptDeployment('echo first', { name: 'first' }),
          new ScriptDeployment('#!/bin/sh\necho "installing"\necho "E: package not found" >&2\nexit 100\n', { name: 'install' }),
          new ScriptDeployment('echo never', { name: 'never' }),
        ]),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeploymentError);
      const d = err as DeploymentError;
      expect(d).toMatchObject({
        step: 'install',
        stepIndex: 1,
        exitCode: 100,
        stdoutTail: 'installing\n',
        stderrTail: 'E: package not found\n',
      });
      expect(d.message).toContain('Deployment step "install" failed');
      expect(d.results).toHaveLength(2);
      const nodeId = (d.node as { id: string }).id;
      const left = (await driver.listNodes()).filter((n) => n.id === nodeId && n.state !== 'terminated');
      expect(left).toEqual([]);
    });

    it('an unknown key fails at once with InvalidCredentialsError, not after the timeout', async () => {
      const stranger = path.join(tmp, 'stranger');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
      const connections = async (): Promise<number> =>
        (await sshd.log()).split('\n').filter((l) => l.startsWith('Connection from 127.0.0.1')).length;
      const before = await connections();
      const events: string[] = [];
      const err = await deployNode(driver, {
        ...ssh(),
        timeoutMs: 120_000,
        size,
        image,
        sshKey: stranger,
        deploy: new ScriptDeployment('true'),
        onProgress: (e) => events.push(e.phase),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidCredentialsError);
      expect(events).toEqual(['create', 'created', 'wait-running', 'wait-ssh', 'failed']);
      let seen = 0;
      for (let i = 0; i < 50 && seen === 0; i++) {
        seen = (await connections()) - before;
        if (seen === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen).toBe(1);
    });

    it('deployNodes: several nodes at once, each with its own output', async () => {
      const list = ['a', 'b', 'c', 'd'].map((n) => ({
        ...ssh(),
        name: `multi-${n}`,
        size,
        image,
        sshKey: sshd.keys.ed25519,
        deploy: new ScriptDeployment('#!/bin/sh\nmkdir -p "$HOME/many" && echo "$1" > "$HOME/many/$1" && cat "$HOME/many/$1"', {
          args: [n],
        }),
      }));
      const settled = await deployNodes(driver, list, { concurrency: 2 });
      expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.steps[0]!.stdout : s.reason))).toEqual(['a\n', 'b\n', 'c\n', 'd\n']);
      const c = await SshClient.connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.user,
        privateKey: sshd.keys.ed25519,
        hostKeyPolicy: 'strict',
        knownHostsFile: sshd.knownHostsFile,
      });
      expect((await c.exec('ls ~/many')).stdout).toBe('a\nb\nc\nd\n');
      await c.close();
    });
  });
});
