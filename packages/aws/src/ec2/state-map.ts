import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { NodeState, StorageVolumeState } from '@cloudmux/core/compute';

/**
 * EC2 instance state names → portable node states. `shutting-down` maps to UNKNOWN, as in Libcloud
 * since 0.12.1 (LIBCLOUD-280): the instance still exists (it is listed, its volumes are still
 * attached) and is not terminated yet, and it is not stopping either (it will never be `stopped`
 * or run again). It becomes TERMINATED moments later; `node.extra.stateName` keeps `shutting-down`.
 */
export const EC2_NODE_STATES: LookupTable<NodeState> = lookupTable({
  pending: NodeState.PENDING,
  running: NodeState.RUNNING,
  'shutting-down': NodeState.UNKNOWN,
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
