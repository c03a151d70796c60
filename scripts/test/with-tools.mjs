// Test-side gate for suites that need system tools (see tools.mjs). Where a tool is missing the
// suite is skipped with the reason in its name — unless CI=true, where it fails with the install
// command. `npm test` prints one summary of every skipped suite before and after the run.
import { installCommand, missingTools } from './tools.mjs';

/** What to do with a suite needing `ids`: run it, skip it, or fail it (CI). */
export function toolGate(ids, env = process.env) {
  const missing = missingTools(ids, env);
  if (missing.length === 0) return { action: 'run', missing };
  return { action: env.CI === 'true' ? 'fail' : 'skip', missing };
}

/** `describe(name, fn)` when every tool in `ids` is installed; otherwise skipped (or failed under CI=true). */
export function describeWithTools(ids, name, fn) {
  const { action, missing } = toolGate(ids);
  if (action === 'run') return describe(name, fn);
  const reason = `missing ${missing.join(', ')} (${installCommand(missing)})`;
  if (action === 'skip') return describe.skip(`${name} [skipped: ${reason}]`, fn);
  return describe(name, () => {
    it('has the system tools it needs', () => {
      throw new Error(`CI=true and ${reason}`);
    });
  });
}
