// Proves the set-up step of `npm test` on a machine without the system tools: a lookup with no
// tools in it (CLOUDMUX_TEST_TOOL_DIRS) stands in for that machine, installing is turned off,
// and the step must print the one loud skip summary — or fail under CI=true.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOOLS, suitesNeeding } from './tools.mjs';
import { toolGate } from './with-tools.mjs';

const runner = path.join(import.meta.dirname, 'run.mjs');
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cmx-tools-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setupOnly(env: Record<string, string | undefined>, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [runner, '--setup-only', ...args], {
    env: { ...process.env, CI: undefined, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const ALL = Object.keys(TOOLS) as (keyof typeof TOOLS)[];

describe('npm test set-up on a machine without the tools', () => {
  it('skips exactly the suites that need them, with one loud summary naming each tool and its install command', () => {
    const { status, out } = setupOnly({ CLOUDMUX_TEST_TOOL_DIRS: tempDir(), CLOUDMUX_TEST_NO_INSTALL: '1' });
    expect(status).toBe(0);
    expect(out).toContain(`${ALL.length} system tool(s) missing: the suites below are SKIPPED`);
    for (const id of ALL) expect(out).toContain(`${id} — ${TOOLS[id].purpose}; install: apt-get install -y ${TOOLS[id].debian}`);
    for (const suite of [
      'packages/deploy/test/sshd/client.test.ts',
      'packages/core/test/dns/named-checkzone.test.ts',
      'packages/core/test/http/tls.test.ts',
    ])
      expect(out).toContain(suite);
    expect(out.match(/system tool\(s\) missing/g)).toHaveLength(1);
  });

  it('fails under CI=true', () => {
    const { status, out } = setupOnly({ CLOUDMUX_TEST_TOOL_DIRS: tempDir(), CI: 'true' }, '--no-install');
    expect(status).toBe(1);
    expect(out).toContain('FAILING (CI=true)');
    expect(out).toContain('CI=true: a missing system tool is a failure');
  });

  it('says nothing is missing, even under CI=true, when every tool is found', () => {
    const dir = tempDir();
    for (const id of ALL)
      for (const bin of TOOLS[id].bins) {
        writeFileSync(path.join(dir, bin), '#!/bin/sh\n');
        chmodSync(path.join(dir, bin), 0o755);
      }
    const { status, out } = setupOnly({ CLOUDMUX_TEST_TOOL_DIRS: dir, CI: 'true' }, '--no-install');
    expect(status).toBe(0);
    expect(out).toContain('all system tools present');
  });

  it('counts a tool as missing when one of its executables is (ssh-agent without ssh-add)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ssh-agent'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'ssh-agent'), 0o755);
    expect(toolGate(['ssh-agent'], { CLOUDMUX_TEST_TOOL_DIRS: dir })).toEqual({ action: 'skip', missing: ['ssh-agent'] });
    expect(toolGate(['ssh-agent'], { CLOUDMUX_TEST_TOOL_DIRS: dir, CI: 'true' })).toEqual({ action: 'fail', missing: ['ssh-agent'] });
  });

  it('finds the suites from their describeWithTools declarations', () => {
    expect(suitesNeeding('sshd')).toEqual(
      expect.arrayContaining(['packages/cloudmux/test/examples.test.ts', 'packages/deploy/test/e2e/dummy.test.ts']),
    );
    expect(suitesNeeding('sshd')).not.toContain('packages/core/test/http/tls.test.ts');
  });
});
