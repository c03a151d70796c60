import type { LoadBalancerDriver } from './base-driver.js';
import { sameResource } from '../common/same-resource.js';

function attach(target: object, driver: LoadBalancerDriver): void {
  Object.defineProperty(target, 'driver', { value: driver, enumerable: false, writable: false });
}

/** Balancing algorithms. */
export const Algorithm = {
  RANDOM: 'random',
  ROUND_ROBIN: 'round-robin',
  LEAST_CONNECTIONS: 'least-connections',
  WEIGHTED_ROUND_ROBIN: 'weighted-round-robin',
  WEIGHTED_LEAST_CONNECTIONS: 'weighted-least-connections',
  SHORTEST_RESPONSE: 'shortest-response',
  PERSISTENT_IP: 'persistent-ip',
} as const;
/** One of the {@link Algorithm} values. */
export type Algorithm = (typeof Algorithm)[keyof typeof Algorithm];

/** Balancer states. */
export const LoadBalancerState = {
  RUNNING: 'running',
  PENDING: 'pending',
  UNKNOWN: 'unknown',
  ERROR: 'error',
  DELETED: 'deleted',
} as const;
/** One of the {@link LoadBalancerState} values. */
export type LoadBalancerState = (typeof LoadBalancerState)[keyof typeof LoadBalancerState];

/** Fields of a {@link Member}. */
export interface MemberInit<E extends object = object> {
  id: string;
  ip: string;
  port: number;
  /** Balancer id, if known. */
  balancerId?: string | undefined;
  extra?: E;
}

/** A balancer member (backend). */
export class Member<E extends object = object> {
  /** Member id. */
  readonly id: string;
  /** Address. */
  readonly ip: string;
  /** Port. */
  readonly port: number;
  /** Balancer id. */
  readonly balancerId: string | undefined;
  /** Provider-specific data. */
  readonly extra: E;
  constructor(init: MemberInit<E>) {
    this.id = init.id;
    this.ip = init.ip;
    this.port = init.port;
    this.balancerId = init.balancerId;
    this.extra = init.extra ?? ({} as E);
  }

  /** Whether `other` is the same member: same id on the same balancer (a member carries no driver). */
  equals(other: unknown): boolean {
    return other instanceof Member && other.id === this.id && other.balancerId === this.balancerId;
  }
}

/** Fields of a {@link LoadBalancer}. */
export interface LoadBalancerInit<E extends object = object> {
  id: string;
  name: string;
  state: LoadBalancerState;
  ip: string | undefined;
  port: number;
  extra?: E;
}

/** A load balancer. */
export class LoadBalancer<E extends object = object> {
  /** Id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** State. */
  readonly state: LoadBalancerState;
  /** Public address, if any. */
  readonly ip: string | undefined;
  /** Listening port. */
  readonly port: number;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: LoadBalancerDriver;
  constructor(init: LoadBalancerInit<E>, driver: LoadBalancerDriver) {
    this.id = init.id;
    this.name = init.name;
    this.state = init.state;
    this.ip = init.ip;
    this.port = init.port;
    this.extra = init.extra ?? ({} as E);
    attach(this, driver);
  }

  /** Whether `other` is the same balancer: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.id);
  }
}
