import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { NodeState } from '@cloudmux/core/compute';

/**
 * CloudAPI machine state → portable {@link NodeState}. `ready` is only seen while a zone
 * reboots; `offline` means the compute node is unreachable (state unknown); `deleted` machines
 * stay visible (GET answers 410) until purged. Unlisted states map to UNKNOWN.
 */
export const MACHINE_STATE_MAP: LookupTable<NodeState> = lookupTable({
  provisioning: NodeState.PENDING,
  ready: NodeState.REBOOTING,
  running: NodeState.RUNNING,
  stopping: NodeState.STOPPING,
  stopped: NodeState.STOPPED,
  offline: NodeState.UNKNOWN,
  deleted: NodeState.TERMINATED,
  destroyed: NodeState.TERMINATED,
  failed: NodeState.ERROR,
  unknown: NodeState.UNKNOWN,
});

/** Maps a CloudAPI state string (case-insensitive) to a NodeState. */
export function toNodeState(state: string | undefined): NodeState {
  return lookup(MACHINE_STATE_MAP, state || undefined, NodeState.UNKNOWN, { caseInsensitive: true });
}
