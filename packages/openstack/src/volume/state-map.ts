/**
 * Cinder statuses → portable states, as data.
 * @module
 */
import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { StorageVolumeState } from '@cloudmux/core/compute';

/**
 * Cinder volume statuses → portable volume states. Statuses that mean "an existing volume is busy"
 * (`backing-up`, `uploading`, `retyping`, `extending`, `maintenance`) are absent: {@link toVolumeState}
 * maps them to INUSE or AVAILABLE by whether the volume is attached, and `extra.status` keeps the status.
 */
export const CINDER_VOLUME_STATES: LookupTable<StorageVolumeState> = lookupTable({
  creating: StorageVolumeState.CREATING,
  downloading: StorageVolumeState.CREATING,
  'restoring-backup': StorageVolumeState.CREATING,
  available: StorageVolumeState.AVAILABLE,
  reserved: StorageVolumeState.ATTACHING,
  attaching: StorageVolumeState.ATTACHING,
  'in-use': StorageVolumeState.INUSE,
  detaching: StorageVolumeState.DETACHING,
  deleting: StorageVolumeState.DELETING,
  'awaiting-transfer': StorageVolumeState.UNKNOWN,
  error: StorageVolumeState.ERROR,
  error_deleting: StorageVolumeState.ERROR,
  'error_backing-up': StorageVolumeState.ERROR,
  error_restoring: StorageVolumeState.ERROR,
  error_extending: StorageVolumeState.ERROR,
  error_managing: StorageVolumeState.ERROR,
});

/** Statuses of a volume that stays usable while Cinder works on it (attached or not, as before). */
export const CINDER_BUSY_STATUSES: ReadonlySet<string> = new Set(['backing-up', 'uploading', 'retyping', 'extending', 'maintenance']);

/** Portable state of a Cinder volume status; `attached` decides the busy statuses (UNKNOWN for unknown ones). */
export function toVolumeState(status: string | undefined, attached: boolean): StorageVolumeState {
  if (status !== undefined && CINDER_BUSY_STATUSES.has(status)) return attached ? StorageVolumeState.INUSE : StorageVolumeState.AVAILABLE;
  return lookup(CINDER_VOLUME_STATES, status, StorageVolumeState.UNKNOWN);
}

/** Portable snapshot states (core's `VolumeSnapshot.state` is a string; these are the values this driver uses). */
export const SnapshotState = {
  CREATING: 'creating',
  AVAILABLE: 'available',
  DELETING: 'deleting',
  DELETED: 'deleted',
  RESTORING: 'restoring',
  UPDATING: 'updating',
  ERROR: 'error',
  UNKNOWN: 'unknown',
} as const;
/** One of the {@link SnapshotState} values. */
export type SnapshotState = (typeof SnapshotState)[keyof typeof SnapshotState];

/** Cinder snapshot statuses → {@link SnapshotState}; the raw status stays in `extra.status`. */
export const CINDER_SNAPSHOT_STATES: LookupTable<SnapshotState> = lookupTable({
  creating: SnapshotState.CREATING,
  available: SnapshotState.AVAILABLE,
  'backing-up': SnapshotState.UPDATING,
  deleting: SnapshotState.DELETING,
  error: SnapshotState.ERROR,
  deleted: SnapshotState.DELETED,
  unmanaging: SnapshotState.DELETING,
  restoring: SnapshotState.RESTORING,
  error_deleting: SnapshotState.ERROR,
});

/** Portable state of a Cinder snapshot status (UNKNOWN for unknown ones). */
export function toSnapshotState(status: string | undefined): SnapshotState {
  return lookup(CINDER_SNAPSHOT_STATES, status, SnapshotState.UNKNOWN);
}
