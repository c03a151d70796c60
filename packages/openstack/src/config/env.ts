/**
 * The `OS_*` environment as openstacksdk reads it: every `OS_X` variable becomes key `x` of a cloud named
 * `envvars` (or `OS_CLOUD_NAME`), unless the only ones set are selectors (`OS_CLOUD`, `OS_REGION_NAME`,
 * `OS_CLIENT_CONFIG_FILE`, `OS_CLIENT_SECURE_FILE`, `OS_CLOUD_NAME`).
 * @module
 */
import type { ConfigObject } from './files.js';

const SELECTORS = new Set(['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME']);

/** The `envvars` cloud made of `OS_*` variables, or `undefined` when only selectors (or nothing) are set. */
export function cloudFromEnvironment(env: Readonly<Record<string, string | undefined>>): ConfigObject | undefined {
  const out: ConfigObject = {};
  let meaningful = false;
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('OS_') || value === undefined || value === '') continue;
    // Test-runner variables, as openstacksdk skips them.
    if (name.startsWith('OS_TEST') || name.startsWith('OS_STD') || name.startsWith('OS_LOG')) continue;
    out[name.slice(3).toLowerCase()] = value;
    if (!SELECTORS.has(name)) meaningful = true;
  }
  return meaningful ? out : undefined;
}
