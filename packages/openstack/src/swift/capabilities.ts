import type { Capabilities } from '@cloudmux/core';
import { STORAGE_METHODS, type StorageMethod } from '@cloudmux/core/storage';

/** Every portable storage method except the CDN ones (Swift has no CDN API of its own). */
export const OPENSTACK_SWIFT_CAPABILITIES: Capabilities<StorageMethod> = Object.freeze(STORAGE_METHODS.filter((m) => !/Cdn/.test(m)));
