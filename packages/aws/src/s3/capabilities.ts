import type { Capabilities } from '@cloudmux/core';
import { STORAGE_METHODS, type StorageMethod } from '@cloudmux/core/storage';

/** Every portable storage method except the CDN ones (CloudFront is a separate API, not part of S3). */
export const S3_CAPABILITIES: Capabilities<StorageMethod> = Object.freeze(STORAGE_METHODS.filter((m) => !/Cdn/.test(m)));
