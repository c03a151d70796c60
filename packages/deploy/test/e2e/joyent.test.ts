// End to end on the Joyent CloudAPI simulator: machines get 127.0.0.1 as public address, SSH goes
// to a private OpenSSH server. deployNode creates the machine over the real CloudAPI wire protocol
// (signed requests), waits for `running`, then deploys over SSH. Also the boot-script path: the
// script travels as the machine's `user-script` metadata instead of over SSH.
import { generateKeyPairSync } from 'node:crypto';
import { JoyentNodeDriver } from '@cloudmux/joyent';
import { CloudApiSimulator } from '@cloudmux/joyent/simulator';
import { FileDeployment, MultiStepDeployment, ScriptDeployment, deployNode, parsePrivateKey } from '@cloudmux/deploy';
import { startSshd, type SshdHarness } from '../support/sshd-harness.mjs';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['sshd', 'ssh-keygen'], 'deployNode end to end on the Joyent simulator and a real OpenSSH server', () => {
  let sshd: SshdHarness;
  let sim: CloudApiSimulator;
  let driver: JoyentNodeDriver;
  let size: string;
  let image: string;

  beforeAll(async () => {
    sshd = await startSshd();
    const apiKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    sim = await CloudApiSimulator.start({
      accounts: [{ login: 'demo', keys: [{ name: 'deploy-test', key: parsePrivateKey(apiKey).publicKey }] }],
      machineIps: { public: '127.0.0.1' },
      provisionDelayMs: 150,
    });
    driver = new JoyentNodeDriver('demo', undefined, { url: sim.url, privateKey: apiKey, useAgent: false, sshDir: false });
    const sizes = await driver.listSizes();
    const images = await driver.listImages();
    size = sizes.find((s) => s.name === 'g4-highcpu-128M')!.id;
    image = images.find((i) => i.name === 'base-64-lts')!.id;
  });
  afterAll(async () => {
    driver?.close();
    await sim?.close();
    await sshd?.stop();
  });

  describe('deployNode on the Joyent simulator against OpenSSH', () => {
    it('provisions a machine, waits for running, deploys two steps and returns their output', async () => {
      const phases: string[] = [];
      const result = await deployNode(driver, {
        name: 'joyent-deploy-1',
        size,
        image,
        sshPort: sshd.port,
        sshUsername: sshd.user,
        sshKey: sshd.keys.ed25519,
        hostKeyPolicy: 'strict',
        knownHostsFile: sshd.knownHostsFile,
        pollIntervalMs: 50,
        timeoutMs: 20_000,
        onProgress: (e) => phases.push(e.phase),
        deploy: new MultiStepDeployment([
          new FileDeployment({ contents: 'zone config\n', target: '~/joyent/zone.conf' }),
          new ScriptDeployment('#!/bin/sh\necho "provisioned $1: $(cat "$HOME/joyent/zone.conf")"', {
            name: 'report',
            args: ['joyent-deploy-1'],
          }),
        ]),
      });
      expect(result.node.state).toBe('running');
      expect(result.node.publicIps).toEqual(['127.0.0.1']);
      expect(result.node.name).toBe('joyent-deploy-1');
      expect(result.steps.map((s) => s.ok)).toEqual([true, true]);
      expect(result.steps[1]!.stdout).toBe('provisioned joyent-deploy-1: zone config\n');
      expect(phases.slice(0, 3)).toEqual(['create', 'created', 'wait-running']);
      const created = sim.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/machines'));
      expect(created).toHaveLength(1);
    });

    it('delivers a ScriptDeployment as the machine boot script (user-script metadata) without SSH', async () => {
      const script = '#!/bin/sh\necho booted > /var/tmp/booted\n';
      const result = await driver.deployNode({
        name: 'joyent-boot',
        size,
        image,
        pollIntervalMs: 50,
        timeoutMs: 20_000,
        viaBootScript: true,
        deploy: new ScriptDeployment(script, { name: 'boot' }),
      });
      expect(result).toMatchObject({ via: 'boot-script', steps: [{ name: 'boot', ok: true }] });
      const metadata = await driver.exListMetadata(result.node);
      expect(metadata['user-script']).toBe(script);
    });
  });
});
