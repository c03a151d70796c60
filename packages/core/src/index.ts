/**
 * `@cloudmux/core`: shared pieces. Import APIs from their subpaths
 * (`@cloudmux/core/compute`, `/storage`, `/dns`, `/loadbalancer`, `/http`, `/errors`, `/pricing`, `/testing`).
 * @module
 */
export * from './errors/index.js';
export * from './common/options.js';
export * from './common/abort.js';
export * from './common/iterate.js';
export * from './common/capabilities.js';
export { DriverBase, portableApi, type PortableApi } from './common/driver-base.js';
export * from './common/lookup-table.js';
export * from './common/provider-definition.js';
export * from './common/validate.js';
export { DriverRegistry, registryFunctions, type GetDriver, type SetDriver, type SetDriverOptions } from './common/registry.js';
export { VERSION } from './version.js';
