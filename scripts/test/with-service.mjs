// Test-side gate for suites that run against a real server (see services.mjs). `npm test`
// starts the server and lists it in CLOUDMUX_TEST_SERVICES, with the server's KEY=VALUE lines in
// the environment. A suite whose server is not running is skipped with the reason in its name —
// unless CI=true, where it fails.
import { SERVICES } from './services.mjs';

/** What to do with a suite needing service `name`: run it, skip it, or fail it (CI). */
export function serviceGate(name, env = process.env) {
  if (!(name in SERVICES)) throw new Error(`unknown test service "${name}"; known: ${Object.keys(SERVICES).join(', ')}`);
  const started = (env.CLOUDMUX_TEST_SERVICES ?? '').split(',').map((s) => s.trim());
  if (started.includes(name)) return 'run';
  return env.CI === 'true' ? 'fail' : 'skip';
}

/** `describe(title, fn)` when service `name` is running; otherwise skipped (or failed under CI=true). */
export function describeWithService(name, title, fn) {
  const action = serviceGate(name);
  if (action === 'run') return describe(title, fn);
  const reason = `${name} not running (npm test starts it; by hand: bash scripts/test/services/${name}/start.sh, export its output and CLOUDMUX_TEST_SERVICES=${name})`;
  if (action === 'skip') return describe.skip(`${title} [skipped: ${reason}]`, fn);
  return describe(title, () => {
    it('has its real server running', () => {
      throw new Error(`CI=true and ${reason}`);
    });
  });
}
