/**
 * Storage API of the umbrella package.
 * @module
 */
import { storageRegistry, type StorageDriverClass } from '@cloudmux/core/storage';
import { registryFunctions, type GetDriver, type SetDriver } from '@cloudmux/core';
import type { LocalStorageDriver } from '@cloudmux/dummy';
import type { AzureBlobsStorageDriver } from '@cloudmux/azure';
import type {
  S3StorageDriver,
  MinioStorageDriver,
  CephRgwStorageDriver,
  WasabiStorageDriver,
  DigitalOceanSpacesStorageDriver,
  CloudflareR2StorageDriver,
} from '@cloudmux/aws';
import type { OpenStackSwiftStorageDriver } from '@cloudmux/openstack';
import type { CloudFilesStorageDriver } from '@cloudmux/rackspace';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/storage';

/** Ids of the bundled storage providers. */
export const Provider = {
  LOCAL: 'local',
  AZURE_BLOBS: 'azure_blobs',
  S3: 's3',
  MINIO: 'minio',
  CEPH_RGW: 'ceph_rgw',
  WASABI: 'wasabi',
  DIGITALOCEAN_SPACES: 'digitalocean_spaces',
  CLOUDFLARE_R2: 'cloudflare_r2',
  OPENSTACK_SWIFT: 'openstack_swift',
  CLOUDFILES: 'cloudfiles',
} as const;
/** One of the bundled storage provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled storage provider id. */
export interface StorageDrivers {
  local: typeof LocalStorageDriver;
  azure_blobs: typeof AzureBlobsStorageDriver;
  s3: typeof S3StorageDriver;
  minio: typeof MinioStorageDriver;
  ceph_rgw: typeof CephRgwStorageDriver;
  wasabi: typeof WasabiStorageDriver;
  digitalocean_spaces: typeof DigitalOceanSpacesStorageDriver;
  cloudflare_r2: typeof CloudflareR2StorageDriver;
  openstack_swift: typeof OpenStackSwiftStorageDriver;
  cloudfiles: typeof CloudFilesStorageDriver;
}

registerBundled(storageRegistry, {
  local: ['@cloudmux/dummy', 'LocalStorageDriver'],
  azure_blobs: ['@cloudmux/azure', 'AzureBlobsStorageDriver'],
  s3: ['@cloudmux/aws', 'S3StorageDriver'],
  minio: ['@cloudmux/aws', 'MinioStorageDriver'],
  ceph_rgw: ['@cloudmux/aws', 'CephRgwStorageDriver'],
  wasabi: ['@cloudmux/aws', 'WasabiStorageDriver'],
  digitalocean_spaces: ['@cloudmux/aws', 'DigitalOceanSpacesStorageDriver'],
  cloudflare_r2: ['@cloudmux/aws', 'CloudflareR2StorageDriver'],
  openstack_swift: ['@cloudmux/openstack', 'OpenStackSwiftStorageDriver'],
  cloudfiles: ['@cloudmux/rackspace', 'CloudFilesStorageDriver'],
});

const functions = registryFunctions<StorageDriverClass, StorageDrivers>(storageRegistry);

/** Returns the storage driver class for a provider id (typed for the bundled ids), loading its package on first use. */
export const getDriver: GetDriver<StorageDriverClass, StorageDrivers> = functions.getDriver;

/** Registers a third-party storage driver: a class, or a module specifier and export name (Libcloud's `set_driver`). */
export const setDriver: SetDriver<StorageDriverClass> = functions.setDriver;
