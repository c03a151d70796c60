/**
 * Compute: nodes, sizes, images, locations, volumes, snapshots and key pairs.
 * @module
 */
export { NODE_STATES, NodeState } from './node-state.js';
export {
  KeyPair,
  type KeyPairInit,
  NodeImage,
  type NodeImageInit,
  NodeLocation,
  type NodeLocationInit,
  NodeSize,
  type NodeSizeInit,
} from './resources.js';
export {
  Node,
  type NodeInit,
  StorageVolume,
  type StorageVolumeInit,
  StorageVolumeState,
  VolumeSnapshot,
  type VolumeSnapshotInit,
} from './node.js';
export {
  type AttachVolumeOptions,
  type CreateKeyPairOptions,
  type CreateNodeOptions,
  type CreateVolumeOptions,
  type CreateVolumeSnapshotOptions,
  type ImportKeyPairFromFileOptions,
  type ImportKeyPairOptions,
  type ListImagesOptions,
  type ListNodesOptions,
  type ListSizesOptions,
  type ListVolumeSnapshotsOptions,
  type NodeAuth,
  type Ref,
  type RunningNode,
  type WaitUntilRunningOptions,
} from './options.js';
export { COMPUTE_METHODS, type ComputeMethod } from './capabilities.js';
export { NodeDriver, type NodeDriverClass, refId } from './base-driver.js';
export { ipv4First } from './wait-until-running.js';
export {
  type DeploymentLike,
  type DeploymentStepResult,
  type DeployNodeOptions,
  type DeployNodeResult,
  type DeployPhase,
  type DeployProgressEvent,
} from './deploy-node.js';
export { computeRegistry, getDriver, setDriver } from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { ProviderDefinition, RegionDefinition } from '../common/provider-definition.js';
export type { SetDriverOptions } from '../common/registry.js';
