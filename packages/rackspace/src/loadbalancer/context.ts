import type { LoadBalancerDriver } from '@cloudmux/core/loadbalancer';
import type { LoadBalancerClient } from './client.js';

/** What the resource modules of the Cloud Load Balancers driver share. */
export interface LbContext {
  /** Provider id. */
  readonly provider: string;
  /** The region's client. */
  readonly client: LoadBalancerClient;
  /** The driver (owner of returned balancers). */
  readonly driver: LoadBalancerDriver;
  /** Whether writes wait for `ACTIVE` (see `RackspaceLoadBalancerOwnOptions.waitForActive`). */
  readonly waitForActive: boolean;
  /** Poll interval in ms. */
  readonly pollIntervalMs: number;
  /** Total wait of a write in ms. */
  readonly waitTimeoutMs: number;
  /** List page size. */
  readonly pageSize: number;
}

/** The URL path of a balancer (ids are checked by the caller). */
export function balancerPath(id: string, sub?: string): string {
  return `loadbalancers/${encodeURIComponent(id)}${sub !== undefined ? `/${sub}` : ''}`;
}
