/**
 * Options of the OpenStack simulator and their defaults.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimUser } from './identity/model.js';
import type { SimulatorWorld } from './world.js';

/** A service in the simulated catalog (paths may hold `$(project_id)s`). */
export interface SimCatalogService {
  /** Catalog type, e.g. `compute`, `rax:dns`. */
  type: string;
  /** Catalog name, e.g. `nova`, `cloudServersOpenStack`. */
  name: string;
  /** Service id (32 hex digits). */
  id: string;
  /** Path on this simulator, e.g. `/compute/v2.1` or `/dns/v1.0/$(project_id)s`. */
  path: string;
  /** Interfaces offered (`public`, `internal`, `admin`). */
  interfaces: readonly string[];
  /** One endpoint without a region instead of one per region (a global service, e.g. Rackspace Cloud DNS). */
  global?: boolean | undefined;
}

/** Adds routes (a vendor's own services) to the simulator's router; called once, after the built-in services. */
export type SimulatorExtension = (router: Router, world: SimulatorWorld) => void;

/**
 * Checks a vendor credential member of a v2.0 `auth` object (e.g. `RAX-KSKEY:apiKeyCredentials`): returns the
 * user it authenticates, or `undefined` for Keystone's 401.
 */
export type V2CredentialVerifier = (credential: Record<string, unknown>, world: SimulatorWorld) => SimUser | undefined;

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
  /** The catalog's services instead of the built-in table ({@link CATALOG_SERVICES}), e.g. a vendor's names and extra services. */
  catalogServices?: readonly SimCatalogService[] | undefined;
  /** Route modules for more services (a vendor's own APIs), sharing this simulator's world (tokens, clock, stores). */
  extensions?: readonly SimulatorExtension[] | undefined;
  /** Vendor v2.0 credential types by their `auth` member name, e.g. `{ 'RAX-KSKEY:apiKeyCredentials': verify }`. */
  v2Credentials?: Readonly<Record<string, V2CredentialVerifier>> | undefined;
  /** v2.0 tokens requested without a tenant are scoped to the user's default project (as Rackspace does) instead of unscoped. */
  v2ScopeToDefaultProject?: boolean | undefined;
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
  /** Catalog services (undefined: the built-in table). */
  catalogServices: readonly SimCatalogService[] | undefined;
  /** Extra route modules. */
  extensions: readonly SimulatorExtension[];
  /** Vendor v2.0 credential types. */
  v2Credentials: Readonly<Record<string, V2CredentialVerifier>>;
  /** Scope tenant-less v2.0 tokens to the default project. */
  v2ScopeToDefaultProject: boolean;
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
    catalogServices: options.catalogServices,
    extensions: options.extensions ?? [],
    v2Credentials: options.v2Credentials ?? {},
    v2ScopeToDefaultProject: options.v2ScopeToDefaultProject ?? false,
  };
}
