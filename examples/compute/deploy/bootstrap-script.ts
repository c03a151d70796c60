/**
 * Bootstrap a new node with one script: `driver.deployNode()` creates the node, waits until it
 * runs with a public address, waits for SSH (retrying only while the port is closed or slow;
 * a refused login fails at once), uploads the script, runs it with arguments and returns its
 * output and exit status. Progress events show each phase; the host key is trusted on first use
 * (`accept-new`) and its fingerprint reported, or checked strictly against CLOUDMUX_SSH_KNOWN_HOSTS.
 *
 * Runs on the Dummy driver, whose nodes get the address of the SSH server named by the
 * CLOUDMUX_SSH_* variables (see `_target.ts`); without them it prints what to set and exits.
 * On a real cloud, swap the driver: the deployNode call stays the same. Providers with boot scripts
 * (Joyent `userScript`) can take the same ScriptDeployment without SSH: add `viaBootScript: true`.
 */
import { ScriptDeployment } from '@cloudmux/deploy';
import { DummyNodeDriver } from '@cloudmux/dummy';
import { sshTargetFromEnv } from './_target.js';

const target = sshTargetFromEnv('bootstrap-script');
if (target) {
  const driver = new DummyNodeDriver('example', undefined, { nodeIps: { public: [target.host] } });
  const [size] = await driver.listSizes();
  const [image] = await driver.listImages();
  if (!size || !image) throw new Error('the Dummy driver offered no size or image');

  const bootstrap = new ScriptDeployment(
    [
      '#!/bin/sh',
      'set -e',
      'echo "bootstrapping $(hostname) as $(id -un) for $1 (release $2)"',
      'mkdir -p "$HOME/app" && echo "$2" > "$HOME/app/RELEASE"',
      'cat "$HOME/app/RELEASE"',
    ].join('\n'),
    { name: 'bootstrap', args: ['web tier', '2024.06-rc1'], timeoutMs: 60_000 },
  );

  const result = await driver.deployNode({
    name: 'bootstrap-example',
    size,
    image,
    deploy: bootstrap,
    sshPort: target.port,
    sshUsername: target.user,
    sshKey: target.key,
    sshKeyPassword: target.passphrase,
    hostKeyPolicy: target.knownHostsFile ? 'strict' : 'accept-new',
    knownHostsFile: target.knownHostsFile,
    pollIntervalMs: 200,
    timeoutMs: 120_000,
    destroyOnFailure: true,
    onProgress: (e) => console.log(`  [${e.phase}] ${e.message}`),
  });

  const [step] = result.steps;
  console.log(`node ${result.node.name} (${result.node.id}) at ${result.host}, logged in as ${result.sshUsername}`);
  console.log(`host key ${result.hostKeyFingerprint} (${result.hostKeyStatus})`);
  console.log(`step ${step?.name}: exit ${step?.exitCode}\n${step?.stdout}`);
  await driver.destroyNode(result.node);
}
