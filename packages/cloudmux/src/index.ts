/**
 * cloudmux: one typed, promise-based API over many cloud providers.
 *
 * ```ts
 * import { getDriver, Provider } from 'cloudmux';
 * const Joyent = getDriver(Provider.JOYENT);
 * ```
 * The root re-exports the compute API; storage, DNS and load balancers live in
 * `cloudmux/storage`, `cloudmux/dns` and `cloudmux/loadbalancer` (also as namespaces here).
 * @module
 */
export { getDriver, setDriver, Provider, type ComputeDrivers } from './compute/index.js';
export * as compute from './compute/index.js';
export * as storage from './storage/index.js';
export * as dns from './dns/index.js';
export * as loadbalancer from './loadbalancer/index.js';
export * from '@cloudmux/core/errors';
export { VERSION } from '@cloudmux/core';
