/**
 * Object storage: containers and objects.
 * @module
 */
export { Container, type ContainerInit, StorageObject, type StorageObjectInit } from './resources.js';
export { ObjectPrefix, type ObjectPrefixInit } from './object-prefix.js';
export {
  type ContainerRef,
  type CopyObjectOptions,
  type CreateContainerOptions,
  type DownloadObjectAsStreamOptions,
  type DownloadObjectOptions,
  type DownloadStreamOptions,
  type GetObjectOptions,
  type GetObjectTempUrlOptions,
  type ListContainerObjectsOptions,
  type ListContainerPrefixesOptions,
  type ListObjectsOptions,
  MAX_TEMP_URL_EXPIRY_MS,
  TEMP_URL_METHODS,
  type TempUrlMethod,
  type UpdateObjectMetadataOptions,
  type UploadObjectBaseOptions,
  type UploadObjectFromDataOptions,
  type UploadObjectFromFileOptions,
  type UploadObjectOptions,
  type UploadObjectViaStreamOptions,
} from './options.js';
export {
  type ChecksumAlgorithm,
  checkMd5Option,
  createDigest,
  HashingStream,
  md5Base64ToHex,
  md5Hex,
  md5HexToBase64,
  plainChecksum,
  type RunningDigest,
  uploadMismatch,
  verifyStream,
  type VerifyAlgorithm,
  type VerifyStreamOptions,
} from './checksum.js';
export { allocSharedBuffer, OffThreadHash } from './hash-worker.js';
export { OFF_THREAD_MIN_BYTES, type VerifyOffThreadOptions, verifyStreamOffThread } from './verify-off-thread.js';
export { OffThreadHashingStream, type OffThreadHashingOptions } from './hashing-stream-off-thread.js';
export { downloadToFile, type DownloadToFileOptions } from './atomic-download.js';
export { checkContentType, checkDelimiter, checkMeta, checkPrefix, checkRange, checkTempUrlOptions, uploadSource } from './validate.js';
export { rollUp, type ListingEntry } from './delimiter.js';
export { STORAGE_METHODS, type StorageMethod } from './capabilities.js';
export { containerName, StorageDriver, type StorageDriverClass } from './base-driver.js';
export { PartBuffer, toBuffer } from './part-buffer.js';
export { PartPool, type PartPoolOptions } from './part-pool.js';
export { type HashedPart, HashedPartWriter, type HashedPartWriterOptions, type HashedPartsResult } from './part-writer.js';
export { getDriver, setDriver, storageRegistry } from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { SetDriverOptions } from '../common/registry.js';
