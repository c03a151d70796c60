import type { ProviderDefinition } from '@cloudmux/core';
import { S3StorageDriver } from './driver.js';
import {
  CEPH_RGW_PROVIDER,
  CLOUDFLARE_R2_PROVIDER,
  DIGITALOCEAN_SPACES_PROVIDER,
  MINIO_PROVIDER,
  WASABI_PROVIDER,
  type S3ProviderDefaults,
} from './providers.js';

/** MinIO: {@link S3StorageDriver} with path-style addressing; give `endpoint`. */
export class MinioStorageDriver extends S3StorageDriver {
  /** Provider definition. */
  static override readonly provider: ProviderDefinition<S3ProviderDefaults> = MINIO_PROVIDER;
}

/** Ceph Object Gateway (RGW): {@link S3StorageDriver} with path-style addressing; give `endpoint`. */
export class CephRgwStorageDriver extends S3StorageDriver {
  /** Provider definition. */
  static override readonly provider: ProviderDefinition<S3ProviderDefaults> = CEPH_RGW_PROVIDER;
}

/** Wasabi: {@link S3StorageDriver} on `https://s3.<region>.wasabisys.com`. */
export class WasabiStorageDriver extends S3StorageDriver {
  /** Provider definition. */
  static override readonly provider: ProviderDefinition<S3ProviderDefaults> = WASABI_PROVIDER;
}

/** DigitalOcean Spaces: {@link S3StorageDriver} on `https://<region>.digitaloceanspaces.com`. */
export class DigitalOceanSpacesStorageDriver extends S3StorageDriver {
  /** Provider definition. */
  static override readonly provider: ProviderDefinition<S3ProviderDefaults> = DIGITALOCEAN_SPACES_PROVIDER;
}

/** Cloudflare R2: {@link S3StorageDriver} on `https://<accountId>.r2.cloudflarestorage.com`, region `auto`. */
export class CloudflareR2StorageDriver extends S3StorageDriver {
  /** Provider definition. */
  static override readonly provider: ProviderDefinition<S3ProviderDefaults> = CLOUDFLARE_R2_PROVIDER;
}
