import { requireDuration, resolvePollInterval, sleep, type CallOptions } from '@cloudmux/core';
import type { Node, Ref, VolumeSnapshot } from '@cloudmux/core/compute';
import { ProviderError, TimeoutError } from '@cloudmux/core/errors';
import { toSnapshot } from './to-resources.js';
import type { JoyentSnapshotExtra } from './types.js';
import type { WireSnapshot } from './wire.js';
import type { JoyentContext } from './context.js';
import { machineId, segment } from './ids.js';
import { asArray } from './paging.js';

/** A snapshot name, from a name or a snapshot object (not checked: the path builder checks it). */
export function snapshotName(snapshot: Ref<VolumeSnapshot>): string {
  return typeof snapshot === 'object' && snapshot !== null ? (snapshot.name ?? snapshot.id) : snapshot;
}

/** `…/machines/<id>/snapshots[/<name>]`, the machine id and the name checked (before any request). */
function snapshotsPath(ctx: JoyentContext, method: string, node: Ref<Node>, name?: string): string {
  const id = machineId(node, method);
  const rest = name === undefined ? [] : [segment(name, 'snapshot', method, 'snapshot name')];
  return ctx.client.path('machines', id, 'snapshots', ...rest);
}

/** ListMachineSnapshots. */
export async function listSnapshots(
  ctx: JoyentContext,
  node: Ref<Node>,
  options: CallOptions,
): Promise<VolumeSnapshot<JoyentSnapshotExtra>[]> {
  const path = snapshotsPath(ctx, 'exListSnapshots', node);
  const res = await ctx.client.request<WireSnapshot[]>({ method: 'GET', path, signal: options.signal });
  return asArray(res, 'ListMachineSnapshots').map((s) => toSnapshot(s, machineId(node, 'exListSnapshots'), ctx.driver));
}

/** CreateMachineSnapshot (state `queued`, later `created`). */
export async function createSnapshot(
  ctx: JoyentContext,
  node: Ref<Node>,
  name: string | undefined,
  options: CallOptions,
): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
  const path = snapshotsPath(ctx, 'exCreateSnapshot', node);
  // The name becomes a path segment of every later call on the snapshot: checked like one.
  if (name !== undefined) segment(name, 'name', 'exCreateSnapshot', 'snapshot name');
  const res = await ctx.client.request<WireSnapshot>({
    method: 'POST',
    path,
    json: name === undefined ? {} : { name },
    signal: options.signal,
  });
  return toSnapshot(res.body, machineId(node, 'exCreateSnapshot'), ctx.driver);
}

/** GetMachineSnapshot. */
export async function getSnapshot(
  ctx: JoyentContext,
  node: Ref<Node>,
  name: string,
  options: CallOptions,
  method = 'exGetSnapshot',
): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
  const res = await ctx.client.request<WireSnapshot>({
    method: 'GET',
    path: snapshotsPath(ctx, method, node, name),
    signal: options.signal,
  });
  return toSnapshot(res.body, machineId(node, method), ctx.driver);
}

/** DeleteMachineSnapshot. */
export async function deleteSnapshot(ctx: JoyentContext, node: Ref<Node>, name: string, options: CallOptions): Promise<boolean> {
  await ctx.client.request<unknown>({ method: 'DELETE', path: snapshotsPath(ctx, 'exDeleteSnapshot', node, name), signal: options.signal });
  return true;
}

/** StartMachineFromSnapshot (machine must be stopped). */
export async function startFromSnapshot(ctx: JoyentContext, node: Ref<Node>, name: string, options: CallOptions): Promise<boolean> {
  await ctx.client.request<unknown>({
    method: 'POST',
    path: snapshotsPath(ctx, 'exStartFromSnapshot', node, name),
    idempotent: false,
    signal: options.signal,
  });
  return true;
}

/** Options of `exWaitForSnapshot`. */
export interface WaitForSnapshotOptions extends CallOptions {
  /** Poll interval (default 2000 ms; at least 100 ms, a smaller positive value is raised to it). */
  pollIntervalMs?: number | undefined;
  /** Give up after (default 600000 ms). */
  timeoutMs?: number | undefined;
}

/** Polls a snapshot until its state is `created`; a `failed` snapshot throws. */
export async function waitForSnapshot(
  ctx: JoyentContext,
  node: Ref<Node>,
  name: string,
  options: WaitForSnapshotOptions,
): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
  const method = 'exWaitForSnapshot';
  const id = machineId(node, method);
  segment(name, 'snapshot', method, 'snapshot name');
  const interval = resolvePollInterval(options.pollIntervalMs, 2000, 'pollIntervalMs', { method, provider: 'joyent' });
  const deadline = Date.now() + requireDuration(options.timeoutMs ?? 600_000, 'timeoutMs', { method, provider: 'joyent' });
  for (;;) {
    const snap = await getSnapshot(ctx, node, name, options, method);
    if (snap.state === 'created') return snap;
    if (snap.state === 'failed')
      throw new ProviderError(`Snapshot ${name} of machine ${id} failed`, { provider: 'joyent', providerCode: 'SnapshotFailed' });
    if (Date.now() + interval > deadline) {
      throw new TimeoutError(`Timed out waiting for snapshot ${name} of machine ${id} to be created; last state: ${snap.state}`, {
        lastState: snap.state,
        provider: 'joyent',
      });
    }
    await sleep(interval, options.signal);
  }
}
