import type { ComputeMethod, NodeDriver } from '@cloudmux/core/compute';
import { first } from './harness.js';

/**
 * One call per portable compute method, with harmless arguments, used to check that a method
 * left out of `capabilities` throws `NotSupportedError` (list methods are checked through both
 * `listX` and `iterateX`).
 */
export const COMPUTE_CALLS: Readonly<Record<ComputeMethod, readonly ((d: NodeDriver) => unknown)[]>> = {
  listNodes: [(d) => d.listNodes(), (d) => first(d.iterateNodes())],
  getNode: [(d) => d.getNode('cloudmux-conformance-missing')],
  createNode: [(d) => d.createNode({ size: 'cloudmux-size', image: 'cloudmux-image' })],
  rebootNode: [(d) => d.rebootNode('cloudmux-conformance-missing')],
  destroyNode: [(d) => d.destroyNode('cloudmux-conformance-missing')],
  startNode: [(d) => d.startNode('cloudmux-conformance-missing')],
  stopNode: [(d) => d.stopNode('cloudmux-conformance-missing')],
  listSizes: [(d) => d.listSizes(), (d) => first(d.iterateSizes())],
  listImages: [(d) => d.listImages(), (d) => first(d.iterateImages())],
  getImage: [(d) => d.getImage('cloudmux-conformance-missing')],
  listLocations: [(d) => d.listLocations(), (d) => first(d.iterateLocations())],
  deployNode: [(d) => d.deployNode({ size: 'cloudmux-size', image: 'cloudmux-image', deploy: { name: 'noop' }, timeoutMs: 1 })],
  waitUntilRunning: [(d) => d.waitUntilRunning(['cloudmux-conformance-missing'], { timeoutMs: 1, pollIntervalMs: 100 })],
  listVolumes: [(d) => d.listVolumes(), (d) => first(d.iterateVolumes())],
  createVolume: [(d) => d.createVolume({ name: 'cloudmux-volume', sizeGb: 1 })],
  attachVolume: [(d) => d.attachVolume('cloudmux-volume', { node: 'cloudmux-node' })],
  detachVolume: [(d) => d.detachVolume('cloudmux-volume')],
  destroyVolume: [(d) => d.destroyVolume('cloudmux-volume')],
  listVolumeSnapshots: [(d) => d.listVolumeSnapshots(), (d) => first(d.iterateVolumeSnapshots())],
  createVolumeSnapshot: [(d) => d.createVolumeSnapshot('cloudmux-volume')],
  destroyVolumeSnapshot: [(d) => d.destroyVolumeSnapshot('cloudmux-snapshot')],
  listKeyPairs: [(d) => d.listKeyPairs(), (d) => first(d.iterateKeyPairs())],
  getKeyPair: [(d) => d.getKeyPair('cloudmux-key')],
  createKeyPair: [(d) => d.createKeyPair({ name: 'cloudmux-key' })],
  importKeyPairFromString: [(d) => d.importKeyPairFromString({ name: 'cloudmux-key', publicKey: 'ssh-ed25519 AAAA' })],
  importKeyPairFromFile: [(d) => d.importKeyPairFromFile({ name: 'cloudmux-key', path: '/nonexistent/cloudmux-conformance.pub' })],
  deleteKeyPair: [(d) => d.deleteKeyPair('cloudmux-key')],
};
