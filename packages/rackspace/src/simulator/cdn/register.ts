/**
 * The Cloud Files CDN management API of the Rackspace simulator.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { registerCdnApiRoutes } from './routes.js';

export { CdnStore, cdnStore, cdnUris, type CdnSimContainer, type CdnSimPurge, type CdnSimUris } from './store.js';
export { CDN_SIM_PREFIX } from './routes.js';

/** Adds the CDN routes (`/cdn/v1/AUTH_<project>/…`) and creates the CDN store. */
export function registerCdnRoutes(router: Router, world: SimulatorWorld): void {
  registerCdnApiRoutes(router, world);
}
