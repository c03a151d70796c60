/**
 * cloudmux: one typed, promise-based API over many cloud providers.
 *
 * ```ts
 * import { getDriver, Provider } from 'cloudmux';
 * const Joyent = getDriver(Provider.JOYENT);
 * ```
 * The root re-exports the whole compute API (`import { Node, NodeState } from 'cloudmux'` is
 * `cloudmux/compute`); storage, DNS and load balancers live in
 * `cloudmux/storage`, `cloudmux/dns` and `cloudmux/loadbalancer` (also as namespaces here). The price lookups
 * `getSizePrice` and `getPricing` of `@cloudmux/core/pricing` are re-exported too.
 * @module
 */
// The root is `cloudmux/compute`: every compute export (Node, NodeState, NodeSize, NodeDriver, options
// types...) is importable from 'cloudmux' directly. The explicit line keeps the overloaded getDriver.
export * from './compute/index.js';
export { getDriver, setDriver, Provider, type ComputeDrivers } from './compute/index.js';
export * as compute from './compute/index.js';
export * as storage from './storage/index.js';
export * as dns from './dns/index.js';
export * as loadbalancer from './loadbalancer/index.js';
export * from '@cloudmux/core/errors';
export { getPricing, getSizePrice, type PricingApi, type ProviderPricing, type SizePrice } from '@cloudmux/core/pricing';
export { VERSION } from '@cloudmux/core';
