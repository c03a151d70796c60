// deployNode through @cloudmux/deploy, as on every provider: createNode on the simulated cloud with
// the SSH public key in the VM context, wait for running with the leased address (127.0.0.1 here),
// then SSH to an in-process SSH server (the one @cloudmux/deploy's own tests use) and run a script.
import { generateKeyPairSync } from 'node:crypto';
import { ScriptDeployment, parsePrivateKey } from '@cloudmux/deploy';
import { StratusLabNodeDriver } from '../../src/index.js';
import { StratusLabSimulator } from '../../src/simulator/index.js';
import { FakeSshServer } from '../../../deploy/test/support/fake-ssh-server.js';

describe('deployNode on the StratusLab simulator', () => {
  let ssh: FakeSshServer;
  let sim: StratusLabSimulator;
  let driver: StratusLabNodeDriver;
  beforeAll(async () => {
    ssh = await FakeSshServer.start();
    sim = await StratusLabSimulator.start({ stepMs: 20, publicAddress: '127.0.0.1' });
    driver = new StratusLabNodeDriver(undefined, undefined, { config: `[default]\nselected_section = lal\n${sim.configSection('lal')}` });
  });
  afterAll(async () => {
    driver?.close();
    await sim?.close();
    await ssh?.close();
  });

  it('creates the VM with the key in CONTEXT, waits for running, and runs the deployment over SSH', async () => {
    const key = parsePrivateKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const publicKey = key.publicKey!;
    const [image] = await driver.listImages();
    const phases: string[] = [];
    const result = await driver.deployNode({
      name: 'deployed-1',
      size: 'm1.small',
      image: image!.id,
      auth: { kind: 'ssh-key', publicKey },
      sshKey: key.data,
      sshPort: ssh.port,
      pollIntervalMs: 100,
      timeoutMs: 10_000,
      onProgress: (e) => phases.push(e.phase),
      deploy: new ScriptDeployment('#!/bin/sh\necho hello\n', { name: 'hello', args: ['from-stratuslab'] }),
    });
    expect(result.node.id).toBe('lal:0');
    expect(result.node.state).toBe('running');
    expect(result.node.publicIps).toEqual(['127.0.0.1']);
    expect(result.steps.map((s) => s.ok)).toEqual([true]);
    expect(result.steps[0]!.stdout).toBe('ran from-stratuslab\n');
    expect(phases.slice(0, 3)).toEqual(['create', 'created', 'wait-running']);
    const context = sim.state.vms[0]!.template.vectors.find((v) => v.name === 'CONTEXT')!.values;
    expect(context.get('PUBLIC_KEY')).toBe(publicKey.trim());
    expect(ssh.authAttempts).toContain('publickey');
  });
});
