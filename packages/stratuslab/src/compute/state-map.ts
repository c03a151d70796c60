import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { NodeState } from '@cloudmux/core/compute';

/** OpenNebula 3.x VM `STATE` values, by number. */
export const VM_STATES: readonly string[] = Object.freeze(['INIT', 'PENDING', 'HOLD', 'ACTIVE', 'STOPPED', 'SUSPENDED', 'DONE', 'FAILED']);

/** OpenNebula 3.x `LCM_STATE` values (meaningful while `STATE` is ACTIVE), by number. */
export const LCM_STATES: readonly string[] = Object.freeze([
  'LCM_INIT',
  'PROLOG',
  'BOOT',
  'RUNNING',
  'MIGRATE',
  'SAVE_STOP',
  'SAVE_SUSPEND',
  'SAVE_MIGRATE',
  'PROLOG_MIGRATE',
  'PROLOG_RESUME',
  'EPILOG_STOP',
  'EPILOG',
  'SHUTDOWN',
  'CANCEL',
  'FAILURE',
  'DELETE',
  'UNKNOWN',
]);

/**
 * The StratusLab client's `state_summary`, lower-cased: the `LCM_STATE` label while the VM is ACTIVE,
 * else the `STATE` label; `unknown` for numbers outside the tables.
 */
export function stateSummary(state: number, lcmState: number): string {
  const vm = VM_STATES[state];
  if (vm === undefined) return 'unknown';
  if (vm !== 'ACTIVE') return vm.toLowerCase();
  return (LCM_STATES[lcmState] ?? 'UNKNOWN').toLowerCase();
}

/**
 * `state_summary` → portable {@link NodeState}. The StratusLab Libcloud driver mapped only running,
 * pending/prolog/boot and done (and epilog to RUNNING); this table maps every OpenNebula state:
 * epilog and the shutdown family are STOPPING, migrations (no portable state) PENDING.
 */
export const STATE_SUMMARY_MAP: LookupTable<NodeState> = lookupTable({
  init: NodeState.PENDING,
  lcm_init: NodeState.PENDING,
  pending: NodeState.PENDING,
  hold: NodeState.PENDING,
  prolog: NodeState.PENDING,
  boot: NodeState.PENDING,
  running: NodeState.RUNNING,
  migrate: NodeState.PENDING,
  save_migrate: NodeState.PENDING,
  prolog_migrate: NodeState.PENDING,
  prolog_resume: NodeState.PENDING,
  save_stop: NodeState.STOPPING,
  epilog_stop: NodeState.STOPPING,
  shutdown: NodeState.STOPPING,
  cancel: NodeState.STOPPING,
  epilog: NodeState.STOPPING,
  delete: NodeState.STOPPING,
  stopped: NodeState.STOPPED,
  suspended: NodeState.SUSPENDED,
  save_suspend: NodeState.SUSPENDED,
  done: NodeState.TERMINATED,
  failed: NodeState.ERROR,
  failure: NodeState.ERROR,
  unknown: NodeState.UNKNOWN,
});

/** Maps `STATE` and `LCM_STATE` numbers to a {@link NodeState}. */
export function toNodeState(state: number, lcmState: number): NodeState {
  return lookup(STATE_SUMMARY_MAP, stateSummary(state, lcmState), NodeState.UNKNOWN);
}
