import { assertKnownOptions, checkExKeys, requireRefId, throwIfAborted } from '@cloudmux/core';
import {
  NodeState,
  StorageVolumeState,
  type AttachVolumeOptions,
  type CreateVolumeOptions,
  type CreateVolumeSnapshotOptions,
  type NodeDriver,
  type StorageVolume,
  type VolumeSnapshot,
} from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { schedule, settle } from '../common/timed.js';
import { checkInteger, checkLabel } from '../common/validate.js';
import { incorrectState, notFound } from './errors.js';
import type { SnapshotRecord, VolumeRecord } from './records.js';
import { ComputeState } from './state.js';
import { toSnapshot, toVolume } from './to-resources.js';
import type { DummyVolumeExtra } from './types.js';

const MAX_VOLUME_GB = 16_384;

/** A checked id of a volume, snapshot or node argument (a resource or its id). */
function idArg(ref: unknown, argName: string, method: string, what: string): string {
  return requireRefId(ref, argName, { method, provider: 'dummy', what });
}

function requireVolume(state: ComputeState, ref: unknown, method: string): VolumeRecord {
  const id = idArg(ref, 'volume', method, 'volume id');
  const v = state.volume(id);
  if (!v) throw notFound('Volume', id);
  return v;
}

/** Volumes in creation order. */
export function listVolumeRecords(state: ComputeState): VolumeRecord[] {
  const out = [...state.volumes.values()];
  for (const v of out) settle(v);
  return out.sort((a, b) => a.seq - b.seq);
}

/** `createVolume`: `creating`, then `available` after `volumeDelayMs`. */
export function createVolume(state: ComputeState, driver: NodeDriver, options: CreateVolumeOptions): StorageVolume<DummyVolumeExtra> {
  assertKnownOptions('createVolume', options, ['sizeGb', 'name', 'location', 'snapshot', 'ex', 'signal']);
  throwIfAborted(options.signal);
  checkExKeys(options.ex, [], { method: 'createVolume', provider: driver.providerId });
  const name = checkLabel('volume name', options.name);
  const sizeGb = checkInteger('volume sizeGb', options.sizeGb, 1, MAX_VOLUME_GB);
  const locationId = state.location(options.location);
  let snapshotId: string | undefined;
  if (options.snapshot !== undefined) {
    snapshotId = idArg(options.snapshot, 'snapshot', 'createVolume', 'snapshot id');
    const snap = state.snapshot(snapshotId);
    if (!snap) throw notFound('Snapshot', snapshotId);
    if (snap.state !== 'completed')
      throw incorrectState(`Snapshot ${snap.id} is ${snap.state}; a volume can only be created from a completed snapshot`);
    if (sizeGb < snap.sizeGb)
      throw new InvalidArgumentError(
        `Invalid volume sizeGb ${sizeGb}: snapshot ${snap.id} holds ${snap.sizeGb} GiB, so the volume must be at least that big`,
      );
  }
  const seq = state.nextSeq();
  const v: VolumeRecord = {
    seq,
    id: `vol-${seq}`,
    name,
    sizeGb,
    state: StorageVolumeState.CREATING,
    locationId,
    snapshotId,
    created: new Date(),
  };
  state.volumes.set(v.id, v);
  schedule(v, state.options.volumeDelayMs, () => {
    v.state = StorageVolumeState.AVAILABLE;
  });
  return toVolume(v, driver);
}

/** Next free device name (`/dev/vdb`, `/dev/vdc`...) on a node. */
function nextDevice(state: ComputeState, nodeId: string): string {
  const used = new Set([...state.volumes.values()].filter((v) => v.attachedTo === nodeId).map((v) => v.device));
  for (let c = 'b'.charCodeAt(0); c <= 'z'.charCodeAt(0); c++) {
    const dev = `/dev/vd${String.fromCharCode(c)}`;
    if (!used.has(dev)) return dev;
  }
  throw incorrectState(`Node ${nodeId} has no free device name left`);
}

/** `attachVolume`: the volume must be available, the node running or stopped, both in one location. */
export function attachVolume(state: ComputeState, volumeRef: unknown, options: AttachVolumeOptions): boolean {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('attachVolume: options with the node to attach to are required');
  assertKnownOptions('attachVolume', options, ['node', 'device', 'signal']);
  throwIfAborted(options.signal);
  const nodeId = idArg(options.node, 'node', 'attachVolume', 'node id');
  idArg(volumeRef, 'volume', 'attachVolume', 'volume id');
  const node = state.node(nodeId);
  if (!node) throw notFound('Node', nodeId);
  const v = requireVolume(state, volumeRef, 'attachVolume');
  if (v.state !== StorageVolumeState.AVAILABLE) {
    throw incorrectState(
      `Volume ${v.id} is ${v.state}${v.attachedTo ? ` (attached to ${v.attachedTo})` : ''}; attachVolume needs an available volume`,
    );
  }
  if (node.state !== NodeState.RUNNING && node.state !== NodeState.STOPPED) {
    throw incorrectState(`Node ${node.id} is ${node.state}; volumes attach to running or stopped nodes`);
  }
  if (node.locationId !== v.locationId) {
    throw incorrectState(`Volume ${v.id} is in ${v.locationId} but node ${node.id} is in ${node.locationId}`);
  }
  let device = options.device;
  if (device !== undefined) {
    if (typeof device !== 'string' || !/^\/dev\/[a-z][a-z0-9]{1,15}$/.test(device)) {
      throw new InvalidArgumentError(`Invalid device ${JSON.stringify(device)}: expected a name like /dev/vdb`);
    }
    const taken = [...state.volumes.values()].find((x) => x.attachedTo === node.id && x.device === device);
    if (taken) throw incorrectState(`Device ${device} on node ${node.id} is taken by volume ${taken.id}`);
  } else {
    device = nextDevice(state, node.id);
  }
  v.state = StorageVolumeState.ATTACHING;
  v.attachedTo = node.id;
  v.device = device;
  schedule(v, state.options.volumeDelayMs, () => {
    v.state = StorageVolumeState.INUSE;
  });
  return true;
}

