/**
 * `@cloudmux/core`: shared pieces. Import APIs from their subpaths
 * (`@cloudmux/core/compute`, `/storage`, `/dns`, `/loadbalancer`, `/http`, `/errors`, `/pricing`, `/testing`).
 * @module
 */
// The error hierarchy is part of the root too (its own list is explicit in errors/index.ts).
export * from './errors/index.js';
export { assertKnownOptions, assertOneOf, type CallOptions } from './common/options.js';
export { sleep, throwIfAborted } from './common/abort.js';
export { drain, mapSettled } from './common/iterate.js';
export { collectPagesAhead, type ReadAheadListing, type ReadAheadPage } from './common/read-ahead.js';
export { type Capabilities, notSupported } from './common/capabilities.js';
export { DriverBase, portableApi, type PortableApi } from './common/driver-base.js';
export { lookup, type LookupTable, lookupTable } from './common/lookup-table.js';
export { type ProviderDefinition, type RegionDefinition } from './common/provider-definition.js';
export {
  type ArgumentContext,
  checkExKeys,
  type DurationBounds,
  MAX_DURATION_MS,
  MIN_POLL_INTERVAL_MS,
  pollIntervalOption,
  requireDuration,
  requireId,
  requireNonBlank,
  requirePathSegment,
  requireRefId,
  resolvePollInterval,
} from './common/validate.js';
export { DriverRegistry, registryFunctions, type GetDriver, type SetDriver, type SetDriverOptions } from './common/registry.js';
export { VERSION } from './version.js';
