// The system tools the test suites need, where to find them, and which Debian package installs
// each. One table for the set-up step (install or report), the test helper that skips suites
// (with-tools.mjs) and the skip summary. Plain JS: it runs before anything is built.
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Tool id → executables it stands for, the Debian package that provides them and what the tests
 * use them for. A suite declares the ids it needs with `describeWithTools([...ids], …)`.
 */
export const TOOLS = Object.freeze({
  sshd: { bins: ['sshd'], debian: 'openssh-server', purpose: 'deployment tests against a real OpenSSH server' },
  'ssh-keygen': { bins: ['ssh-keygen'], debian: 'openssh-client', purpose: 'test keys in every OpenSSH format' },
  'ssh-agent': { bins: ['ssh-agent', 'ssh-add'], debian: 'openssh-client', purpose: 'signing through a real ssh-agent' },
  'named-checkzone': {
    bins: ['named-checkzone', 'named-compilezone'],
    debian: 'bind9-utils',
    purpose: 'BIND zone exports checked by BIND itself',
  },
  openssl: { bins: ['openssl'], debian: 'openssl', purpose: 'TLS test certificates' },
});

/**
 * Directories searched for tools: `CLOUDMUX_TEST_TOOL_DIRS` (colon-separated) when set — the
 * set-up test uses it to stand in for a machine without the tools — else `PATH` plus the sbin
 * directories (sshd lives in /usr/sbin, which a non-root PATH often lacks).
 */
export function toolDirs(env = process.env) {
  if (env.CLOUDMUX_TEST_TOOL_DIRS !== undefined) return env.CLOUDMUX_TEST_TOOL_DIRS.split(':').filter(Boolean);
  const dirs = (env.PATH ?? '').split(':').filter(Boolean);
  for (const d of ['/usr/local/sbin', '/usr/sbin', '/sbin']) if (!dirs.includes(d)) dirs.push(d);
  return dirs;
}

/** Absolute path of executable `bin` in `dirs`, or undefined. */
export function findExecutable(bin, dirs = toolDirs()) {
  for (const dir of dirs) {
    const file = path.join(dir, bin);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The ids among `ids` (default: all) with at least one executable missing. */
export function missingTools(ids = Object.keys(TOOLS), env = process.env) {
  const dirs = toolDirs(env);
  return ids.filter((id) => {
    const tool = TOOLS[id];
    if (!tool) throw new Error(`unknown test tool "${id}"; known: ${Object.keys(TOOLS).join(', ')}`);
    return tool.bins.some((bin) => !findExecutable(bin, dirs));
  });
}

/** `apt-get install` command line for the given tool ids (one package each, deduplicated). */
export function installCommand(ids) {
  const pkgs = [...new Set(ids.map((id) => TOOLS[id].debian))];
  return `apt-get install -y ${pkgs.join(' ')}`;
}

/** Test files (relative to the repo root) that need tool `id`, from their `describeWithTools` calls. */
export function suitesNeeding(id, root = REPO_ROOT) {
  const out = [];
  const pattern = /describeWithTools\(\s*\[([^\]]*)\]/g;
  for (const file of testFiles(root)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(pattern)) {
      if (m[1].split(',').some((s) => s.trim().replace(/^['"]|['"]$/g, '') === id)) {
        out.push(file);
        break;
      }
    }
  }
  return out;
}

/** Test files (relative to `root`) under each package's test folder. */
export function testFiles(root = REPO_ROOT) {
  const out = [];
  const walk = (rel) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.test.ts')) out.push(child);
    }
  };
  for (const pkg of readdirSync(path.join(root, 'packages'))) {
    try {
      walk(path.join('packages', pkg, 'test'));
    } catch {
      // package without tests
    }
  }
  return out.sort();
}
