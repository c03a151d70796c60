import type { Capabilities } from '@cloudmux/core';
import type { ComputeMethod } from '@cloudmux/core/compute';

/**
 * Portable methods the StratusLab driver implements. No reboot, stop or start: the StratusLab
 * driver never offered them (`exShutdownNode` sends ONE's `shutdown`, which ends in DONE); no
 * snapshots and no key pairs (the SSH key travels in each machine's context).
 */
export const STRATUSLAB_CAPABILITIES: Capabilities<ComputeMethod> = [
  'listNodes',
  'getNode',
  'createNode',
  'destroyNode',
  'listSizes',
  'listImages',
  'getImage',
  'listLocations',
  'waitUntilRunning',
  'deployNode',
  'listVolumes',
  'createVolume',
  'attachVolume',
  'detachVolume',
  'destroyVolume',
];
