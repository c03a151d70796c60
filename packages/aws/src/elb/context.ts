import type { LoadBalancerDriver } from '@cloudmux/core/loadbalancer';
import type { ElbSettings } from './options.js';
import type { AwsQueryClient } from './query-client.js';

/** What the operation modules need from a driver instance (classic ELB and ELBv2 alike). */
export interface ElbContext {
  /** Provider id for errors. */
  readonly provider: string;
  /** The Query API client. */
  readonly client: AwsQueryClient;
  /** The driver (back-reference for result objects). */
  readonly driver: LoadBalancerDriver;
  /** Resolved settings. */
  readonly settings: ElbSettings;
}
