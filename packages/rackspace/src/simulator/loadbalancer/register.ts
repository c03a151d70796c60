/**
 * The simulated Rackspace Cloud Load Balancers API v1.0 under `/lbaas/v1.0/<account>`: token and account
 * checks, per-account balancers moving `BUILD` → `ACTIVE`, every write through `PENDING_UPDATE` (422
 * "immutable" meanwhile), deletes through `PENDING_DELETE` → `DELETED`, `limit`/`marker` paging with `next`
 * links, nodes and every settings sub-resource, and the API's JSON fault bodies.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { registerBalancerRoutes } from './routes-balancers.js';
import { registerNodeRoutes } from './routes-nodes.js';
import { registerSettingsRoutes } from './routes-settings.js';
import { clbStore } from './store.js';

export {
  ClbStore,
  clbStore,
  CLB_SIM_TIMINGS,
  CLB_SIM_PROTOCOLS,
  CLB_SIM_ALGORITHMS,
  type ClbSimBalancer,
  type ClbSimNode,
} from './store.js';

/** Adds this service's routes to the simulator. */
export function registerLoadBalancerRoutes(router: Router, world: SimulatorWorld): void {
  clbStore(world);
  registerBalancerRoutes(router, world);
  registerNodeRoutes(router, world);
  registerSettingsRoutes(router, world);
}
