import { requireDuration, resolvePollInterval, sleep, type CallOptions } from '@cloudmux/core';
import { NODE_STATES, type Node, NodeState, type Ref } from '@cloudmux/core/compute';
import { toNode } from './to-node.js';
import { InvalidArgumentError, NotFoundError, TimeoutError } from '@cloudmux/core/errors';
import { MACHINE_STATE_MAP } from './state-map.js';
import type { JoyentNodeExtra } from './types.js';
import type { JoyentContext } from './context.js';
import { getNode } from './nodes.js';
import { machineId } from './ids.js';

/** A node predicate for `exWaitForState`. */
export type JoyentNodePredicate = (node: Node<JoyentNodeExtra>) => boolean;

/** Options of `exWaitForState` / `exWaitWhileState`. */
export interface WaitForStateOptions extends CallOptions {
  /** Poll interval (default 2000 ms, py-smartdc's `interval`; at least 100 ms, a smaller positive value is raised to it). */
  pollIntervalMs?: number | undefined;
  /** Give up after (default 600000 ms). */
  timeoutMs?: number | undefined;
  /** Called after each poll. */
  onPoll?: ((node: Node<JoyentNodeExtra>) => void) | undefined;
}

const TERMINAL = new Set<string>([NodeState.TERMINATED, 'deleted', 'destroyed']);

function matcher(target: string | JoyentNodePredicate): { test: JoyentNodePredicate; label: string } {
  if (typeof target === 'function') return { test: target, label: 'the expected condition' };
  const valid = [...new Set<string>([...NODE_STATES, ...Object.keys(MACHINE_STATE_MAP)])];
  if (!valid.includes(target)) throw new InvalidArgumentError(`Invalid state "${target}". Valid values: ${valid.join(', ')}`);
  return { test: (n) => n.state === target || n.extra.state === target, label: `state ${target}` };
}

/**
 * Polls a machine until `target` holds (`mode: 'until'`, py-smartdc's poll_until) or while it
 * holds (`'while'`, poll_while). A string matches the portable state or the raw CloudAPI state.
 * A machine that disappears (404 after the first poll) counts as TERMINATED; an unknown id throws
 * `NotFoundError`. Throws `TimeoutError` with the last state.
 */
export async function waitForState(
  ctx: JoyentContext,
  node: Ref<Node>,
  target: string | JoyentNodePredicate,
  options: WaitForStateOptions,
  mode: 'until' | 'while',
): Promise<Node<JoyentNodeExtra>> {
  const method = mode === 'until' ? 'exWaitForState' : 'exWaitWhileState';
  const id = machineId(node, method);
  const { test, label } = matcher(target);
  const interval = resolvePollInterval(options.pollIntervalMs, 2000, 'pollIntervalMs', { method, provider: 'joyent' });
  const timeoutMs = requireDuration(options.timeoutMs ?? 600_000, 'timeoutMs', { method, provider: 'joyent' });
  const deadline = Date.now() + timeoutMs;
  for (let poll = 0; ; poll++) {
    let current: Node<JoyentNodeExtra>;
    try {
      current = await getNode(ctx, id, { signal: options.signal });
    } catch (e) {
      // Unknown on the first poll: no such machine. Gone later: deleted and purged.
      if (!(e instanceof NotFoundError) || poll === 0) throw e;
      current = toNode({ id, name: typeof node === 'string' ? id : node.name, state: 'deleted' }, ctx.driver, ctx.settings.datacenter);
    }
    options.onPoll?.(current);
    const holds = test(current);
    if (mode === 'until' ? holds : !holds) return current;
    if (mode === 'until' && TERMINAL.has(current.state) && typeof target === 'string' && !TERMINAL.has(target)) {
      throw new TimeoutError(`Machine ${id} was deleted while waiting for ${label}`, {
        lastState: current.extra.state,
        provider: 'joyent',
      });
    }
    if (Date.now() + interval > deadline) {
      throw new TimeoutError(
        `Timed out after ${timeoutMs} ms waiting ${mode === 'until' ? 'for' : 'while'} ${label} on machine ${id}; last state: ${current.extra.state} (${current.state})`,
        {
          lastState: current.extra.state,
          provider: 'joyent',
        },
      );
    }
    await sleep(interval, options.signal);
  }
}
