/**
 * Neutron v2.0 for the OpenStack simulator (`/network`, `/network/v2.0`).
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { registerNeutronRoutes } from './routes.js';
import { networkStore } from './store.js';

/** Registers the Neutron routes; creates `world.stores.network` (see `NetworkStore` for the compute hooks). */
export function registerNetworkRoutes(router: Router, world: SimulatorWorld): void {
  networkStore(world);
  registerNeutronRoutes(router, world);
}

export { NetworkStore, networkStore } from './store.js';
export {
  NEUTRON_TIMINGS,
  type SimNetwork,
  type SimSubnet,
  type SimPort,
  type SimFloatingIp,
  type SimSecurityGroup,
  type SimRule,
  type SimRouter,
} from './model.js';
