/**
 * Load balancers: balancers, members, algorithms.
 * @module
 */
export * from './resources.js';
export * from './capabilities.js';
export * from './base-driver.js';
export * from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { SetDriverOptions } from '../common/registry.js';
