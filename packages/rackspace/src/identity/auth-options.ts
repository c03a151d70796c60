/**
 * Authentication options every Rackspace driver takes, their validation, and the Keystone session built
 * from them.
 * @module
 */
import { assertKnownOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RetryPolicy } from '@cloudmux/core/http';
import { IdentitySession, type EndpointInterface, type IdentityCredentials } from '@cloudmux/openstack';
import { rackspaceApiKeyCredentials } from './credentials.js';
import { RACKSPACE_IDENTITY_URLS } from './endpoints.js';
import { rackspaceRegion, type RackspaceRegion, type RackspaceRegionInfo } from './regions.js';

/** How a Rackspace driver authenticates and connects (shared by Cloud Servers, Files, Load Balancers and DNS). */
export interface RackspaceAuthOptions {
  /** Region: `DFW`, `ORD`, `IAD`, `LON`, `SYD` or `HKG` (case-insensitive). Required (Cloud DNS ignores it). */
  region?: RackspaceRegion | Lowercase<RackspaceRegion> | undefined;
  /** `password` instead of an API key: the second constructor argument is then the account password. */
  authType?: 'apikey' | 'password' | undefined;
  /** Identity endpoint: `us` (default; serves every region), `uk` (accounts created in London), or a URL (e.g. a simulator's). */
  identity?: 'us' | 'uk' | string | undefined;
  /** Catalog interface: `public` (default) or `internal` (ServiceNet, from inside Rackspace). */
  interface?: EndpointInterface | undefined;
  /** Base URL per catalog type instead of the catalog's (e.g. `{ 'rax:dns': 'http://127.0.0.1:9000/v1.0/123' }`). */
  endpointOverrides?: Readonly<Record<string, string>> | undefined;
  /** An existing session to share between drivers (the username/key arguments and connection options are then not allowed). */
  session?: IdentitySession | undefined;
  /** TLS settings; verification stays on unless `rejectUnauthorized: false`. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false` for none. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Debug trace file (redacted); default `CLOUDMUX_DEBUG`. */
  debugFile?: string | undefined;
}

/** The option names of {@link RackspaceAuthOptions}. */
export const RACKSPACE_AUTH_OPTIONS: readonly string[] = Object.freeze([
  'region',
  'authType',
  'identity',
  'interface',
  'endpointOverrides',
  'session',
  'tls',
  'timeoutMs',
  'retry',
  'debugFile',
]);

/** What {@link resolveRackspaceAuth} returns. */
export interface ResolvedRackspaceAuth {
  /** The session (new, or the one given). */
  readonly session: IdentitySession;
  /** The region (undefined only when not required and not given). */
  readonly region: RackspaceRegionInfo | undefined;
}

function identityUrl(provider: string, identity: string | undefined): string {
  if (identity === undefined || identity === 'us') return RACKSPACE_IDENTITY_URLS.us;
  if (identity === 'uk') return RACKSPACE_IDENTITY_URLS.uk;
  try {
    const u = new URL(identity);
    if (u.protocol === 'https:' || u.protocol === 'http:') return identity.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(`${provider}: identity ${JSON.stringify(identity)} is not one of us, uk or an http(s) URL`, { provider });
}

/**
 * Validates the shared options (`extraKeys` are the driver's own option names, allowed too) and builds the
 * Keystone v2.0 session: `RAX-KSKEY:apiKeyCredentials` (default) or `passwordCredentials`. Tokens are cached,
 * shared by concurrent calls and refreshed before expiry or once on a 401, as for OpenStack.
 */
export function resolveRackspaceAuth(
  provider: string,
  username: string | undefined,
  secret: string | undefined,
  options: RackspaceAuthOptions & Record<string, unknown>,
  extraKeys: readonly string[] = [],
  requireRegion = true,
): ResolvedRackspaceAuth {
  assertKnownOptions(`${provider} driver`, options, [...RACKSPACE_AUTH_OPTIONS, ...extraKeys]);
  const region =
    options.region !== undefined || requireRegion ? rackspaceRegion(options.region ?? options.session?.region, provider) : undefined;
  if (options.session) {
    const clash = (['authType', 'identity', 'interface', 'endpointOverrides', 'tls', 'timeoutMs', 'retry', 'debugFile'] as const).filter(
      (k) => options[k] !== undefined,
    );
    if (username !== undefined || secret !== undefined) clash.unshift('authType');
    if (clash.length > 0)
      throw new InvalidArgumentError(
        `${provider}: options.session already carries credentials and connection settings; drop the username/key arguments and ${clash.join(', ')}`,
        { provider },
      );
    return { session: options.session, region };
  }
  if (username === undefined || username === '')
    throw new InvalidArgumentError(`${provider}: a username (first argument, RACKSPACE_USERNAME) is required`, { provider });
  const authType = options.authType ?? 'apikey';
  if (authType !== 'apikey' && authType !== 'password')
    throw new InvalidArgumentError(`${provider}: authType ${JSON.stringify(authType)} is not one of apikey, password`, { provider });
  if (secret === undefined || secret === '')
    throw new InvalidArgumentError(
      `${provider}: ${authType === 'apikey' ? 'an API key (second argument, RACKSPACE_API_KEY)' : 'a password (second argument)'} is required`,
      { provider },
    );
  const credentials: IdentityCredentials =
    authType === 'apikey' ? rackspaceApiKeyCredentials(username, secret) : { type: 'v2password', username, password: secret };
  const session = new IdentitySession({
    provider,
    authUrl: identityUrl(provider, options.identity ?? (region?.identity === 'uk' ? 'uk' : undefined)),
    credentials,
    region: region?.id,
    interface: options.interface,
    endpointOverrides: options.endpointOverrides,
    connection: {
      ...(options.tls !== undefined ? { tls: options.tls } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.debugFile !== undefined ? { debugFile: options.debugFile } : {}),
    },
  });
  return { session, region };
}
