import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
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

const providerEnv = ['SDC_URL', 'TRITON_URL', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'CLOUDMUX_SSH_HOST'];

describe('examples run against the simulators', () => {
  beforeAll(() => assertBuilt());

  it('were compiled (npm run typecheck compiles examples/ to examples/dist)', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((f) => [path.relative(distDir, f), f]))('%s exits 0', async (_name, file) => {
    const env: Record<string, string | undefined> = {};
    for (const k of providerEnv) env[k] = undefined;
    const run = await runNode([file], { cwd: repoRoot, env, timeoutMs: 60_000 });
    if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    expect(run.code).toBe(0);
  }, 70_000);
});
