/**
 * Swift routes of the OpenStack simulator: tempauth at `/auth/v1.0`, `/swift/info`, and accounts
 * `AUTH_<project id>` under `/swift/v1` (the catalog's `object-store` endpoint). Every reply carries
 * `X-Trans-Id` (also as `X-Openstack-Request-Id`).
 * @module
 */
import { jsonReply, type Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { registerTempAuthRoutes } from './auth.js';
import { registerSwiftContainerRoutes } from './routes-containers.js';
import { registerSwiftObjectRoutes } from './routes-objects.js';
import { swiftStore } from './store.js';

export { SwiftStore, swiftStore, type SwiftSimAccount, type SwiftSimContainer, type SwiftSimObject } from './store.js';
export { SWIFT_PREFIX } from './auth.js';
export { transId as swiftTransId } from './replies.js';

/** The `/info` document (capabilities) the simulated Swift advertises. */
export const SWIFT_SIM_INFO = Object.freeze({
  swift: {
    version: '2.30.1',
    max_file_size: 5 * 1024 ** 3,
    container_listing_limit: 10_000,
    account_listing_limit: 10_000,
    max_meta_count: 90,
  },
  tempurl: { methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'], allowed_digests: ['sha1', 'sha256', 'sha512'] },
  slo: { max_manifest_segments: 1000, max_manifest_size: 8 * 1024 * 1024, min_segment_size: 1 },
});

/** Adds every Swift route and creates the Swift store. */
export function registerSwiftRoutes(router: Router, world: SimulatorWorld): void {
  swiftStore(world);
  registerTempAuthRoutes(router, world);
  router.add('GET', '/swift/info', () => jsonReply(200, SWIFT_SIM_INFO));
  registerSwiftContainerRoutes(router, world);
  registerSwiftObjectRoutes(router, world);
}
