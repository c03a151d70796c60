/**
 * Nova server states → portable {@link NodeState}, as data: the `status` table, then `task_state` overrides
 * (a server being deleted still says `ACTIVE`, one powering off is `STOPPING`, and so on).
 * @module
 */
import { NodeState } from '@cloudmux/core/compute';

/** Nova `status` → portable state. */
export const NOVA_STATUS_STATES: Readonly<Record<string, NodeState>> = Object.freeze({
  ACTIVE: NodeState.RUNNING,
  BUILD: NodeState.PENDING,
  REBUILD: NodeState.PENDING,
  REBOOT: NodeState.REBOOTING,
  HARD_REBOOT: NodeState.REBOOTING,
  PASSWORD: NodeState.PENDING,
  RESIZE: NodeState.PENDING,
  VERIFY_RESIZE: NodeState.RUNNING,
  REVERT_RESIZE: NodeState.PENDING,
  MIGRATING: NodeState.PENDING,
  SHUTOFF: NodeState.STOPPED,
  PAUSED: NodeState.PAUSED,
  SUSPENDED: NodeState.SUSPENDED,
  SHELVED: NodeState.STOPPED,
  SHELVED_OFFLOADED: NodeState.STOPPED,
  RESCUE: NodeState.PENDING,
  ERROR: NodeState.ERROR,
  DELETED: NodeState.TERMINATED,
  SOFT_DELETED: NodeState.TERMINATED,
  UNKNOWN: NodeState.UNKNOWN,
});

/**
 * Nova `OS-EXT-STS:task_state` values that override the status: the server is on its way somewhere else.
 * Task states not listed (e.g. `image_snapshot`, `image_uploading`) leave the status' state alone.
 */
export const NOVA_TASK_STATES: Readonly<Record<string, NodeState>> = Object.freeze({
  deleting: NodeState.PENDING,
  soft_deleting: NodeState.PENDING,
  restoring: NodeState.PENDING,
  scheduling: NodeState.PENDING,
  block_device_mapping: NodeState.PENDING,
  networking: NodeState.PENDING,
  spawning: NodeState.PENDING,
  rebuilding: NodeState.PENDING,
  rebuild_block_device_mapping: NodeState.PENDING,
  rebuild_spawning: NodeState.PENDING,
  'powering-off': NodeState.STOPPING,
  'powering-on': NodeState.PENDING,
  rebooting: NodeState.REBOOTING,
  reboot_pending: NodeState.REBOOTING,
  reboot_started: NodeState.REBOOTING,
  rebooting_hard: NodeState.REBOOTING,
  reboot_pending_hard: NodeState.REBOOTING,
  reboot_started_hard: NodeState.REBOOTING,
  resize_prep: NodeState.PENDING,
  resize_migrating: NodeState.PENDING,
  resize_migrated: NodeState.PENDING,
  resize_finish: NodeState.PENDING,
  resize_reverting: NodeState.PENDING,
  resize_confirming: NodeState.PENDING,
  migrating: NodeState.PENDING,
  pausing: NodeState.PENDING,
  unpausing: NodeState.PENDING,
  suspending: NodeState.PENDING,
  resuming: NodeState.PENDING,
  rescuing: NodeState.PENDING,
  unrescuing: NodeState.PENDING,
  shelving: NodeState.STOPPING,
  shelving_offloading: NodeState.STOPPING,
  unshelving: NodeState.PENDING,
});

/** The portable state of a server from its `status` and `task_state` (unknown values → UNKNOWN). */
export function toNodeState(status: string | undefined, taskState: string | null | undefined): NodeState {
  if (status === 'ERROR') return NodeState.ERROR;
  if (typeof taskState === 'string' && taskState !== '') {
    const byTask = NOVA_TASK_STATES[taskState];
    if (byTask !== undefined) return byTask;
  }
  return (status !== undefined ? NOVA_STATUS_STATES[status.toUpperCase()] : undefined) ?? NodeState.UNKNOWN;
}
