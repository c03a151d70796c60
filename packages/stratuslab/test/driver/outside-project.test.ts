// The conformance kit as an outside package uses it: a fresh project (its own package.json and
// jest.config.js, the packages installed in node_modules) runs `@cloudmux/test-kit`'s compute suite
// from the built packages against `@cloudmux/stratuslab` and its simulator, in a child jest process.
// The jest configuration is the one the test-kit README documents for third-party packages.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, repoRoot, runNode } from '../support/run-node.js';

const JEST_CONFIG = `export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }] },
  moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' },
};
`;

const TEST = `import { describeComputeConformance } from '@cloudmux/test-kit';
import { StratusLabNodeDriver } from '@cloudmux/stratuslab';
import { StratusLabSimulator } from '@cloudmux/stratuslab/simulator';

let sim: StratusLabSimulator | undefined;
describeComputeConformance({
  name: 'stratuslab from outside',
  setup: async () => {
    const s = (sim = await StratusLabSimulator.start({ stepMs: 20 }));
    const driver = new StratusLabNodeDriver('alice', 'alice-password', {
      locations: { lal: { endpoint: s.endpoint, pdiskEndpoint: s.url, marketplaceEndpoint: s.url } },
    });
    return { driver, teardown: async () => { driver.close(); await s.close(); } };
  },
  requestCount: () => sim?.server.requests.length ?? 0,
  createNodeOptions: async (driver) => ({ size: 'm1.small', image: (await driver.listImages())[0]!.id }),
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});
`;

describe('@cloudmux/test-kit from an outside project (built packages, child jest)', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt('core', 'test-kit', 'stratuslab');
    dir = await mkdtemp(path.join(os.tmpdir(), 'stratuslab-outside-'));
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(path.join(dir, 'jest.config.js'), JEST_CONFIG);
    await mkdir(path.join(dir, 'test'));
    await writeFile(path.join(dir, 'test/conformance.test.ts'), TEST);
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs the compute conformance suite and passes', async () => {
    const run = await runNode(['--experimental-vm-modules', path.join(repoRoot, 'node_modules/jest/bin/jest.js'), '--ci', '--json'], dir);
    const report = JSON.parse(run.stdout) as { success: boolean; numTotalTests: number; numPassedTests: number };
    if (!report.success) throw new Error(`child jest failed:\n${run.stderr.slice(-4000)}`);
    expect(report.numTotalTests).toBeGreaterThan(40);
    expect(report.numPassedTests).toBe(report.numTotalTests);
  }, 60_000);
});
