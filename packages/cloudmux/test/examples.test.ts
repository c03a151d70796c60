import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startSshd, type SshdHarness } from '../../deploy/test/support/sshd-harness.mjs';
import { describeWithTools } from '../../../scripts/test/with-tools.mjs';
import { assertBuilt, repoRoot, runNode } from './support/run-node.js';

// Every example under examples/ is compiled by `npm run typecheck` and run here against the
// simulators (no cloud account, no provider env vars).

function findExamples(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findExamples(full));
    else if (name.endsWith('.js') && !name.startsWith('_')) out.push(full);
  }
  return out;
}

const distDir = path.join(repoRoot, 'examples/dist');
let examples: string[] = [];
try {
  examples = findExamples(distDir);
} catch {
  examples = [];
}

// Variables that switch an example from its simulator to a real service. npm test exports some of
// them for the real-server suites (PowerDNS, Keystone, Azurite), so they are cleared here.
const providerEnv = [
  'SDC_URL',
  'TRITON_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'CLOUDMUX_SSH_HOST',
  'STRATUSLAB_ENDPOINT',
  'PDNS_API_URL',
  'PDNS_API_KEY',
  'OS_CLOUD',
  'OS_AUTH_URL',
  'AZURE_STORAGE_ACCOUNT',
  'AZURE_STORAGE_KEY',
  'AZURE_STORAGE_CONNECTION_STRING',
  'AZURE_STORAGE_SAS_TOKEN',
  'S3_ACCESS_KEY_ID',
  'S3_ENDPOINT',
  'SWIFT_AUTH_URL',
  'ST_AUTH',
  'RACKSPACE_USERNAME',
  'RACKSPACE_API_KEY',
  'RACKSPACE_IDENTITY',
  'OS_USERNAME',
];

describe('examples run against the simulators', () => {
  beforeAll(() => assertBuilt());

  it('were compiled (npm run typecheck compiles examples/ to examples/dist)', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((f) => [path.relative(distDir, f), f]))(
    '%s exits 0',
    async (_name, file) => {
      const env: Record<string, string | undefined> = {};
      for (const k of providerEnv) env[k] = undefined;
      const run = await runNode([file], { cwd: repoRoot, env, timeoutMs: 60_000 });
      if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
      expect(run.code).toBe(0);
    },
    70_000,
  );
});

// The deployment examples skip without an SSH target; here they deploy for real to a private sshd.
describeWithTools(['sshd', 'ssh-keygen'], 'deploy examples against a real OpenSSH server', () => {
  let sshd: SshdHarness | undefined;
  beforeAll(async () => {
    assertBuilt();
    sshd = await startSshd();
  }, 60_000);
  afterAll(async () => {
    await sshd?.stop();
  }, 60_000);

  const deployExamples = examples.filter((f) => path.relative(distDir, f).startsWith(path.join('compute', 'deploy')));

  it('exist', () => {
    expect(deployExamples.length).toBeGreaterThan(0);
  });

  it.each(deployExamples.map((f) => [path.relative(distDir, f), f]))(
    '%s deploys over SSH',
    async (_name, file) => {
      if (!sshd) throw new Error('sshd did not start');
      const env: Record<string, string | undefined> = {
        SDC_URL: undefined,
        TRITON_URL: undefined,
        AWS_ACCESS_KEY_ID: undefined,
        AWS_PROFILE: undefined,
        CLOUDMUX_SSH_HOST: sshd.host,
        CLOUDMUX_SSH_PORT: String(sshd.port),
        CLOUDMUX_SSH_USER: sshd.user,
        CLOUDMUX_SSH_KEY: sshd.keys.ed25519,
        CLOUDMUX_SSH_KNOWN_HOSTS: sshd.knownHostsFile,
      };
      const run = await runNode([file], { cwd: repoRoot, env, timeoutMs: 60_000 });
      if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
      expect(run.stdout).not.toContain('skipped');
    },
    70_000,
  );
});
