/**
 * State of the simulated Cloud Files CDN: per account, the containers that were ever CDN-enabled (with
 * their settings and generated URIs), and the purges requested.
 * @module
 */
import { createHash } from 'node:crypto';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';

/** Rackspace's default CDN TTL (72 hours). */
export const SIM_CDN_DEFAULT_TTL = 259_200;

/** The CDN URIs of one container. */
export interface CdnSimUris {
  http: string;
  https: string;
  streaming: string;
  ios: string;
}

/** One container of the CDN service (kept after disabling: the listing shows every container ever enabled). */
export interface CdnSimContainer {
  name: string;
  enabled: boolean;
  ttl: number;
  logRetention: boolean;
  uris: CdnSimUris;
}

/** One purge request. */
export interface CdnSimPurge {
  account: string;
  container: string;
  object: string;
  email: string | undefined;
  /** Simulator clock (ms). */
  at: number;
}

/** The CDN store (in `world.stores.rackspaceCdn`). */
export class CdnStore {
  /** Account (`AUTH_<project>`) → container name → CDN settings. */
  readonly accounts = new Map<string, Map<string, CdnSimContainer>>();
  /** Purges, oldest first. */
  readonly purges: CdnSimPurge[] = [];

  /** The CDN containers of an account (created on first use). */
  account(name: string): Map<string, CdnSimContainer> {
    let a = this.accounts.get(name);
    if (!a) {
      a = new Map();
      this.accounts.set(name, a);
    }
    return a;
  }
}

const STORE_KEY = 'rackspaceCdn';

/** The world's CDN store, created on first use. */
export function cdnStore(world: SimulatorWorld): CdnStore {
  let store = world.stores[STORE_KEY] as CdnStore | undefined;
  if (!store) {
    store = new CdnStore();
    world.stores[STORE_KEY] = store;
  }
  return store;
}

function hex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

/**
 * The URIs Rackspace generates for a container (the 2012+ format: `<20 hex>-<32 hex>` where the second
 * part identifies the account): `http://….r<nn>.cf1.rackcdn.com`, `https://….ssl.cf1.rackcdn.com`,
 * `http://….r<nn>.stream.cf1.rackcdn.com`, `http://….iosr.cf1.rackcdn.com`. Stable per account and container.
 */
export function cdnUris(account: string, container: string): CdnSimUris {
  const acct = hex('account', account).slice(0, 32);
  const node = String(parseInt(hex('node', account, container).slice(0, 4), 16) % 100).padStart(2, '0');
  const host = (kind: string): string => `${hex(kind, account, container).slice(0, 20)}-${acct}`;
  return {
    http: `http://${host('http')}.r${node}.cf1.rackcdn.com`,
    https: `https://${host('ssl')}.ssl.cf1.rackcdn.com`,
    streaming: `http://${host('stream')}.r${node}.stream.cf1.rackcdn.com`,
    ios: `http://${host('ios')}.iosr.cf1.rackcdn.com`,
  };
}
