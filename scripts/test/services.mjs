// The real third-party servers the suites run against (PowerDNS, Keystone, …). One table says
// what each is for; `scripts/test/services/<name>/start.sh` installs what is missing (Debian,
// root), starts it on 127.0.0.1 and prints KEY=VALUE lines; stop.sh stops it. `npm test` starts
// the services its selected suites declare (`describeWithService`), hands their lines to jest
// as environment variables, and stops them afterwards — also on failure or interrupt.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, testFiles } from './tools.mjs';

/** Service name → what the tests use it for (its scripts live in scripts/test/services/<name>/). */
export const SERVICES = Object.freeze({
  powerdns: { purpose: 'PowerDNS Authoritative 4.7 (API + DNS) for the PowerDNS driver and BIND import' },
  keystone: { purpose: 'OpenStack Keystone v3 (uwsgi + SQLite) for OpenStack identity' },
  swift: { purpose: 'OpenStack Swift 2.30 (tempauth, Keystone auth when keystone runs, s3api with SigV4 verified)' },
  s3rver: { purpose: 's3rver (npm) S3 server for the S3 driver: listings, multipart, errors (SigV4 not verified by it)' },
  azurite: { purpose: 'Azurite Blob service (SharedKey and SAS verified) for the Azure storage driver' },
});

/** Directory of a service's scripts (under `CLOUDMUX_TEST_SERVICE_SCRIPTS` when set: the tests' stand-ins). */
export function serviceDir(name, env = process.env) {
  return path.join(env.CLOUDMUX_TEST_SERVICE_SCRIPTS || path.join(REPO_ROOT, 'scripts', 'test', 'services'), name);
}

/** Where services keep their state: `SERVICES_DIR`, else one stable directory under the OS temp dir (warm restarts). */
export function servicesStateDir(env = process.env) {
  return env.SERVICES_DIR || path.join(os.tmpdir(), 'cloudmux-test-services');
}

/** Test files (relative to the repo root) whose suites declare service `name`. */
export function suitesUsingService(name, root = REPO_ROOT) {
  const pattern = new RegExp(`describeWithService\\(\\s*['"]${name}['"]`);
  return testFiles(root).filter((file) => pattern.test(readFileSync(path.join(root, file), 'utf8')));
}

/**
 * The services the selected suites need: every declared service when `jestArgs` selects no
 * path, else those declared by suites whose path contains one of the arguments.
 */
export function servicesFor(jestArgs, root = REPO_ROOT) {
  const filters = jestArgs.filter((a) => !a.startsWith('-'));
  return Object.keys(SERVICES).filter((name) => {
    const suites = suitesUsingService(name, root);
    return filters.length === 0
      ? suites.length > 0
      : suites.some((s) => filters.some((f) => s.includes(f) || path.resolve(root, s).includes(f)));
  });
}

function parseEnvLines(text) {
  const vars = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    // A value may be quoted so that the env file can also be sourced by a shell.
    if (m) vars[m[1]] = /^(['"]).*\1$/.test(m[2]) ? m[2].slice(1, -1) : m[2];
  }
  return vars;
}

/**
 * Starts service `name`; resolves to `{ ok: true, vars, seconds }` with the KEY=VALUE lines it
 * printed, or `{ ok: false, reason, seconds }` with the tail of its output.
 */
export function startService(name, env = process.env) {
  const script = path.join(serviceDir(name, env), 'start.sh');
  const t0 = Date.now();
  if (!existsSync(script)) return { ok: false, reason: `no ${script}`, seconds: 0 };
  const r = spawnSync('bash', [script], {
    env: { ...env, SERVICES_DIR: servicesStateDir(env) },
    encoding: 'utf8',
    timeout: 600_000,
  });
  const seconds = (Date.now() - t0) / 1000;
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-8).join('\n');
    return { ok: false, reason: r.error ? r.error.message : tail || `exit ${r.status}`, seconds };
  }
  return { ok: true, vars: parseEnvLines(r.stdout ?? ''), seconds };
}

/** Stops service `name` (idempotent); returns the error text, or undefined when it stopped. */
export function stopService(name, env = process.env) {
  const script = path.join(serviceDir(name, env), 'stop.sh');
  if (!existsSync(script)) return undefined;
  const r = spawnSync('bash', [script], { env: { ...env, SERVICES_DIR: servicesStateDir(env) }, encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? undefined : `${r.stderr ?? ''}`.trim().split('\n').slice(-3).join('\n');
}

/** The loud summary of services that could not start and the suites they skip (empty string when none). */
export function serviceSummary(failed, env = process.env) {
  if (failed.length === 0) return '';
  const bar = '!'.repeat(100);
  const lines = [
    bar,
    `!! ${failed.length} real server(s) could not start: the suites below are ${env.CI === 'true' ? 'FAILING (CI=true)' : 'SKIPPED'}`,
  ];
  for (const { name, reason } of failed) {
    lines.push(`!!   ${name} — ${SERVICES[name].purpose}`);
    lines.push(...reason.split('\n').map((l) => `!!       | ${l}`));
    for (const suite of suitesUsingService(name)) lines.push(`!!       ${suite}`);
  }
  lines.push(`!! start one by hand: bash scripts/test/services/<name>/start.sh (as root on Debian it installs what it needs)`);
  lines.push(bar);
  return lines.join('\n');
}
