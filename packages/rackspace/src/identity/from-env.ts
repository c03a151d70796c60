/**
 * Rackspace credentials from the environment: `RACKSPACE_USERNAME`, `RACKSPACE_API_KEY`, `RACKSPACE_REGION`
 * (and `RACKSPACE_IDENTITY`), or the pyrax/openstacksdk `OS_*` style.
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RackspaceAuthOptions } from './auth-options.js';
import type { RackspaceRegion } from './regions.js';

/** The username, secret and options read from the environment. */
export interface RackspaceEnvAuth {
  /** Username. */
  readonly username: string;
  /** API key, or password when `options.authType` is `password`. */
  readonly secret: string;
  /** Region, auth type and identity endpoint. */
  readonly options: Pick<RackspaceAuthOptions, 'region' | 'authType' | 'identity'>;
}

function get(env: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/**
 * Reads `RACKSPACE_USERNAME` + `RACKSPACE_API_KEY` (or `RACKSPACE_PASSWORD`), `RACKSPACE_REGION`,
 * `RACKSPACE_IDENTITY` (`us`, `uk` or a URL); else `OS_USERNAME` + `OS_API_KEY` (or `OS_PASSWORD`),
 * `OS_REGION_NAME`, `OS_AUTH_URL`. Throws `InvalidArgumentError` naming the variables that are missing.
 */
export function rackspaceAuthFromEnv(env: Readonly<Record<string, string | undefined>>, provider = 'rackspace'): RackspaceEnvAuth {
  const username = get(env, 'RACKSPACE_USERNAME', 'OS_USERNAME');
  const apiKey = get(env, 'RACKSPACE_API_KEY', 'OS_API_KEY');
  const password = get(env, 'RACKSPACE_PASSWORD', 'OS_PASSWORD');
  if (username === undefined || (apiKey === undefined && password === undefined))
    throw new InvalidArgumentError(
      `${provider}: set RACKSPACE_USERNAME and RACKSPACE_API_KEY (or RACKSPACE_PASSWORD), or OS_USERNAME and OS_API_KEY (or OS_PASSWORD)`,
      { provider },
    );
  const region = get(env, 'RACKSPACE_REGION', 'OS_REGION_NAME');
  const identity = get(env, 'RACKSPACE_IDENTITY', 'OS_AUTH_URL');
  return {
    username,
    secret: apiKey ?? password ?? '',
    options: {
      ...(region !== undefined ? { region: region as RackspaceRegion } : {}),
      ...(apiKey === undefined ? { authType: 'password' as const } : {}),
      ...(identity !== undefined ? { identity } : {}),
    },
  };
}
