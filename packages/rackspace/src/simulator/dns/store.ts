/**
 * State of the simulated Cloud DNS: per account, domains with their records, and the asynchronous jobs.
 * @module
 */
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';

/** One record; names are fully qualified, lower case, without the trailing dot. */
export interface DnsSimRecord {
  id: string;
  name: string;
  type: string;
  data: string;
  ttl: number;
  priority: number | undefined;
  comment: string | undefined;
  created: number;
  updated: number;
}

/** One domain. */
export interface DnsSimDomain {
  id: number;
  accountId: string;
  name: string;
  emailAddress: string;
  ttl: number;
  comment: string | undefined;
  created: number;
  updated: number;
  records: DnsSimRecord[];
}

/** Status of a job. */
export type DnsSimJobStatus = 'INITIALIZED' | 'RUNNING' | 'COMPLETED' | 'ERROR';

/** A job fault (`error` of a job in ERROR). */
export interface DnsSimFault {
  code: number;
  message: string;
  details?: string | undefined;
}

/** One asynchronous job. */
export interface DnsSimJob {
  jobId: string;
  account: string;
  status: DnsSimJobStatus;
  verb: string;
  requestUrl: string;
  request: string | undefined;
  response: unknown;
  error: DnsSimFault | undefined;
  created: number;
}

/** One account's state. */
export interface DnsSimAccount {
  domains: Map<number, DnsSimDomain>;
  jobs: Map<string, DnsSimJob>;
}

/** Name servers every simulated domain gets (Rackspace's). */
export const DNS_SIM_NAMESERVERS: readonly string[] = Object.freeze(['dns1.stabletransit.com', 'dns2.stabletransit.com']);

/** The Cloud DNS store (in `world.stores.rackspaceDns`). */
export class DnsSimStore {
  /** Account id → state. */
  readonly accounts = new Map<string, DnsSimAccount>();
  /** Simulated ms a job stays INITIALIZED before RUNNING (scaled by the simulator's speed). */
  jobStartMs = 100;
  /** Simulated ms from a job's creation to its end (scaled by the simulator's speed). */
  jobDurationMs = 1500;
  #domainSeq = 2_725_000;
  #recordSeq = 10_000_000;

  /** An account's state, created on first use. */
  account(id: string): DnsSimAccount {
    let a = this.accounts.get(id);
    if (!a) {
      a = { domains: new Map(), jobs: new Map() };
      this.accounts.set(id, a);
    }
    return a;
  }

  /** A new domain id. */
  nextDomainId(): number {
    return ++this.#domainSeq;
  }

  /** A new record id (`A-10000001`). */
  nextRecordId(type: string): string {
    return `${type}-${++this.#recordSeq}`;
  }
}

const STORE_KEY = 'rackspaceDns';

/** The world's Cloud DNS store, created on first use. */
export function dnsSimStore(world: SimulatorWorld): DnsSimStore {
  let store = world.stores[STORE_KEY] as DnsSimStore | undefined;
  if (!store) {
    store = new DnsSimStore();
    world.stores[STORE_KEY] = store;
  }
  return store;
}
