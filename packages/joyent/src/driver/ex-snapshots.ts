import { sleep, type CallOptions } from '@cloudmux/core';
import { type Node, type Ref, refId, type VolumeSnapshot } from '@cloudmux/core/compute';
import { ProviderError, TimeoutError } from '@cloudmux/core/errors';
import { toSnapshot } from '../mappers/to-resources.js';
import type { JoyentSnapshotExtra } from '../types.js';
import type { WireSnapshot } from '../wire.js';
import type { JoyentDriverBase } from './base-driver.js';
import { internalsOf } from './internals.js';
import { asArray } from './paging.js';

/** A snapshot name, from a name or a snapshot object. */
export function snapshotName(snapshot: Ref<VolumeSnapshot>): string {
  return typeof snapshot === 'string' ? snapshot : (snapshot.name ?? snapshot.id);
}

function snapshotsPath(d: JoyentDriverBase, node: Ref<Node>, ...rest: string[]): string {
  return internalsOf(d).client.path('machines', refId(node), 'snapshots', ...rest);
}

/** ListMachineSnapshots. */
export async function listSnapshots(d: JoyentDriverBase, node: Ref<Node>, options: CallOptions): Promise<VolumeSnapshot<JoyentSnapshotExtra>[]> {
  const res = await internalsOf(d).client.request<WireSnapshot[]>({ method: 'GET', path: snapshotsPath(d, node), signal: options.signal });
  return asArray(res, 'ListMachineSnapshots').map((s) => toSnapshot(s, refId(node), d));
}

/** CreateMachineSnapshot (state `queued`, later `created`). */
export async function createSnapshot(d: JoyentDriverBase, node: Ref<Node>, name: string | undefined, options: CallOptions): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
  const res = await internalsOf(d).client.request<WireSnapshot>({
    method: 'POST',
    path: snapshotsPath(d, node),
    json: name === undefined ? {} : { name },
    signal: options.signal,
  });
  return toSnapshot(res.body, refId(node), d);
}

/** GetMachineSnapshot. */
export async function getSnapshot(d: JoyentDriverBase, node: Ref<Node>, name: string, options: CallOptions): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
  const res = await internalsOf(d).client.request<WireSnapshot>({ method: 'GET', path: snapshotsPath(d, node, name), signal: options.signal });
  return toSnapshot(res.body, refId(node), d);
}

/** DeleteMachineSnapshot. */
export async function deleteSnapshot(d: JoyentDriverBase, node: Ref<Node>, name: string, options: CallOptions): Promise<boolean> {
  await internalsOf(d).client.request<unknown>({ method: 'DELETE', path: snapshotsPath(d, node, name), signal: options.signal });
  return true;
}

/** StartMachineFromSnapshot (machine must be stopped). */
export async function startFromSnapshot(d: JoyentDriverBase, node: Ref<Node>, name: string, options: CallOptions): Promise<boolean> {
  await internalsOf(d).client.request<unknown>({ method: 'POST', path: snapshotsPath(d, node, name), idempotent: false, signal: options.signal });
  return true;
}

/** Options of `exWaitForSnapshot`. */
export interface WaitForSnapshotOptions extends CallOptions {
  /** Poll interval (default 2000 ms). */
  pollIntervalMs?: number | undefined;
  /** Give up after (default 600000 ms). */
  timeoutMs?: number | undefined;
}

/** Polls a snapshot until its state is `created`; a `failed` snapshot throws. */
export async function waitForSnapshot(d: JoyentDriverBase, node: Ref<Node>, name: string, options: WaitForSnapshotOptions): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
  const interval = options.pollIntervalMs ?? 2000;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    const snap = await getSnapshot(d, node, name, options);
    if (snap.state === 'created') return snap;
    if (snap.state === 'failed') throw new ProviderError(`Snapshot ${name} of machine ${refId(node)} failed`, { provider: 'joyent', providerCode: 'SnapshotFailed' });
    if (Date.now() + interval > deadline) {
      throw new TimeoutError(`Timed out waiting for snapshot ${name} of machine ${refId(node)} to be created; last state: ${snap.state}`, { lastState: snap.state, provider: 'joyent' });
    }
    await sleep(interval, options.signal);
  }
}
