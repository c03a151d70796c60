/**
 * Rackspace Cloud Files: the Swift storage driver on Rackspace identity, plus the Cloud Files CDN API.
 * @module
 */
export { CloudFilesStorageDriver } from './driver.js';
export { CLOUDFILES_PROVIDER } from './provider.js';
export { CLOUDFILES_CAPABILITIES } from './capabilities.js';
export {
  CLOUDFILES_DRIVER_OPTIONS,
  CLOUDFILES_CDN_URI_TYPES,
  type CloudFilesOwnOptions,
  type CloudFilesDriverOptions,
  type CloudFilesCdnUriType,
  type CloudFilesEnableCdnOptions,
  type CloudFilesCdnUrlOptions,
  type CloudFilesUpdateCdnOptions,
  type CloudFilesListCdnOptions,
  type CloudFilesPurgeOptions,
} from './options.js';
export type { CloudFilesCdnInfo, CloudFilesCdnUris } from './to-cdn-info.js';
export { CDN_MIN_TTL, CDN_MAX_TTL, CDN_DEFAULT_TTL, type CdnContainerWire } from './cdn-wire.js';
