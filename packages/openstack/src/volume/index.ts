/**
 * Cinder v3 block storage for the OpenStack driver: plain functions taking the driver's context, wired into
 * `OpenStackNodeDriver` as the portable volume methods.
 * @module
 */
export type { VolumeContext } from './context.js';
export {
  iterateVolumes,
  getVolume,
  createVolume,
  destroyVolume,
  waitForVolume,
  type OpenStackListVolumesOptions,
  type WaitForVolumeOptions,
} from './volumes.js';
export {
  iterateVolumeSnapshots,
  getVolumeSnapshot,
  createVolumeSnapshot,
  destroyVolumeSnapshot,
  type OpenStackCreateVolumeSnapshotOptions,
} from './snapshots.js';
export { attachVolume, detachVolume, type OpenStackDetachVolumeOptions } from './attachments.js';
export { toVolume, toSnapshot } from './to-volume.js';
export {
  CINDER_VOLUME_STATES,
  CINDER_BUSY_STATUSES,
  CINDER_SNAPSHOT_STATES,
  SnapshotState,
  toVolumeState,
  toSnapshotState,
} from './state-map.js';
export type {
  OpenStackVolumeExtra,
  OpenStackSnapshotExtra,
  OpenStackVolumeAttachment,
  OpenStackCreateVolumeEx,
  OpenStackCreateVolumeSnapshotEx,
} from './types.js';
