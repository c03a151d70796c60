/**
 * Object storage: containers and objects.
 * @module
 */
export { Container, type ContainerInit, StorageObject, type StorageObjectInit } from './resources.js';
export {
  type ContainerRef,
  type CreateContainerOptions,
  type DownloadObjectAsStreamOptions,
  type DownloadObjectOptions,
  type DownloadStreamOptions,
  type GetObjectOptions,
  type ListContainerObjectsOptions,
  type ListObjectsOptions,
  type UploadObjectOptions,
  type UploadObjectViaStreamOptions,
} from './options.js';
export { STORAGE_METHODS, type StorageMethod } from './capabilities.js';
export { containerName, StorageDriver, type StorageDriverClass } from './base-driver.js';
export { getDriver, setDriver, storageRegistry } from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { SetDriverOptions } from '../common/registry.js';
