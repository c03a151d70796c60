/**
 * Constructor options of `OpenStackNodeDriver` and their validation into session options.
 * @module
 */
import { assertKnownOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RetryPolicy } from '@cloudmux/core/http';
import { IdentitySession, type IdentitySessionOptions } from '../identity/session.js';
import type { ResolveOpenStackConfigOptions } from '../config/types.js';
import type { EndpointInterface, IdentityCredentials, IdentityScope } from '../identity/types.js';

/** Options of `new OpenStackNodeDriver(username, password, options)` / `new OpenStackNodeDriver(options)`. */
export interface OpenStackDriverOptions {
  /** Keystone URL (`OS_AUTH_URL`): versioned (`…/v3`, `…/v2.0`) or not. Required unless `session` is given. */
  authUrl?: string | undefined;
  /** Keystone API for username/password: `'3'` (default) or `'2.0'` (taken from `authUrl` when it ends in a version). */
  identityApiVersion?: '2.0' | '3' | undefined;
  /** Credentials other than username/password (application credential, token, a vendor's `custom`). */
  credentials?: IdentityCredentials | undefined;
  /** User id instead of the username (v3). */
  userId?: string | undefined;
  /** Domain of the user by name (v3; default `Default` when neither it nor `userDomainId` is given). */
  userDomainName?: string | undefined;
  /** Domain of the user by id (v3). */
  userDomainId?: string | undefined;
  /** Project to scope to, by name. */
  projectName?: string | undefined;
  /** Project to scope to, by id. */
  projectId?: string | undefined;
  /** Domain of the project by name (default: the user's domain). */
  projectDomainName?: string | undefined;
  /** Domain of the project by id. */
  projectDomainId?: string | undefined;
  /** Region of the catalog endpoints (`OS_REGION_NAME`). */
  region?: string | undefined;
  /** Catalog interface: `public` (default), `internal`, `admin`. */
  interface?: EndpointInterface | undefined;
  /** Base URL per service type, instead of the catalog's (`{ compute: 'https://nova:8774/v2.1' }`). */
  endpointOverrides?: Readonly<Record<string, string>> | undefined;
  /** Catalog service names when a cloud has several services of a type (`{ compute: 'nova' }`). */
  serviceNames?: Readonly<Partial<Record<'compute' | 'image' | 'volume' | 'network', string>>> | undefined;
  /** Nova microversion to use instead of negotiating (`"2.60"`, `"latest"`). */
  computeMicroversion?: string | undefined;
  /** An existing identity session to share (credentials options are then not allowed). */
  session?: IdentitySession | undefined;
  /** Provider id for errors, traces and the User-Agent (default `openstack`). */
  provider?: string | undefined;
  /** TLS settings; verification stays on unless `rejectUnauthorized: false`. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false` for none. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Debug trace file (redacted); default `CLOUDMUX_DEBUG`. */
  debugFile?: string | undefined;
  /** Poll interval of waits (`waitUntilRunning` default, `createNode` with `ex.wait`), ms (default 2000). */
  pollIntervalMs?: number | undefined;
}

/** The option names (for validation messages). */
export const OPENSTACK_DRIVER_OPTIONS: readonly string[] = Object.freeze([
  'authUrl',
  'identityApiVersion',
  'credentials',
  'userId',
  'userDomainName',
  'userDomainId',
  'projectName',
  'projectId',
  'projectDomainName',
  'projectDomainId',
  'region',
  'interface',
  'endpointOverrides',
  'serviceNames',
  'computeMicroversion',
  'session',
  'provider',
  'tls',
  'timeoutMs',
  'retry',
  'debugFile',
  'pollIntervalMs',
]);

/** Overrides of `OpenStackNodeDriver.fromEnv` (credentials come from the environment / clouds.yaml). */
export type OpenStackFromEnvOptions = Pick<
  OpenStackDriverOptions,
  | 'provider'
  | 'region'
  | 'interface'
  | 'endpointOverrides'
  | 'serviceNames'
  | 'computeMicroversion'
  | 'pollIntervalMs'
  | 'tls'
  | 'timeoutMs'
  | 'retry'
  | 'debugFile'
> & {
  /** Where and which cloud to read (`cloud` instead of `OS_CLOUD`, `cwd`, `homeDir`, `etcDir`). */
  config?: ResolveOpenStackConfigOptions | undefined;
};

/** The option names `fromEnv` accepts. */
export const FROM_ENV_OPTIONS: readonly string[] = Object.freeze([
  'provider',
  'region',
  'interface',
  'endpointOverrides',
  'serviceNames',
  'computeMicroversion',
  'pollIntervalMs',
  'tls',
  'timeoutMs',
  'retry',
  'debugFile',
  'config',
]);

/** Validated settings of a driver. */
export interface OpenStackSettings {
  /** Provider id. */
  readonly provider: string;
  /** Region asked for, if any. */
  readonly region: string | undefined;
  /** Catalog service names. */
  readonly serviceNames: Readonly<Partial<Record<'compute' | 'image' | 'volume' | 'network', string>>>;
  /** Pinned Nova microversion, if any. */
  readonly computeMicroversion: string | undefined;
  /** Default poll interval (ms). */
  readonly pollIntervalMs: number;
}

