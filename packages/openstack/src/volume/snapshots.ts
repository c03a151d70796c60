/**
 * Cinder v3 snapshots: list (every page of `/snapshots/detail`, optionally of one volume), create, destroy.
 * @module
 */
import { checkExKeys, requireRefId, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { CreateVolumeSnapshotOptions, ListVolumeSnapshotsOptions, Ref, StorageVolume, VolumeSnapshot } from '@cloudmux/core/compute';
import { iteratePages, nextLink } from '../common/paging.js';
import type { VolumeContext } from './context.js';
import { toSnapshot } from './to-volume.js';
import type { OpenStackCreateVolumeSnapshotEx, OpenStackSnapshotExtra } from './types.js';
import { seg } from './volumes.js';
import type { CinderSnapshotListWire, CinderSnapshotWire } from './wire.js';

/** Options of `createVolumeSnapshot` with OpenStack extensions. */
export interface OpenStackCreateVolumeSnapshotOptions extends CreateVolumeSnapshotOptions {
  /** Provider extensions. */
  ex?: OpenStackCreateVolumeSnapshotEx | undefined;
}

const CREATE_SNAPSHOT_EX_KEYS = Object.keys({
  description: true,
  force: true,
  metadata: true,
} satisfies Record<keyof OpenStackCreateVolumeSnapshotEx, true>);

/** Iterates snapshots (`GET /snapshots/detail?volume_id=…`, following `snapshots_links`). */
export async function* iterateVolumeSnapshots(
  ctx: VolumeContext,
  options: ListVolumeSnapshotsOptions = {},
): AsyncGenerator<VolumeSnapshot<OpenStackSnapshotExtra>> {
  const volumeId =
    options.volume === undefined
      ? undefined
      : requireRefId(options.volume, 'volume', { method: 'listVolumeSnapshots', provider: ctx.volume.provider, what: 'volume id' });
  const query = volumeId === undefined ? '' : `?volume_id=${encodeURIComponent(volumeId)}`;
  const pages = iteratePages<CinderSnapshotWire>(
    ctx.volume,
    { method: 'GET', path: `snapshots/detail${query}`, idempotent: true, errorContext: { action: 'list snapshots' } },
    (body) => {
      const b = (body ?? {}) as CinderSnapshotListWire;
      return { items: Array.isArray(b.snapshots) ? b.snapshots : [], next: nextLink(b.snapshots_links) };
    },
    options.signal,
  );
  for await (const s of pages) {
    // Older Cinder releases ignore unknown filters: keep the promise of "snapshots of this volume".
    if (volumeId === undefined || s.volume_id === volumeId) yield toSnapshot(s, ctx.driver);
  }
}

/** Snapshots a volume (`POST /snapshots`); `ex.force` snapshots an attached volume. Starts `creating`. */
export async function createVolumeSnapshot(
  ctx: VolumeContext,
  volume: Ref<StorageVolume>,
  options: OpenStackCreateVolumeSnapshotOptions = {},
): Promise<VolumeSnapshot<OpenStackSnapshotExtra>> {
  const provider = ctx.volume.provider;
  const volumeId = requireRefId(volume, 'volume', { method: 'createVolumeSnapshot', provider, what: 'volume id' });
  if (options.name !== undefined && typeof options.name !== 'string')
    throw new InvalidArgumentError(`createVolumeSnapshot: name must be a string, got ${typeof options.name}`, { provider });
  const ex = checkExKeys(options.ex, CREATE_SNAPSHOT_EX_KEYS, { method: 'createVolumeSnapshot', provider }) ?? {};
  const snapshot: Record<string, unknown> = { volume_id: volumeId };
  if (options.name !== undefined) snapshot.name = options.name;
  if (ex.description !== undefined) snapshot.description = ex.description;
  if (ex.force !== undefined) snapshot.force = ex.force;
  if (ex.metadata !== undefined) snapshot.metadata = { ...ex.metadata };
  const res = await ctx.volume.request<{ snapshot: CinderSnapshotWire }>({
    method: 'POST',
    path: 'snapshots',
    json: { snapshot },
    signal: options.signal,
    errorContext: { action: `snapshot volume ${volumeId}` },
  });
  return toSnapshot(res.body.snapshot, ctx.driver);
}

/** One snapshot by id; `NotFoundError` when absent. */
export async function getVolumeSnapshot(
  ctx: VolumeContext,
  snapshot: Ref<VolumeSnapshot>,
  options: CallOptions = {},
): Promise<VolumeSnapshot<OpenStackSnapshotExtra>> {
  const id = requireRefId(snapshot, 'snapshot', { method: 'exGetVolumeSnapshot', provider: ctx.volume.provider, what: 'snapshot id' });
  const res = await ctx.volume.request<{ snapshot: CinderSnapshotWire }>({
    method: 'GET',
    path: `snapshots/${seg(id)}`,
    idempotent: true,
    signal: options.signal,
    errorContext: { action: `get snapshot ${id}` },
  });
  return toSnapshot(res.body.snapshot, ctx.driver);
}

/** Deletes a snapshot (`DELETE /snapshots/{id}`). */
export async function destroyVolumeSnapshot(
  ctx: VolumeContext,
  snapshot: Ref<VolumeSnapshot>,
  options: CallOptions = {},
): Promise<boolean> {
  const id = requireRefId(snapshot, 'snapshot', { method: 'destroyVolumeSnapshot', provider: ctx.volume.provider, what: 'snapshot id' });
  await ctx.volume.request({
    method: 'DELETE',
    path: `snapshots/${seg(id)}`,
    signal: options.signal,
    errorContext: { action: `delete snapshot ${id}` },
  });
  return true;
}
