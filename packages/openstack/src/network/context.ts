/**
 * What the Neutron functions need from the driver's context: the structural subset of `OpenStackContext`
 * (`src/compute/context.ts`).
 * @module
 */
import type { ServiceClient } from '../common/service-client.js';

/** The parts of `OpenStackContext` the network functions use. */
export interface NetworkContext {
  /** Neutron v2.0 (catalog type `network`). */
  readonly network: ServiceClient;
}