const CREDENTIAL_KEYS = [
  'authUrl',
  'identityApiVersion',
  'credentials',
  'userId',
  'userDomainName',
  'userDomainId',
  'projectName',
  'projectId',
  'projectDomainName',
  'projectDomainId',
  'endpointOverrides',
  'interface',
  'tls',
  'timeoutMs',
  'retry',
  'debugFile',
] as const;

function scopeOf(o: OpenStackDriverOptions): IdentityScope | undefined {
  const scope: IdentityScope = {
    projectId: o.projectId,
    projectName: o.projectName,
    projectDomainId: o.projectDomainId,
    projectDomainName:
      o.projectDomainName ??
      (o.projectName !== undefined && o.projectDomainId === undefined
        ? (o.userDomainName ?? (o.userDomainId === undefined ? 'Default' : undefined))
        : undefined),
  };
  if (scope.projectName !== undefined && scope.projectDomainName === undefined && scope.projectDomainId === undefined)
    scope.projectDomainId = o.userDomainId;
  return scope.projectId !== undefined || scope.projectName !== undefined ? scope : undefined;
}

function credentialsOf(
  provider: string,
  username: string | undefined,
  password: string | undefined,
  o: OpenStackDriverOptions,
): IdentityCredentials {
  if (o.credentials !== undefined) {
    if (username !== undefined || password !== undefined)
      throw new InvalidArgumentError(`${provider}: give either username/password or options.credentials, not both`, { provider });
    return o.credentials;
  }
  if (password === undefined || password === '')
    throw new InvalidArgumentError(`${provider}: a password (second argument) or options.credentials is required`, { provider });
  if ((username === undefined || username === '') && o.userId === undefined)
    throw new InvalidArgumentError(`${provider}: a username (first argument) or options.userId is required`, { provider });
  const version = o.identityApiVersion ?? (/\/v2\.0\/?$/.test(o.authUrl ?? '') ? '2.0' : '3');
  if (version !== '3' && version !== '2.0')
    throw new InvalidArgumentError(`${provider}: identityApiVersion "${String(version)}" is not one of 3, 2.0`, { provider });
  if (version === '2.0') return { type: 'v2password', username: username ?? '', password };
  return {
    type: 'v3password',
    username: username === '' ? undefined : username,
    userId: o.userId,
    userDomainName: o.userDomainName ?? (o.userDomainId === undefined && o.userId === undefined ? 'Default' : undefined),
    userDomainId: o.userDomainId,
    password,
  };
}

/** Validates the constructor arguments; returns the session (new or shared) and the settings. */
export function resolveDriverOptions(
  username: string | undefined,
  password: string | undefined,
  options: OpenStackDriverOptions,
): { session: IdentitySession; settings: OpenStackSettings } {
  const provider = options.provider ?? options.session?.provider ?? 'openstack';
  assertKnownOptions(`${provider} driver`, options, OPENSTACK_DRIVER_OPTIONS);
  const poll = options.pollIntervalMs ?? 2000;
  if (!Number.isFinite(poll) || poll < 10)
    throw new InvalidArgumentError(`${provider}: pollIntervalMs must be a number >= 10, got ${String(poll)}`, { provider });
  const names = options.serviceNames ?? {};
  assertKnownOptions(`${provider} driver serviceNames`, names, ['compute', 'image', 'volume', 'network']);
  let session = options.session;
  if (session) {
    const clash = CREDENTIAL_KEYS.filter((k) => options[k] !== undefined);
    if (clash.length > 0 || username !== undefined || password !== undefined)
      throw new InvalidArgumentError(
        `${provider}: options.session already carries credentials and connection settings; drop ${[...clash, ...(username !== undefined ? ['username'] : [])].join(', ')}`,
        { provider },
      );
  } else {
    if (options.authUrl === undefined)
      throw new InvalidArgumentError(`${provider}: options.authUrl (Keystone URL, OS_AUTH_URL) is required`, { provider });
    const sessionOptions: IdentitySessionOptions = {
      provider,
      authUrl: options.authUrl,
      credentials: credentialsOf(provider, username, password, options),
      scope: scopeOf(options),
      region: options.region,
      interface: options.interface,
      endpointOverrides: options.endpointOverrides,
      connection: {
        ...(options.tls !== undefined ? { tls: options.tls } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.retry !== undefined ? { retry: options.retry } : {}),
        ...(options.debugFile !== undefined ? { debugFile: options.debugFile } : {}),
      },
    };
    session = new IdentitySession(sessionOptions);
  }
  return {
    session,
    settings: Object.freeze({
      provider,
      region: options.region ?? session.region,
      serviceNames: Object.freeze({ ...names }),
      computeMicroversion: options.computeMicroversion,
      pollIntervalMs: poll,
    }),
  };
}
