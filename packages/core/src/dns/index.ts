/**
 * DNS: zones and records, with BIND export for every driver.
 * @module
 */
export * from './record-type.js';
export * from './resources.js';
export * from './options.js';
export * from './capabilities.js';
export * from './base-driver.js';
export * from './bind-format.js';
export * from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { SetDriverOptions } from '../common/registry.js';
