import type { Capabilities } from '@cloudmux/core';
import type { StorageMethod } from '@cloudmux/core/storage';
import { OPENSTACK_SWIFT_CAPABILITIES } from '@cloudmux/openstack';

/**
 * Every Swift method plus the container-level CDN methods. `enableObjectCdn` is not supported: Cloud Files
 * publishes whole containers (every object of a CDN-enabled container is on the CDN).
 */
export const CLOUDFILES_CAPABILITIES: Capabilities<StorageMethod> = Object.freeze([
  ...OPENSTACK_SWIFT_CAPABILITIES,
  'enableContainerCdn',
  'getContainerCdnUrl',
  'getObjectCdnUrl',
] satisfies StorageMethod[]);
