import { isIP } from 'node:net';
import { expect } from '@jest/globals';
import { NODE_STATES, Node, NodeState } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import {
  createTestNode,
  listedNodeIds,
  observeNode,
  runningTestNode,
  waitForNodeGone,
  waitForNodeState,
  type ComputeContext,
} from './compute-context.js';
import { collect, expectDriverRef, expectRefused, first, needs, uniqueName } from './harness.js';

/** Checks the fields every node must have. */
export function expectNode(node: Node, ctx: ComputeContext): void {
  expect(node).toBeInstanceOf(Node);
  expect(typeof node.id).toBe('string');
  expect(node.id.length).toBeGreaterThan(0);
  expect(typeof node.name).toBe('string');
  expect(NODE_STATES).toContain(node.state);
  for (const ip of [...node.publicIps, ...node.privateIps]) expect(isIP(ip)).not.toBe(0);
  expectDriverRef(node, ctx.driver);
}

/** `createNode`: a node with the given name appears; bad input is refused without creating anything. */
export async function checkCreateNode(ctx: ComputeContext): Promise<void> {
  const opts = await ctx.createOptions();
  const before = await listedNodeIds(ctx);
  await expectRefused('createNode with an unknown size', () => ctx.driver.createNode({ ...opts, size: 'cloudmux-no-such-size-0' }));
  if (before) expect(await listedNodeIds(ctx)).toEqual(before);
  const name = uniqueName('cmx-conf');
  const node = await ctx.driver.createNode({ ...opts, name });
  if (ctx.driver.supports('destroyNode')) ctx.cleanup.push(() => ctx.driver.destroyNode(node.id));
  expectNode(node, ctx);
  expect(node.name).toBe(name);
  expect([NodeState.PENDING, NodeState.RUNNING, NodeState.UNKNOWN]).toContain(node.state);
  const sizeId = typeof opts.size === 'string' ? opts.size : opts.size.id;
  if (node.sizeId !== undefined) expect(node.sizeId).toBe(sizeId);
  const seen = await observeNode(ctx, node.id);
  expect(seen?.id).toBe(node.id);
  expect(seen?.name).toBe(name);
}

/** `listNodes`/`iterateNodes`: a created node is listed; both agree; ids are unique. */
export async function checkListNodes(ctx: ComputeContext): Promise<void> {
  const created = ctx.driver.supports('createNode') ? await createTestNode(ctx) : undefined;
  const listed = await ctx.driver.listNodes();
  for (const n of listed) expectNode(n, ctx);
  const ids = listed.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  if (created) expect(ids).toContain(created.id);
  const iterated = (await collect(ctx.driver.iterateNodes())).map((n) => n.id);
  if (created) expect(iterated).toContain(created.id);
  expect(new Set(iterated).size).toBe(iterated.length);
  const only = await ctx.driver.listNodes({ ids: created ? [created.id] : [] });
  if (created) expect(only.map((n) => n.id)).toContain(created.id);
  if (listed.length > 0) expect((await first(ctx.driver.iterateNodes()))?.id).toBeDefined();
}

/** `getNode`: returns the node; after it is destroyed, NotFoundError (or a terminated node). */
export async function checkGetNode(ctx: ComputeContext): Promise<void> {
  needs(ctx.driver, 'createNode', 'getNode');
  const node = await createTestNode(ctx);
  const got = await ctx.driver.getNode(node.id);
  expectNode(got, ctx);
  expect(got.id).toBe(node.id);
  expect(got.name).toBe(node.name);
  const refreshed = await got.refresh();
  expect(refreshed.id).toBe(node.id);
  if (!ctx.driver.supports('destroyNode')) return;
  await waitForNodeState(ctx, node.id, NodeState.RUNNING);
  await ctx.driver.destroyNode(node.id);
  await waitForNodeGone(ctx, node.id);
  try {
    expect((await ctx.driver.getNode(node.id)).state).toBe(NodeState.TERMINATED);
  } catch (e) {
    expect(e).toBeInstanceOf(NotFoundError);
  }
}

/** `destroyNode`: resolves true; the node leaves (gone or terminated). */
export async function checkDestroyNode(ctx: ComputeContext): Promise<void> {
  needs(ctx.driver, 'createNode', 'destroyNode');
  const node = await runningTestNode(ctx);
  expect(await node.destroy()).toBe(true);
  await waitForNodeGone(ctx, node.id);
  if (ctx.driver.supports('listNodes')) {
    const live = (await ctx.driver.listNodes()).filter((n) => n.id === node.id && n.state !== NodeState.TERMINATED);
    expect(live).toEqual([]);
  }
}

/** `rebootNode`: a running node reboots and runs again. */
export async function checkRebootNode(ctx: ComputeContext): Promise<void> {
  needs(ctx.driver, 'createNode', 'rebootNode');
  const node = await runningTestNode(ctx);
  expect(await ctx.driver.rebootNode(node)).toBe(true);
  const after = await waitForNodeState(ctx, node.id, NodeState.RUNNING);
  expect(after.id).toBe(node.id);
}

/** `stopNode` then `startNode`: running → stopped → running (each method checked when declared). */
export async function checkStopStart(ctx: ComputeContext, method: 'stopNode' | 'startNode'): Promise<void> {
  needs(ctx.driver, 'createNode', method);
  needs(ctx.driver, 'stopNode', method);
  const node = await runningTestNode(ctx);
  expect(await node.stop()).toBe(true);
  await waitForNodeState(ctx, node.id, NodeState.STOPPED);
  if (!ctx.driver.supports('startNode')) return;
  expect(await ctx.driver.startNode(node.id)).toBe(true);
  await waitForNodeState(ctx, node.id, NodeState.RUNNING);
}

/** `waitUntilRunning`: resolves with the node running and valid addresses; accepts ids too. */
export async function checkWaitUntilRunning(ctx: ComputeContext): Promise<void> {
  needs(ctx.driver, 'createNode', 'waitUntilRunning');
  const node = await createTestNode(ctx);
  const opts = { pollIntervalMs: ctx.timing.pollIntervalMs, timeoutMs: ctx.timing.timeoutMs, requireIp: false };
  const [ready] = await ctx.driver.waitUntilRunning([node], opts);
  expect(ready?.node.id).toBe(node.id);
  expect(ready?.node.state).toBe(NodeState.RUNNING);
  for (const ip of ready?.ips ?? []) expect(isIP(ip)).not.toBe(0);
  const again = await ctx.driver.waitUntilRunning([node.id], opts);
  expect(again.map((r) => r.node.id)).toEqual([node.id]);
}

/** `deployNode`: wired to `@cloudmux/deploy`, which validates before creating anything. */
export async function checkDeployNode(ctx: ComputeContext): Promise<void> {
  const opts = await ctx.createOptions();
  const before = await listedNodeIds(ctx);
  const err = await expectRefused('deployNode without a real deployment', () =>
    ctx.driver.deployNode({ ...opts, name: uniqueName('cmx-conf'), deploy: { name: 'not-a-deployment' }, timeoutMs: ctx.timing.timeoutMs }),
  );
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect(String((err as Error).message)).toMatch(/deploy/);
  if (before) expect(await listedNodeIds(ctx)).toEqual(before);
}
