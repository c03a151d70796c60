/** Portable storage methods. */
export const STORAGE_METHODS = [
  'listContainers',
  'getContainer',
  'createContainer',
  'deleteContainer',
  'listContainerObjects',
  'getObject',
  'uploadObject',
  'uploadObjectViaStream',
  'downloadObject',
  'downloadObjectAsStream',
  'deleteObject',
  'enableContainerCdn',
  'getContainerCdnUrl',
  'enableObjectCdn',
  'getObjectCdnUrl',
] as const;

/** A portable storage method name. */
export type StorageMethod = (typeof STORAGE_METHODS)[number];
