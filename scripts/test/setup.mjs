// The set-up half of `npm test`: makes the system tools the suites need present. As root on
// Debian it installs what is missing with apt-get (quietly, one line per package); elsewhere,
// or with --no-install / CLOUDMUX_TEST_NO_INSTALL=1, it reports. The summary names each missing
// tool, its install command and the suites that will be skipped; CI=true makes it a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { TOOLS, findExecutable, installCommand, missingTools, suitesNeeding } from './tools.mjs';

/** True when this process may install Debian packages (root, Debian, apt-get present). */
export function canInstall(env = process.env) {
  if (env.CLOUDMUX_TEST_NO_INSTALL === '1') return false;
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && findExecutable('apt-get', ['/usr/bin', '/bin']) !== undefined;
}

function aptInstall(pkg) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-q', '--no-install-recommends', pkg];
  let r = spawnSync('apt-get', args, { env, encoding: 'utf8' });
  if (r.status !== 0) {
    // The package lists may be missing or stale on a fresh machine: refresh once and retry.
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-q'], { env, encoding: 'utf8' });
    r = spawnSync('apt-get', args, { env, encoding: 'utf8' });
  }
  return r.status === 0 ? undefined : `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
}

/**
 * Installs missing tools where possible and returns the ids still missing.
 * @param {{ install?: boolean, env?: NodeJS.ProcessEnv, log?: (line: string) => void }} options
 */
export function setupTools({ install = true, env = process.env, log = (l) => console.log(l) } = {}) {
  let missing = missingTools(undefined, env);
  if (missing.length > 0 && install && canInstall(env)) {
    const pkgs = [...new Set(missing.map((id) => TOOLS[id].debian))];
    log(`== test set-up: installing ${pkgs.length} Debian package(s)`);
    for (const pkg of pkgs) {
      const t0 = Date.now();
      const failure = aptInstall(pkg);
      log(`   ${failure ? 'FAILED' : 'installed'} ${pkg} (${((Date.now() - t0) / 1000).toFixed(1)} s)${failure ? `\n${failure}` : ''}`);
    }
    missing = missingTools(undefined, env);
  }
  // Debian's sshd refuses to start without its privilege-separation directory.
  if (!missing.includes('sshd') && process.getuid?.() === 0 && !existsSync('/run/sshd'))
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  return missing;
}

/** The loud summary of missing tools and the suites they skip (empty string when none). */
export function missingSummary(missing, env = process.env) {
  if (missing.length === 0) return '';
  const bar = '!'.repeat(100);
  const lines = [
    bar,
    `!! ${missing.length} system tool(s) missing: the suites below are ${env.CI === 'true' ? 'FAILING (CI=true)' : 'SKIPPED'}`,
  ];
  for (const id of missing) {
    lines.push(`!!   ${id} — ${TOOLS[id].purpose}; install: ${installCommand([id])}`);
    for (const suite of suitesNeeding(id)) lines.push(`!!       ${suite}`);
  }
  lines.push(`!! install them all (as root): ${installCommand(missing)}  — or run npm test as root on Debian, which installs them`);
  lines.push(bar);
  return lines.join('\n');
}
