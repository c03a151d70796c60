import type { Capabilities } from '@cloudmux/core';
import type { ComputeMethod } from '@cloudmux/core/compute';

/** Portable compute methods the Joyent driver implements (`deployNode` via `@cloudmux/deploy`, SSH or boot script). */
export const JOYENT_CAPABILITIES: Capabilities<ComputeMethod> = [
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
  'waitUntilRunning',
  'deployNode',
  'listKeyPairs',
  'getKeyPair',
  'importKeyPairFromString',
  'importKeyPairFromFile',
  'deleteKeyPair',
];
