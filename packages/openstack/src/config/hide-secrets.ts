/**
 * Keeps credential secrets out of `util.inspect` and `JSON.stringify` of configuration objects.
 * @module
 */
import { inspect } from 'node:util';
import { REDACTED } from '@cloudmux/core/http';
import type { IdentityCredentials } from '../identity/types.js';

const SECRET_KEYS = new Set(['password', 'secret', 'token']);

/** A copy of the credentials with secret values replaced by `REDACTED`. */
export function redactedCredentials(credentials: IdentityCredentials): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(credentials)) out[k] = SECRET_KEYS.has(k) && typeof v === 'string' ? REDACTED : v;
  return out;
}

/**
 * Gives `credentials` non-enumerable `toJSON` and `util.inspect.custom` members that print it redacted.
 * The secret fields stay readable (`credentials.password`); a spread copy loses the protection.
 */
export function hideSecrets<T extends IdentityCredentials>(credentials: T): T {
  Object.defineProperty(credentials, 'toJSON', { value: () => redactedCredentials(credentials), enumerable: false });
  Object.defineProperty(credentials, inspect.custom, {
    value: (_depth: number, options: object) => inspect(redactedCredentials(credentials), options),
    enumerable: false,
  });
  return credentials;
}
