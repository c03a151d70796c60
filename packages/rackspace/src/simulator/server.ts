/**
 * The Rackspace simulator: the OpenStack simulator (Nova, Glance, Cinder, Neutron, Swift) behind Rackspace
 * Cloud Identity v2.0 (`RAX-KSKEY:apiKeyCredentials` and password, tokens scoped to the account without a
 * tenant), Rackspace's catalog names in all six regions, and the Rackspace-only APIs: Cloud Files CDN,
 * Cloud Load Balancers and Cloud DNS.
 * @module
 */
import type { Fault, SimulatorServer } from '@cloudmux/core/testing';
import { OpenStackSimulator, computeStore, type SimulatorWorld, type SimUser } from '@cloudmux/openstack/simulator';
import { RACKSPACE_SIM_CATALOG } from './catalog.js';
import { RACKSPACE_SIM_FLAVORS } from './flavors.js';
import { registerCdnRoutes } from './cdn/register.js';
import { registerDnsRoutes } from './dns/register.js';
import { registerLoadBalancerRoutes } from './loadbalancer/register.js';

/** A Rackspace account of the simulator. */
export interface RackspaceSimUser {
  /** Username. */
  username: string;
  /** API key (`RAX-KSKEY:apiKeyCredentials`). */
  apiKey: string;
  /** Password (`passwordCredentials`). */
  password: string;
  /** Account (tenant) name; default the username's account `<username>-account`. */
  account?: string | undefined;
}

/** Options of {@link RackspaceSimulator}. */
export interface RackspaceSimulatorOptions {
  /** Interface (default `127.0.0.1`). */
  host?: string | undefined;
  /** Port (default 0: any free port). */
  port?: number | undefined;
  /** Accounts (default one: `demo`, API key `demo-api-key`, password `secret`). */
  users?: readonly RackspaceSimUser[] | undefined;
  /** Time scale for state transitions: 10 runs them ten times faster (default 1). */
  speed?: number | undefined;
  /** Token lifetime in ms (default 24 h, as Rackspace's). */
  tokenLifetimeMs?: number | undefined;
  /** Largest page a listing returns (default 1000). */
  maxPageSize?: number | undefined;
  /** Keep only the newest this many request-log entries. */
  requestLogLimit?: number | undefined;
}

/** The default account. */
export const DEFAULT_RACKSPACE_SIM_USER: Readonly<RackspaceSimUser> = Object.freeze({
  username: 'demo',
  apiKey: 'demo-api-key',
  password: 'secret',
});

/** A running (or not yet started) Rackspace simulator. */
export class RackspaceSimulator {
  /** The OpenStack simulator underneath (its world holds every service's state). */
  readonly openstack: OpenStackSimulator;
  readonly #apiKeys = new Map<string, string>();

  constructor(options: RackspaceSimulatorOptions = {}) {
    const users = options.users ?? [DEFAULT_RACKSPACE_SIM_USER];
    for (const u of users) this.#apiKeys.set(u.username, u.apiKey);
    const apiKeys = this.#apiKeys;
    this.openstack = new OpenStackSimulator({
      host: options.host,
      port: options.port,
      requestLogLimit: options.requestLogLimit,
      region: 'DFW',
      extraRegions: ['ORD', 'IAD', 'LON', 'SYD', 'HKG'],
      tokenLifetimeMs: options.tokenLifetimeMs ?? 86_400_000,
      speed: options.speed,
      maxPageSize: options.maxPageSize,
      users: users.map((u) => {
        const account = u.account ?? `${u.username}-account`;
        return { name: u.username, password: u.password, projects: [account], defaultProject: account, roles: ['member', 'reader'] };
      }),
      catalogServices: RACKSPACE_SIM_CATALOG,
      v2ScopeToDefaultProject: true,
      v2Credentials: {
        'RAX-KSKEY:apiKeyCredentials': (cred, world): SimUser | undefined => {
          const username = typeof cred.username === 'string' ? cred.username : undefined;
          const apiKey = typeof cred.apiKey === 'string' ? cred.apiKey : undefined;
          if (username === undefined || apiKey === undefined || apiKeys.get(username) !== apiKey) return undefined;
          return world.identity.findUser({ name: username, domainId: 'default' });
        },
      },
      extensions: [registerCdnRoutes, registerLoadBalancerRoutes, registerDnsRoutes],
    });
    const flavors = computeStore(this.openstack.world).flavors;
    flavors.clear();
    for (const f of RACKSPACE_SIM_FLAVORS) flavors.set(f.id, { ...f, extraSpecs: { ...f.extraSpecs } });
  }

  /** Creates and starts a simulator. */
  static async start(options: RackspaceSimulatorOptions = {}): Promise<RackspaceSimulator> {
    const sim = new RackspaceSimulator(options);
    await sim.start();
    return sim;
  }

  /** Starts listening. Idempotent. */
  async start(): Promise<void> {
    await this.openstack.start();
  }

  /** Stops scheduled work and the server. Idempotent. */
  async stop(): Promise<void> {
    await this.openstack.stop();
  }

  /** Base URL `http://127.0.0.1:PORT`. */
  get url(): string {
    return this.openstack.url;
  }

  /** Cloud Identity v2.0 URL: what a driver's `identity` option takes. */
  get identityUrl(): string {
    return `${this.openstack.url}/identity/v2.0`;
  }

  /** Shared state (clock, tokens, stores of every service). */
  get world(): SimulatorWorld {
    return this.openstack.world;
  }

  /** The kit server: `injectFault`, `requests`, `clearFaults`, `clearRequests`. */
  get server(): SimulatorServer {
    return this.openstack.server;
  }

  /** Injects a fault (core fault kit) for the next matching requests. */
  injectFault(fault: Fault): void {
    this.openstack.injectFault(fault);
  }

  /** The account (tenant) id of a user, as it appears in endpoint URLs. */
  accountId(username = DEFAULT_RACKSPACE_SIM_USER.username): string {
    const user = this.world.identity.findUser({ name: username, domainId: 'default' });
    const id = user?.defaultProjectId;
    if (id === undefined) throw new Error(`RackspaceSimulator: no user ${JSON.stringify(username)}`);
    return id;
  }

  /** Revokes every token issued so far; returns how many. */
  revokeAllTokens(): number {
    return this.openstack.revokeAllTokens();
  }

  /** Moves the simulator clock forward (expires tokens without waiting). */
  advanceClock(ms: number): void {
    this.openstack.advanceClock(ms);
  }
}
