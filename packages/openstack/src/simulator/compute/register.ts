/**
 * Nova routes of the OpenStack simulator, under `/compute/v2.1` (project id taken from the token).
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { registerServerActionRoutes } from './routes-actions.js';
import { registerComputeResourceRoutes } from './routes-resources.js';
import { registerServerRoutes } from './routes-servers.js';
import { computeStore } from './store.js';
import { imageStore } from '../image/store.js';

export { ComputeStore, computeStore, FAIL_BUILD_METADATA_KEY, NOVA_TIMINGS, serverStatus } from './store.js';
export { SIM_MAX_MICROVERSION, SIM_MIN_MICROVERSION } from './microversion.js';
export type { SimServer, SimFlavor, SimKeyPair, SimVmState } from './model.js';

/** Adds every Nova route and creates the compute (and image) stores. */
export function registerComputeRoutes(router: Router, world: SimulatorWorld): void {
  computeStore(world);
  imageStore(world);
  registerComputeResourceRoutes(router, world);
  registerServerRoutes(router, world);
  registerServerActionRoutes(router, world);
}
