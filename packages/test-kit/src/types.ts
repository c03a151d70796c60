import type { CreateNodeOptions } from '@cloudmux/core/compute';

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
