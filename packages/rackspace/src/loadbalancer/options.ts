/**
 * Options of the Cloud Load Balancers driver and its calls, and the typed shapes of its `ex` methods.
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import type { RackspaceAuthOptions } from '../identity/index.js';
import type { ClbConnectionThrottle, ClbHealthMonitor, ClbNetworkItem, ClbSslTermination } from './wire.js';

/** Options of `RackspaceLoadBalancerDriver` besides {@link RackspaceAuthOptions}. */
export interface RackspaceLoadBalancerOwnOptions {
  /** Poll interval while waiting for a balancer to be `ACTIVE` (default 5000; Rackspace asks for 5 to 10 s; at least 100). */
  pollIntervalMs?: number | undefined;
  /**
   * Whether writes wait for the balancer (default true): a write refused with 422 "immutable" waits for
   * `ACTIVE` and is sent again, and every write returns once the balancer is `ACTIVE` again, so writes can
   * follow each other. `false` sends each write once and returns at once; a busy balancer then surfaces as
   * `RackspaceBalancerBusyError` (retryable).
   */
  waitForActive?: boolean | undefined;
  /** How long a write waits for the balancer in total (default 600000 = 10 minutes). */
  waitTimeoutMs?: number | undefined;
  /** Balancers per list request (`limit`, 1 to 100; default 100). */
  pageSize?: number | undefined;
}

/** Options of `RackspaceLoadBalancerDriver`: Rackspace auth (region required) plus {@link RackspaceLoadBalancerOwnOptions}. */
export type RackspaceLoadBalancerOptions = RackspaceAuthOptions & RackspaceLoadBalancerOwnOptions;

/** The option names of {@link RackspaceLoadBalancerOwnOptions}. */
export const RACKSPACE_LB_DRIVER_OPTIONS: readonly string[] = Object.freeze([
  'pollIntervalMs',
  'waitForActive',
  'waitTimeoutMs',
  'pageSize',
]);

/** Virtual IP types of a new balancer. */
export type RackspaceVirtualIpType = 'PUBLIC' | 'SERVICENET';

/** `ex` of `createBalancer`. */
export interface RackspaceCreateBalancerEx {
  /** Virtual IP type (default `PUBLIC`: an IPv4 and an IPv6 address; `SERVICENET`: a private IPv4 address). */
  virtualIpType?: RackspaceVirtualIpType | undefined;
  /** Share the virtual IP with this id (of another balancer; ports must differ) instead of a new one. */
  virtualIpId?: number | undefined;
  /** Idle timeout in seconds (1 to 120; Rackspace's default 30). */
  timeout?: number | undefined;
  /** Half-closed TCP connections. */
  halfClosed?: boolean | undefined;
}

/** Node conditions. */
export type RackspaceNodeCondition = 'ENABLED' | 'DISABLED' | 'DRAINING';

/** Node types. */
export type RackspaceNodeType = 'PRIMARY' | 'SECONDARY';

/** Options of `exUpdateMember`: what to change (at least one). */
export interface RackspaceUpdateMemberOptions extends CallOptions {
  /** Condition: `ENABLED`, `DISABLED` or `DRAINING` (finish open connections, take no new ones). */
  condition?: RackspaceNodeCondition | undefined;
  /** Weight for the weighted algorithms (1 to 100). */
  weight?: number | undefined;
  /** `PRIMARY` or `SECONDARY` (used only when every primary is down). */
  type?: RackspaceNodeType | undefined;
}

/** Options of `exWaitForActive`. */
export interface RackspaceWaitOptions extends CallOptions {
  /** Give up after this long (default the driver's `waitTimeoutMs`). */
  timeoutMs?: number | undefined;
  /** Poll interval (default the driver's `pollIntervalMs`). */
  pollIntervalMs?: number | undefined;
}

/** A health monitor: `CONNECT` (TCP connect) or `HTTP`/`HTTPS` (with path and regular expressions). */
export type RackspaceHealthMonitor = ClbHealthMonitor;

/** Session persistence types. */
export type RackspacePersistenceType = 'HTTP_COOKIE' | 'SOURCE_IP';

/** Connection throttling settings. */
export type RackspaceConnectionThrottle = ClbConnectionThrottle;

/** An access list entry (`id` is set on entries read back). */
export type RackspaceAccessListItem = ClbNetworkItem;

/** SSL termination settings (`privatekey` is sent, never read back). */
export type RackspaceSslTermination = ClbSslTermination;
