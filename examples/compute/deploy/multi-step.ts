/**
 * A multi-step deployment with error handling: install an SSH key idempotently, upload a config
 * file with a mode, run a setup script with arguments, then a health check. `deployNode` from
 * `@cloudmux/deploy` returns each step's output; a failing step throws `DeploymentError` naming
 * the step, its exit status and the tails of its output, and carrying the node
 * (with `destroyOnFailure` the node is destroyed first). The second run deliberately fails.
 *
 * Runs on the Dummy driver pointed at the SSH server named by CLOUDMUX_SSH_* (see `_target.ts`);
 * without them it prints what to set and exits.
 */
import { generateKeyPairSync } from 'node:crypto';
import { DeploymentError } from '@cloudmux/core/errors';
import {
  DeployProgress,
  FileDeployment,
  MultiStepDeployment,
  SSHKeyDeployment,
  ScriptDeployment,
  SshClient,
  deployNode,
  parsePrivateKey,
} from '@cloudmux/deploy';
import { DummyNodeDriver } from '@cloudmux/dummy';
import { sshTargetFromEnv } from './_target.js';

const target = sshTargetFromEnv('multi-step');
if (target) {
  const driver = new DummyNodeDriver('example', undefined, { nodeIps: { public: [target.host] } });
  const [size] = await driver.listSizes();
  const [image] = await driver.listImages();
  if (!size || !image) throw new Error('the Dummy driver offered no size or image');
  // A teammate's key to install (generated here; normally read from a .pub file).
  const teammate = parsePrivateKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).publicKey;

  const progress = new DeployProgress();
  progress.on('step-done', (e: { step?: string; result?: { ok: boolean; durationMs?: number } }) =>
    console.log(`  step ${e.step}: ${e.result?.ok ? 'ok' : 'FAILED'} in ${e.result?.durationMs} ms`),
  );
  const common = {
    size,
    image,
    sshPort: target.port,
    sshUsername: target.user,
    sshKey: target.key,
    sshKeyPassword: target.passphrase,
    hostKeyPolicy: target.knownHostsFile ? ('strict' as const) : ('accept-new' as const),
    knownHostsFile: target.knownHostsFile,
    pollIntervalMs: 200,
    timeoutMs: 120_000,
    destroyOnFailure: true,
    onProgress: progress.onProgress,
  };

  const deployment = new MultiStepDeployment([
    // Normally ~/.ssh/authorized_keys (the default); a demo file here, so the example leaves the server as it found it.
    new SSHKeyDeployment(`${teammate} teammate@example`, { authorizedKeysFile: '~/cloudmux-example/authorized_keys' }),
    new FileDeployment({ contents: 'listen = 8080\nworkers = 4\n', target: '~/cloudmux-example/app.conf', mode: 0o640 }),
    new ScriptDeployment(
      '#!/bin/sh\nset -e\ncd "$HOME/cloudmux-example"\necho "configuring $1 with $(grep -c = app.conf) settings"\necho ok > status\n',
      {
        name: 'setup',
        args: ['example app'],
      },
    ),
    new ScriptDeployment('#!/bin/sh\ntest "$(cat "$HOME/cloudmux-example/status")" = ok && echo healthy', { name: 'health-check' }),
  ]);
  const result = await deployNode(driver, { ...common, name: 'multi-step-example', deploy: deployment });
  for (const s of result.steps)
    console.log(
      `${s.name}: ${s.ok ? 'ok' : 'failed'}${s.changed === false ? ' (unchanged)' : ''}${s.stdout ? ` -> ${s.stdout.trim()}` : ''}`,
    );
  await driver.destroyNode(result.node);

  // A deployment that fails at its second step: DeploymentError says where and why.
  const failing = new MultiStepDeployment([
    new ScriptDeployment('echo fine', { name: 'first' }),
    new ScriptDeployment('#!/bin/sh\necho "checking disk"\necho "not enough space on /data" >&2\nexit 28\n', { name: 'check-disk' }),
    new ScriptDeployment('echo never runs', { name: 'third' }),
  ]);
  try {
    await deployNode(driver, { ...common, name: 'failing-example', deploy: failing });
    throw new Error('the failing deployment succeeded');
  } catch (e) {
    if (!(e instanceof DeploymentError)) throw e;
    console.log(
      `DeploymentError: step "${e.step}" (#${e.stepIndex}) exit ${e.exitCode}; stderr tail: ${e.stderrTail.trim()}; node destroyed: ${(e.node as { id: string }).id}`,
    );
  }

  // Clean up what the example wrote, with the SSH client on its own.
  const client = await SshClient.connect({
    host: target.host,
    port: target.port,
    username: target.user,
    privateKey: target.key,
    passphrase: target.passphrase,
    hostKeyPolicy: common.hostKeyPolicy,
    knownHostsFile: target.knownHostsFile,
  });
  try {
    await client.exec('rm -rf "$HOME/cloudmux-example"');
  } finally {
    await client.close();
  }
}
