// deployNodes: concurrency limit and settled results, against an in-process SSH server.
import { generateKeyPairSync } from 'node:crypto';
import { DeploymentError } from '@cloudmux/core/errors';
import { ScriptDeployment, deployNodes, parsePrivateKey, type DeployNodeOptions } from '@cloudmux/deploy';
import { FakeSshServer } from '../support/fake-ssh-server.js';
import { StubDriver } from '../support/stub-driver.js';

const key = parsePrivateKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);

describe('deployNodes', () => {
  let server: FakeSshServer;
  beforeAll(async () => {
    server = await FakeSshServer.start();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('deploys many nodes with at most `concurrency` in flight and returns settled results in order', async () => {
    const driver = new StubDriver({ pollsUntilRunning: 1 });
    let inFlight = 0;
    let peak = 0;
    const list: DeployNodeOptions[] = Array.from({ length: 7 }, (_, i) => ({
      size: 's',
      image: 'i',
      name: `n${i}`,
      deploy: new ScriptDeployment(i === 3 ? '#!/bin/sh\n# fake:exit 9\n' : '#!/bin/sh\n', { name: `step${i}`, args: [`node ${i}`] }),
      sshPort: server.port,
      sshKey: key.data,
      pollIntervalMs: 5,
      timeoutMs: 10_000,
      onProgress: (e) => {
        if (e.phase === 'create') peak = Math.max(peak, ++inFlight);
        if (e.phase === 'done' || e.phase === 'failed') inFlight--;
      },
    }));
    const results = await deployNodes(driver, list, { concurrency: 3 });
    expect(peak).toBe(3);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const ok = results[5] as PromiseFulfilledResult<{ steps: readonly { stdout?: string }[] }>;
    expect(ok.value.steps[0]!.stdout).toBe('ran node 5\n');
    const failed = results[3] as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(DeploymentError);
    expect((failed.reason as DeploymentError).step).toBe('step3');
    await expect(deployNodes(driver, list, { concurrency: 0 })).rejects.toThrow(/positive integer/);
  });
});
