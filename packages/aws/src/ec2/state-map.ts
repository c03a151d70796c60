import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { NodeState, StorageVolumeState } from '@cloudmux/core/compute';

/**
 * EC2 instance state names → portable node states. `shutting-down` is on its way to `terminated`
 * and can never run again, so it maps to TERMINATED (waiters stop at once instead of timing out).
 */
export const EC2_NODE_STATES: LookupTable<NodeState> = lookupTable({
  pending: NodeState.PENDING,
  running: NodeState.RUNNING,
  'shutting-down': NodeState.TERMINATED,
  terminated: NodeState.TERMINATED,
  stopping: NodeState.STOPPING,
  stopped: NodeState.STOPPED,
});

/** EC2 volume states → portable volume states. An `in-use` volume whose attachment is changing is refined by the mapper. */
export const EC2_VOLUME_STATES: LookupTable<StorageVolumeState> = lookupTable({
  creating: StorageVolumeState.CREATING,
  available: StorageVolumeState.AVAILABLE,
  'in-use': StorageVolumeState.INUSE,
  deleting: StorageVolumeState.DELETING,
  deleted: StorageVolumeState.DELETING,
  error: StorageVolumeState.ERROR,
});

/** Portable state of an EC2 instance state name (UNKNOWN for names not in the table). */
export function toNodeState(name: string | undefined): NodeState {
  return lookup(EC2_NODE_STATES, name, NodeState.UNKNOWN);
}

/** Portable state of an EC2 volume, given its status and its attachment's status. */
export function toVolumeState(status: string | undefined, attachmentStatus: string | undefined): StorageVolumeState {
  if (attachmentStatus === 'attaching') return StorageVolumeState.ATTACHING;
  if (attachmentStatus === 'detaching') return StorageVolumeState.DETACHING;
  return lookup(EC2_VOLUME_STATES, status, StorageVolumeState.UNKNOWN);
}
