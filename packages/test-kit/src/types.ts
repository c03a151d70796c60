import type { CreateNodeOptions, Node } from '@cloudmux/core/compute';
import type { CreateBalancerOptions } from '@cloudmux/core/loadbalancer';

/** What `setup` returns: a fresh driver and how to dispose of it. */
export interface ConformanceSetup<D> {
  /** The driver under test. */
  driver: D;
  /** Stops servers, removes temp dirs... (called after every test). */
  teardown(): Promise<void>;
}

/** Options of every `describe*Conformance` suite. */
export interface ConformanceOptions<D> {
  /** Suite name shown by jest (`joyent`, `local`...). */
  name: string;
  /** Builds a fresh driver; called before every test. */
  setup(): Promise<ConformanceSetup<D>>;
  /** Poll interval while waiting for state changes (default 500 ms). */
  waitPeriodMs?: number | undefined;
  /** Longest wait for one state change (default 60000 ms). */
  timeoutMs?: number | undefined;
}

/** Options of `describeComputeConformance`. */
export interface ComputeConformanceOptions<D> extends ConformanceOptions<D> {
  /** Size, image (and location...) for test nodes; default: the first size and image listed. */
  createNodeOptions?(driver: D): Promise<CreateNodeOptions>;
}

/** Options of `describeStorageConformance`. */
export type StorageConformanceOptions<D> = ConformanceOptions<D>;

/** Options of `describeDnsConformance`. */
export type DnsConformanceOptions<D> = ConformanceOptions<D>;

/** The balancer settings the load balancer suite creates test balancers with. */
export type TestBalancerSettings = Pick<CreateBalancerOptions, 'port' | 'protocol' | 'algorithm'>;

/** Options of `describeLoadBalancerConformance`. */
export interface LoadBalancerConformanceOptions<D> extends ConformanceOptions<D> {
  /**
   * Port, protocol (and algorithm) of test balancers; default: port 8080 and `http` when the
   * driver lists it (else its first listed protocol).
   */
  balancerSettings?(driver: D): Promise<TestBalancerSettings>;
  /**
   * A compute node for `balancerAttachComputeNode`; default: a detached `Node` value with the
   * documentation address 192.0.2.44 (the balancer only needs its address).
   */
  computeNode?(driver: D): Promise<Node>;
}
