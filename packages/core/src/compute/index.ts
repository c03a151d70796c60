/**
 * Compute: nodes, sizes, images, locations, volumes, snapshots and key pairs.
 * @module
 */
export * from './node-state.js';
export * from './resources.js';
export * from './node.js';
export * from './options.js';
export * from './capabilities.js';
export * from './base-driver.js';
export * from './wait-until-running.js';
export * from './deploy-node.js';
export * from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { ProviderDefinition, RegionDefinition } from '../common/provider-definition.js';
export type { SetDriverOptions } from '../common/registry.js';
