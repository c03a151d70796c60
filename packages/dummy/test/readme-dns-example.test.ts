import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DummyDnsDriver, DummyLoadBalancerDriver } from '../src/index.js';
import { describeWithTools } from '../../../scripts/test/with-tools.mjs';

// The DummyDnsDriver example of packages/dummy/README.md is run as written (its code block, with
// console.log captured) and the zone it prints must load in BIND's named-checkzone (Debian
// bind9-utils; npm test installs it or skips this suite loudly). Issue #9: it used to print a
// zone without an NS record, which named-checkzone rejects.

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');

/** The ```ts block of the README that uses DummyDnsDriver. */
async function dnsExampleBlock(): Promise<string> {
  const text = await readFile(README, 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.includes('new DummyDnsDriver('));
  if (!block) throw new Error(`no \`\`\`ts block using DummyDnsDriver in ${README}`);
  return block;
}

/** Runs a README block (plain JavaScript apart from its import line); returns what it logged. */
async function runBlock(block: string): Promise<unknown[][]> {
  const body = block.replace(/^import [^;]+ from '@cloudmux\/dummy';$/m, '');
  if (/^import /m.test(body)) throw new Error(`the README example imports more than @cloudmux/dummy:\n${block}`);
  const logged: unknown[][] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<void>;
  const run = new AsyncFunction('DummyDnsDriver', 'DummyLoadBalancerDriver', 'console', body);
  await run(DummyDnsDriver, DummyLoadBalancerDriver, { log: (...args: unknown[]) => logged.push(args) });
  return logged;
}

describeWithTools(['named-checkzone'], 'the Dummy DNS README example', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-readme-dns-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints a zone that named-checkzone accepts', async () => {
    const logged = await runBlock(await dnsExampleBlock());
    const zoneText = logged.map((args) => args[0]).find((a): a is string => typeof a === 'string' && /\sSOA\s/.test(a));
    if (!zoneText) throw new Error(`the README example printed no zone file: ${JSON.stringify(logged)}`);
    const origin = /^\$ORIGIN\s+(\S+)/m.exec(zoneText)?.[1] ?? 'example.com.';
    const file = path.join(dir, 'zone.db');
    await writeFile(file, zoneText);
    const r = spawnSync('named-checkzone', ['-k', 'fail', '-n', 'fail', '-i', 'full', origin, file], { encoding: 'utf8' });
    if (r.error) throw new Error(`named-checkzone could not run (${r.error.message}); install Debian's bind9-utils`);
    if (r.status !== 0) throw new Error(`named-checkzone exited ${r.status}:\n${r.stdout}${r.stderr}\n--- zone ---\n${zoneText}`);
    expect(r.stdout).toMatch(/OK/);
  });
});
