/**
 * Amazon S3 (and S3-compatible services) storage driver.
 * @module
 */
export { S3StorageDriver, type S3DriverClass } from './driver.js';
export {
  MinioStorageDriver,
  CephRgwStorageDriver,
  WasabiStorageDriver,
  DigitalOceanSpacesStorageDriver,
  CloudflareR2StorageDriver,
} from './presets.js';
export {
  S3_PROVIDER,
  MINIO_PROVIDER,
  CEPH_RGW_PROVIDER,
  WASABI_PROVIDER,
  DIGITALOCEAN_SPACES_PROVIDER,
  CLOUDFLARE_R2_PROVIDER,
  S3_PROVIDERS,
  S3_REGIONS,
  type S3ChecksumAlgorithm,
  type S3ProviderDefaults,
} from './providers.js';
export { S3_CAPABILITIES } from './capabilities.js';
export type { S3DriverOptions } from './options.js';
export { S3_STORAGE_CLASSES, S3_SSE_MODES, type S3UploadEx } from './ex.js';
export type { S3ObjectExtra, S3BucketExtra } from './to-object.js';
