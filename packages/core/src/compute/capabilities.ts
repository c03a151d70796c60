/** Portable compute methods, as used in `capabilities` and the support matrix. */
export const COMPUTE_METHODS = [
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
] as const;

/** A portable compute method name. */
export type ComputeMethod = (typeof COMPUTE_METHODS)[number];
