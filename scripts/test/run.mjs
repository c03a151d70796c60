#!/usr/bin/env node
// `npm test`: sets the machine up (setup.mjs), then runs type-check, lint, the generated-file
// checks, every jest suite (with the real servers they declare started first, services.mjs) and
// the release check, and stops whatever it started — also when a step fails or the run is
// interrupted.
//   npm test                      everything
//   npm test -- <jest args>       set-up + jest only (e.g. `npm test -- packages/core`)
//   node scripts/test/run.mjs --setup-only [--no-install]   set-up and summary only
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './tools.mjs';
import { missingSummary, setupTools } from './setup.mjs';
import { serviceSummary, servicesFor, startService, stopService } from './services.mjs';

const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a === '--setup-only' || a === '--no-install'));
const jestArgs = argv.filter((a) => !flags.has(a) && a !== '--');
const env = process.env;

let current;
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    interrupted = true;
    console.error(`\n== ${sig}: stopping`);
    current?.kill(sig);
  });
}

/** Runs one step as a child process with inherited output; resolves to its exit code. */
function step(name, cmd, args) {
  const t0 = Date.now();
  console.log(`\n== ${name}`);
  return new Promise((resolve) => {
    current = spawn(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
    current.on('error', (e) => {
      console.error(`${name}: ${e.message}`);
      resolve(1);
    });
    current.on('exit', (code, signal) => {
      current = undefined;
      console.log(
        `== ${name}: ${code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      resolve(code ?? 1);
    });
  });
}

const node = process.execPath;
const jest = [node, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...jestArgs]];
const STEPS =
  jestArgs.length > 0
    ? [['jest', ...jest]]
    : [
        ['type-check', 'npm', ['run', '--silent', 'typecheck']],
        ['lint', 'npm', ['run', '--silent', 'lint']],
        ['jest', ...jest],
        ['release check', node, ['scripts/release-check.mjs']],
      ];

/**
 * Starts the real servers the selected suites declare, exporting their KEY=VALUE lines and
 * CLOUDMUX_TEST_SERVICES to the steps that follow; pushes each started name onto `started` and
 * returns the ones that failed.
 */
function startServices(started) {
  const failed = [];
  for (const name of servicesFor(jestArgs)) {
    if (interrupted) break;
    // Swift authenticates through Keystone too when Keystone runs (Keystone starts first).
    if (name === 'swift' && started.includes('keystone') && env.OS_AUTH_URL && !env.SWIFT_KEYSTONE_URL)
      env.SWIFT_KEYSTONE_URL = env.OS_AUTH_URL.replace(/\/v3\/?$/, '');
    const r = startService(name, env);
    if (!r.ok) {
      console.log(`== ${name}: could not start (${r.seconds.toFixed(1)} s)`);
      failed.push({ name, reason: r.reason });
      continue;
    }
    started.push(name);
    Object.assign(env, r.vars);
    console.log(`== ${name}: running (${r.seconds.toFixed(1)} s; ${Object.keys(r.vars).length} variables exported to the tests)`);
  }
  env.CLOUDMUX_TEST_SERVICES = started.join(',');
  return failed;
}

async function main() {
  const t0 = Date.now();
  console.log('== test set-up');
  const missing = setupTools({ install: !flags.has('--no-install'), env });
  const summary = missingSummary(missing, env);
  if (summary) console.log(summary);
  else console.log('   all system tools present');
  if (missing.length > 0 && env.CI === 'true') {
    console.error('CI=true: a missing system tool is a failure (see above).');
    return 1;
  }
  if (flags.has('--setup-only')) return 0;

  let status = 0;
  const started = [];
  let servicesNote = '';
  try {
    for (const [name, cmd, args] of STEPS) {
      if (interrupted) break;
      if (name === 'jest') {
        const failed = startServices(started);
        servicesNote = serviceSummary(failed, env);
        if (servicesNote) console.log(servicesNote);
        if (failed.length > 0 && env.CI === 'true') {
          console.error('CI=true: a real server that cannot start is a failure (see above).');
          status = 1;
          break;
        }
        if (interrupted) break;
      }
      status = await step(name, cmd, args);
      if (status !== 0) break;
    }
  } finally {
    for (const name of started.reverse()) {
      const err = stopService(name, env);
      console.log(`== stopped ${name}${err ? ` (stop.sh said: ${err})` : ''}`);
    }
  }
  if (summary) console.log(`\n${summary}`);
  if (servicesNote) console.log(`\n${servicesNote}`);
  console.log(
    `\n== npm test: ${interrupted ? 'INTERRUPTED' : status === 0 ? 'PASSED' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return interrupted ? 130 : status;
}

process.exitCode = await main();
