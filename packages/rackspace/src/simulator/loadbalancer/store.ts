/**
 * State of the simulated Cloud Load Balancers: every balancer (with its nodes, virtual IPs and settings)
 * keyed by id, each owned by one account, and the id counters.
 * @module
 */
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';

/** How long (simulated ms, divided by the simulator's speed) each transition takes. */
export const CLB_SIM_TIMINGS = Object.freeze({
  /** `BUILD` → `ACTIVE` after a create. */
  buildMs: 3000,
  /** `PENDING_UPDATE` → `ACTIVE` after a write. */
  updateMs: 1500,
  /** `PENDING_DELETE` → `DELETED` after a delete. */
  deleteMs: 2000,
});

/** Protocols the simulator offers, with their default ports (as `GET /loadbalancers/protocols` lists them). */
export const CLB_SIM_PROTOCOLS: readonly { name: string; port: number }[] = Object.freeze([
  { name: 'DNS_TCP', port: 53 },
  { name: 'DNS_UDP', port: 53 },
  { name: 'FTP', port: 21 },
  { name: 'HTTP', port: 80 },
  { name: 'HTTPS', port: 443 },
  { name: 'IMAPS', port: 993 },
  { name: 'IMAPv4', port: 143 },
  { name: 'LDAP', port: 389 },
  { name: 'LDAPS', port: 636 },
  { name: 'MYSQL', port: 3306 },
  { name: 'POP3', port: 110 },
  { name: 'POP3S', port: 995 },
  { name: 'SMTP', port: 25 },
  { name: 'TCP', port: 0 },
  { name: 'TCP_CLIENT_FIRST', port: 0 },
  { name: 'UDP', port: 0 },
  { name: 'UDP_STREAM', port: 0 },
  { name: 'SFTP', port: 22 },
  { name: 'TCP_STREAM', port: 0 },
]);

/** Algorithms the simulator offers. */
export const CLB_SIM_ALGORITHMS: readonly string[] = Object.freeze([
  'LEAST_CONNECTIONS',
  'RANDOM',
  'ROUND_ROBIN',
  'WEIGHTED_LEAST_CONNECTIONS',
  'WEIGHTED_ROUND_ROBIN',
]);

/** The default error page. */
export const CLB_SIM_DEFAULT_ERROR_PAGE = '<html><body><h1>Service Unavailable</h1>The service is temporarily unavailable.</body></html>';

/** A virtual IP. */
export interface ClbSimVip {
  id: number;
  address: string;
  type: 'PUBLIC' | 'SERVICENET';
  ipVersion: 'IPV4' | 'IPV6';
}

/** A node. */
export interface ClbSimNode {
  id: number;
  address: string;
  port: number;
  condition: string;
  status: string;
  weight: number;
  type: string;
}

/** An access list entry. */
export interface ClbSimNetworkItem {
  id: number;
  address: string;
  type: string;
}

/** A balancer. */
export interface ClbSimBalancer {
  id: number;
  account: string;
  name: string;
  protocol: string;
  port: number;
  algorithm: string;
  status: string;
  timeout: number;
  halfClosed: boolean;
  httpsRedirect: boolean;
  virtualIps: ClbSimVip[];
  nodes: ClbSimNode[];
  healthMonitor: Record<string, unknown> | undefined;
  sessionPersistence: string | undefined;
  connectionLogging: boolean;
  connectionThrottle: Record<string, number> | undefined;
  accessList: ClbSimNetworkItem[];
  sslTermination: Record<string, unknown> | undefined;
  errorPage: string | undefined;
  created: string;
  updated: string;
}

/** The Cloud Load Balancers store (in `world.stores.rackspaceLb`). */
export class ClbStore {
  /** Balancers by id (all accounts). */
  readonly balancers = new Map<number, ClbSimBalancer>();
  #nextBalancer = 1000;
  #nextNode = 5000;
  #nextVip = 100;
  #nextItem = 1;
  #nextV4 = 10;

  /** A new balancer id. */
  balancerId(): number {
    return ++this.#nextBalancer;
  }

  /** A new node id. */
  nodeId(): number {
    return ++this.#nextNode;
  }

  /** A new access list item id. */
  itemId(): number {
    return this.#nextItem++;
  }

  /** New virtual IPs: `PUBLIC` gives an IPv4 (203.0.113.0/24) and an IPv6 (2001:db8::/32); `SERVICENET` a 10.x IPv4. */
  newVips(type: 'PUBLIC' | 'SERVICENET'): ClbSimVip[] {
    const n = this.#nextV4++;
    const v4 = type === 'PUBLIC' ? `203.0.${113 + Math.floor(n / 250)}.${(n % 250) + 1}` : `10.183.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    const vips: ClbSimVip[] = [{ id: ++this.#nextVip, address: v4, type, ipVersion: 'IPV4' }];
    if (type === 'PUBLIC')
      vips.push({ id: 9_000_000 + ++this.#nextVip, address: `2001:db8:4801::${n.toString(16)}`, type, ipVersion: 'IPV6' });
    return vips;
  }

  /** The live (not `DELETED`) balancer `id` of `account`, or undefined. */
  find(account: string, id: string): ClbSimBalancer | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    const b = this.balancers.get(Number(id));
    return b && b.account === account && b.status !== 'DELETED' ? b : undefined;
  }

  /** Balancers of an account, by id. */
  ofAccount(account: string): ClbSimBalancer[] {
    return [...this.balancers.values()].filter((b) => b.account === account).sort((a, b) => a.id - b.id);
  }
}

const STORE_KEY = 'rackspaceLb';

/** The world's Cloud Load Balancers store (created on first use). */
export function clbStore(world: SimulatorWorld): ClbStore {
  let store = world.stores[STORE_KEY] as ClbStore | undefined;
  if (!store) {
    store = new ClbStore();
    world.stores[STORE_KEY] = store;
  }
  return store;
}
