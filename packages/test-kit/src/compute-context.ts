import { NodeState, type CreateNodeOptions, type Node, type NodeDriver } from '@cloudmux/core/compute';
import { NotFoundError } from '@cloudmux/core/errors';
import { pollUntil, uniqueName, type Timing } from './harness.js';

/** What every compute check gets. */
export interface ComputeContext {
  /** The fresh driver. */
  driver: NodeDriver;
  /** Poll settings. */
  timing: Timing;
  /** Size/image/... for a test node. */
  createOptions(): Promise<CreateNodeOptions>;
  /** Clean-up actions, run (last first) after the check, even when it fails. */
  cleanup: (() => Promise<unknown>)[];
}

/** Runs the clean-up actions of `ctx`, ignoring their failures. */
export async function runCleanup(ctx: ComputeContext): Promise<void> {
  for (const fn of ctx.cleanup.reverse()) await fn().catch(() => undefined);
  ctx.cleanup.length = 0;
}

/** Creates a node with a unique name; it is destroyed after the check. */
export async function createTestNode(ctx: ComputeContext): Promise<Node> {
  const opts = await ctx.createOptions();
  const node = await ctx.driver.createNode({ ...opts, name: opts.name ?? uniqueName('cmx-conf') });
  if (ctx.driver.supports('destroyNode')) ctx.cleanup.push(() => ctx.driver.destroyNode(node.id));
  return node;
}

/** The node as the provider reports it now (getNode, else listNodes), undefined when gone. */
export async function observeNode(ctx: ComputeContext, id: string): Promise<Node | undefined> {
  if (ctx.driver.supports('getNode')) {
    try {
      return await ctx.driver.getNode(id);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }
  return (await ctx.driver.listNodes()).find((n) => n.id === id);
}

/** Waits until the node is in `state`. */
export async function waitForNodeState(ctx: ComputeContext, id: string, state: NodeState): Promise<Node> {
  const node = await pollUntil(
    `node ${id} to be ${state}`,
    ctx.timing,
    () => observeNode(ctx, id),
    (n) => n?.state === state,
    (n) => n?.state ?? 'gone',
  );
  return node!;
}

/** Waits until the node is gone or terminated; returns what was last seen. */
export async function waitForNodeGone(ctx: ComputeContext, id: string): Promise<Node | undefined> {
  return pollUntil(
    `node ${id} to be gone or terminated`,
    ctx.timing,
    () => observeNode(ctx, id),
    (n) => n === undefined || n.state === NodeState.TERMINATED,
    (n) => n?.state ?? 'gone',
  );
}

/** Creates a node and waits until it runs. */
export async function runningTestNode(ctx: ComputeContext): Promise<Node> {
  const node = await createTestNode(ctx);
  return waitForNodeState(ctx, node.id, NodeState.RUNNING);
}

/** Node ids currently listed (for "nothing was created" checks), or undefined without listNodes. */
export async function listedNodeIds(ctx: ComputeContext): Promise<string[] | undefined> {
  if (!ctx.driver.supports('listNodes')) return undefined;
  return (await ctx.driver.listNodes())
    .filter((n) => n.state !== NodeState.TERMINATED)
    .map((n) => n.id)
    .sort();
}
