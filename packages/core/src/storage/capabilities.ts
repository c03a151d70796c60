/** Portable storage methods. */
export const STORAGE_METHODS = [
  'listContainers',
  'getContainer',
  'createContainer',
  'deleteContainer',
  'listContainerObjects',
  'listContainerPrefixes',
  'getObject',
  'uploadObject',
  'uploadObjectViaStream',
  'downloadObject',
  'downloadObjectAsStream',
  'deleteObject',
  'copyObject',
  'updateObjectMetadata',
  'getObjectTempUrl',
  'enableContainerCdn',
  'getContainerCdnUrl',
  'enableObjectCdn',
  'getObjectCdnUrl',
] as const;

/** A portable storage method name. */
export type StorageMethod = (typeof STORAGE_METHODS)[number];
