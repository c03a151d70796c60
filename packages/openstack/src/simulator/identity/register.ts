/**
 * Keystone routes of the OpenStack simulator (v2.0 and v3 under `/identity`).
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { registerApplicationCredentialRoutes } from './routes-app-credentials.js';
import { registerV2Routes } from './routes-v2.js';
import { registerV3TokenRoutes } from './routes-v3.js';
import { registerIdentityVersionRoutes } from './versions.js';

/** Adds every Keystone route. */
export function registerIdentityRoutes(router: Router, world: SimulatorWorld): void {
  registerIdentityVersionRoutes(router, world);
  registerV3TokenRoutes(router, world);
  registerApplicationCredentialRoutes(router, world);
  registerV2Routes(router, world);
}
