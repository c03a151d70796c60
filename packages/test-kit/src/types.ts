import type { CreateNodeOptions, Node } from '@cloudmux/core/compute';
import type { CreateBalancerOptions } from '@cloudmux/core/loadbalancer';
import type { Fault, RequestLogEntry } from '@cloudmux/core/testing';

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
  pollIntervalMs?: number | undefined;
  /** @deprecated Use {@link ConformanceOptions.pollIntervalMs}; honoured when `pollIntervalMs` is absent. */
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

/** The simulator side of a secrets check: fault injection and the request log (a core `SimulatorServer` fits). */
export interface SecretsCheckServer {
  /** Injects a fault (reset, hang, a 200 with a malformed body). */
  injectFault(fault: Fault): void;
  /** Removes pending faults. */
  clearFaults(): void;
  /** Requests received; their signatures and tokens count as credentials. */
  readonly requests: readonly RequestLogEntry[];
}

/** What a secrets check's `setup` returns. */
export interface SecretsCheckSetup<D> extends ConformanceSetup<D> {
  /**
   * Every credential the driver was built with (private key PEM, secret key, session token, password...):
   * none may appear in the trace, an error, or `util.inspect` of the driver or a node.
   */
  credentials: readonly string[];
  /**
   * Public values that legitimately share text with a credential (an RSA public key repeats the modulus
   * of its private key): a secret form found inside one of them is not searched for.
   */
  publicValues?: readonly string[] | undefined;
  /** The simulator's server, for HTTP drivers (omit with `faults: false`). */
  server?: SecretsCheckServer | undefined;
}

/** Options of `describeSecretsCheck`. */
export interface SecretsCheckOptions<D> {
  /** Suite name shown by jest. */
  name: string;
  /**
   * Builds a fresh driver; called with `CLOUDMUX_DEBUG` set to `trace.debugFile` (pass it as a
   * connection `debugFile` where the driver has one). Give the driver a short per-request timeout
   * (the hang fault must time out) and few, fast retries.
   */
  setup(trace: { debugFile: string }): Promise<SecretsCheckSetup<D>>;
  /** createNode options carrying secrets (machine passwords, metadata, user data) and those secret values. */
  createNodeOptions(driver: D): Promise<{ options: CreateNodeOptions; secrets: readonly string[] }>;
  /** Run the fault tests (reset, hang, malformed body) through `server` (default true; false for drivers without HTTP). */
  faults?: boolean | undefined;
  /** Bodies served with status 200 for the malformed-body test; default: truncated JSON echoing the secrets. */
  malformedBodies?(secrets: readonly string[]): readonly string[];
  /** Longest single call (default 10000 ms), for jest timeouts. */
  timeoutMs?: number | undefined;
}