/** `detachVolume`: the volume must be in use. */
export function detachVolume(state: ComputeState, volumeRef: unknown, options: { signal?: AbortSignal | undefined } = {}): boolean {
  assertKnownOptions('detachVolume', options, ['signal']);
  throwIfAborted(options.signal);
  const v = requireVolume(state, volumeRef, 'detachVolume');
  if (v.state !== StorageVolumeState.INUSE) throw incorrectState(`Volume ${v.id} is ${v.state}; detachVolume needs a volume in use`);
  v.state = StorageVolumeState.DETACHING;
  schedule(v, state.options.volumeDelayMs, () => {
    v.state = StorageVolumeState.AVAILABLE;
    v.attachedTo = undefined;
    v.device = undefined;
  });
  return true;
}

/** Detaches every volume of a node at once (the node is being destroyed). */
export function releaseVolumesOf(state: ComputeState, nodeId: string): void {
  for (const v of state.volumes.values()) {
    if (v.attachedTo !== nodeId) continue;
    v.next = undefined;
    v.state = StorageVolumeState.AVAILABLE;
    v.attachedTo = undefined;
    v.device = undefined;
  }
}

/** `destroyVolume`: only an available (or failed) volume can go. */
export function destroyVolume(state: ComputeState, volumeRef: unknown, options: { signal?: AbortSignal | undefined } = {}): boolean {
  assertKnownOptions('destroyVolume', options, ['signal']);
  throwIfAborted(options.signal);
  const v = requireVolume(state, volumeRef, 'destroyVolume');
  if (v.state !== StorageVolumeState.AVAILABLE && v.state !== StorageVolumeState.ERROR) {
    throw incorrectState(
      `Volume ${v.id} is ${v.state}${v.attachedTo ? ` (attached to ${v.attachedTo})` : ''}; detach it before destroying it`,
    );
  }
  state.volumes.delete(v.id);
  return true;
}

/** `createVolumeSnapshot`: `creating`, then `completed` after `volumeDelayMs`. */
export function createSnapshot(
  state: ComputeState,
  driver: NodeDriver,
  volumeRef: unknown,
  options: CreateVolumeSnapshotOptions = {},
): VolumeSnapshot {
  assertKnownOptions('createVolumeSnapshot', options, ['name', 'signal']);
  throwIfAborted(options.signal);
  const v = requireVolume(state, volumeRef, 'createVolumeSnapshot');
  if (v.state === StorageVolumeState.CREATING || v.state === StorageVolumeState.ERROR) {
    throw incorrectState(`Volume ${v.id} is ${v.state}; it cannot be snapshotted yet`);
  }
  const name = options.name === undefined ? undefined : checkLabel('snapshot name', options.name);
  const seq = state.nextSeq();
  const s: SnapshotRecord = { seq, id: `snap-${seq}`, name, sizeGb: v.sizeGb, sourceId: v.id, state: 'creating', created: new Date() };
  state.snapshots.set(s.id, s);
  schedule(s, state.options.volumeDelayMs, () => {
    s.state = 'completed';
  });
  return toSnapshot(s, driver);
}

/** Snapshots in creation order, optionally of one volume. */
export function listSnapshots(state: ComputeState, driver: NodeDriver, volume: unknown): VolumeSnapshot[] {
  const sourceId = volume === undefined ? undefined : idArg(volume, 'volume', 'listVolumeSnapshots', 'volume id');
  const out = [...state.snapshots.values()].filter((s) => sourceId === undefined || s.sourceId === sourceId);
  for (const s of out) settle(s);
  return out.sort((a, b) => a.seq - b.seq).map((s) => toSnapshot(s, driver));
}

/** `destroyVolumeSnapshot`. */
export function destroySnapshot(state: ComputeState, ref: unknown, options: { signal?: AbortSignal | undefined } = {}): boolean {
  assertKnownOptions('destroyVolumeSnapshot', options, ['signal']);
  throwIfAborted(options.signal);
  const id = idArg(ref, 'snapshot', 'destroyVolumeSnapshot', 'snapshot id');
  if (!state.snapshots.delete(id)) throw notFound('Snapshot', id);
  return true;
}
