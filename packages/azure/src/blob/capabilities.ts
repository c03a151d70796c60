import type { Capabilities } from '@cloudmux/core';
import { STORAGE_METHODS, type StorageMethod } from '@cloudmux/core/storage';

/** Every portable storage method except the CDN ones (Azure CDN is a separate service, not part of the Blob API). */
export const AZURE_BLOBS_CAPABILITIES: Capabilities<StorageMethod> = Object.freeze(STORAGE_METHODS.filter((m) => !/Cdn/.test(m)));
