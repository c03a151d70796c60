/**
 * Portable compute methods the OpenStack driver implements.
 * @module
 */
import type { Capabilities } from '@cloudmux/core';
import type { ComputeMethod } from '@cloudmux/core/compute';

/** Nova + Glance + Cinder (volumes through Cinder, attached through Nova); `deployNode` via `@cloudmux/deploy`. */
export const OPENSTACK_CAPABILITIES: Capabilities<ComputeMethod> = Object.freeze([
  'listNodes',
  'getNode',
  'createNode',
  'rebootNode',
  'destroyNode',
  'startNode',
  'stopNode',
  'listSizes',
  'listImages',
  'getImage',
  'listLocations',
  'deployNode',
  'waitUntilRunning',
  'listVolumes',
  'createVolume',
  'attachVolume',
  'detachVolume',
  'destroyVolume',
  'listVolumeSnapshots',
  'createVolumeSnapshot',
  'destroyVolumeSnapshot',
  'listKeyPairs',
  'getKeyPair',
  'createKeyPair',
  'importKeyPairFromString',
  'importKeyPairFromFile',
  'deleteKeyPair',
] as const);
