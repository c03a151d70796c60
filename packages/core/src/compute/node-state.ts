/** Portable node states. Every driver maps its provider's states onto these with a data table. */
export const NodeState = {
  RUNNING: 'running',
  REBOOTING: 'rebooting',
  TERMINATED: 'terminated',
  PENDING: 'pending',
  STOPPING: 'stopping',
  STOPPED: 'stopped',
  SUSPENDED: 'suspended',
  ERROR: 'error',
  PAUSED: 'paused',
  UNKNOWN: 'unknown',
} as const;

/** One of the {@link NodeState} values. */
export type NodeState = (typeof NodeState)[keyof typeof NodeState];

/** All node states, in declaration order. */
export const NODE_STATES: readonly NodeState[] = Object.values(NodeState);
