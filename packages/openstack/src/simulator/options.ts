/**
 * Options of the OpenStack simulator and their defaults.
 * @module
 */

/** A user to create at start. */
export interface SimulatorUserSeed {
  /** Login name. */
  name: string;
  /** Password. */
  password: string;
  /** Fixed id (default: random 32 hex digits, like Keystone). */
  id?: string | undefined;
  /** Domain name (default `Default`, id `default`). */
  domain?: string | undefined;
  /** Projects (names, in the same domain) the user gets `roles` on; created when missing (default `[name of the first project]`). */
  projects?: readonly string[] | undefined;
  /** Roles on those projects (default `['member', 'reader']`). */
  roles?: readonly string[] | undefined;
  /** Roles on the user's domain, for domain-scoped tokens (default none). */
  domainRoles?: readonly string[] | undefined;
  /** Project the user's token is scoped to when the request names none (Keystone's `default_project_id`). */
  defaultProject?: string | undefined;
}

/** Options of {@link OpenStackSimulator}. */
export interface OpenStackSimulatorOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string | undefined;
  /** Port (default 0: any free port). */
  port?: number | undefined;
  /** Keep only the newest this many request log entries (default: all). */
  requestLogLimit?: number | undefined;
  /**
   * Users to create. Default: `demo`/`secret` with `member` on project `demo`, and `admin`/`secret` with
   * `admin` on project `admin` and on domain `Default`, all in domain `Default`.
   */
  users?: readonly SimulatorUserSeed[] | undefined;
  /** Region of every endpoint (default `RegionOne`). */
  region?: string | undefined;
  /** More regions whose endpoints point at this same server (for catalog-selection tests). */
  extraRegions?: readonly string[] | undefined;
  /** Service types left out of the catalog (e.g. `['compute']` for a cloud without Nova). */
  omitServices?: readonly string[] | undefined;
  /** Token lifetime (default 3600000 ms, Keystone's one hour). */
  tokenLifetimeMs?: number | undefined;
  /** Time scale for state transitions: 10 runs them ten times faster (default 1). */
  speed?: number | undefined;
  /** Largest page a listing returns (Nova `osapi_max_limit`, default 1000). */
  maxPageSize?: number | undefined;
}

/** Options with defaults applied. */
export interface ResolvedSimulatorOptions {
  /** Interface. */
  host: string;
  /** Port. */
  port: number;
  /** Request log limit. */
  requestLogLimit: number | undefined;
  /** Users. */
  users: readonly SimulatorUserSeed[];
  /** Main region. */
  region: string;
  /** Other regions. */
  extraRegions: readonly string[];
  /** Service types left out of the catalog. */
  omitServices: readonly string[];
  /** Token lifetime in ms. */
  tokenLifetimeMs: number;
  /** Time scale. */
  speed: number;
  /** Largest page. */
  maxPageSize: number;
}

/** The default users (see {@link OpenStackSimulatorOptions.users}). */
export const DEFAULT_SIMULATOR_USERS: readonly SimulatorUserSeed[] = Object.freeze([
  { name: 'demo', password: 'secret', projects: ['demo'], roles: ['member', 'reader'] },
  { name: 'admin', password: 'secret', projects: ['admin'], roles: ['admin', 'member', 'reader'], domainRoles: ['admin'] },
]);

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`OpenStackSimulator: ${name} must be a positive number, got ${String(value)}`);
  return value;
}

/** Applies defaults and checks values. */
export function resolveSimulatorOptions(options: OpenStackSimulatorOptions = {}): ResolvedSimulatorOptions {
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    requestLogLimit: options.requestLogLimit,
    users: options.users ?? DEFAULT_SIMULATOR_USERS,
    region: options.region ?? 'RegionOne',
    extraRegions: options.extraRegions ?? [],
    omitServices: options.omitServices ?? [],
    tokenLifetimeMs: positive('tokenLifetimeMs', options.tokenLifetimeMs, 3_600_000),
    speed: positive('speed', options.speed, 1),
    maxPageSize: Math.floor(positive('maxPageSize', options.maxPageSize, 1000)),
  };
}
