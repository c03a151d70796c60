/**
 * Cinder v3 volumes: list (every page of `/volumes/detail`), get, create, destroy, and waiting for a state.
 * @module
 */
import { checkExKeys, requireDuration, requireRefId, resolvePollInterval, sleep, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, ProviderError, TimeoutError } from '@cloudmux/core/errors';
import type { CreateVolumeOptions, Ref, StorageVolume, StorageVolumeState } from '@cloudmux/core/compute';
import { iteratePages, nextLink } from '../common/paging.js';
import type { VolumeContext } from './context.js';
import { toVolume } from './to-volume.js';
import type { OpenStackCreateVolumeEx, OpenStackVolumeExtra } from './types.js';
import type { CinderCreateVolumeWire, CinderVolumeListWire, CinderVolumeWire } from './wire.js';

/** Options of `iterateVolumes` / `listVolumes`. */
export interface OpenStackListVolumesOptions extends CallOptions {
  /** Page size asked of Cinder (`limit`; the server may cap it). Default: the server's. */
  pageSize?: number | undefined;
}

const CREATE_VOLUME_EX_KEYS = Object.keys({
  volumeType: true,
  description: true,
  imageId: true,
  sourceVolumeId: true,
  metadata: true,
} satisfies Record<keyof OpenStackCreateVolumeEx, true>);

/** Path segment of an id (encoded). */
export function seg(id: string): string {
  return encodeURIComponent(id);
}

/** Checks a positive integer page size. */
export function pageSizeQuery(method: string, provider: string, pageSize: number | undefined): string {
  if (pageSize === undefined) return '';
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new InvalidArgumentError(`${method}: pageSize must be a positive integer, got ${String(pageSize)}`, { provider });
  return `?limit=${pageSize}`;
}

/** Iterates every volume of the project (`GET /volumes/detail`, following `volumes_links`). */
export async function* iterateVolumes(
  ctx: VolumeContext,
  options: OpenStackListVolumesOptions = {},
): AsyncGenerator<StorageVolume<OpenStackVolumeExtra>> {
  const query = pageSizeQuery('listVolumes', ctx.volume.provider, options.pageSize);
  const pages = iteratePages<CinderVolumeWire>(
    ctx.volume,
    { method: 'GET', path: `volumes/detail${query}`, idempotent: true, errorContext: { action: 'list volumes' } },
    (body) => {
      const b = (body ?? {}) as CinderVolumeListWire;
      return { items: Array.isArray(b.volumes) ? b.volumes : [], next: nextLink(b.volumes_links) };
    },
    options.signal,
  );
  for await (const v of pages) yield toVolume(v, ctx.driver);
}

/** One volume by id (or object, fetched again); `NotFoundError` when absent. */
export async function getVolume(
  ctx: VolumeContext,
  volume: Ref<StorageVolume>,
  options: CallOptions = {},
): Promise<StorageVolume<OpenStackVolumeExtra>> {
  const id = requireRefId(volume, 'volume', { method: 'exGetVolume', provider: ctx.volume.provider, what: 'volume id' });
  const res = await ctx.volume.request<{ volume: CinderVolumeWire }>({
    method: 'GET',
    path: `volumes/${seg(id)}`,
    idempotent: true,
    signal: options.signal,
    errorContext: { action: `get volume ${id}` },
  });
  return toVolume(res.body.volume, ctx.driver);
}

/**
 * Creates a volume (`POST /volumes`): `sizeGb`, `name`, `location` (availability zone), `snapshot`; `ex` adds the
 * volume type, description, source image or volume, and metadata. The volume starts `creating`.
 */
export async function createVolume(
  ctx: VolumeContext,
  options: CreateVolumeOptions<OpenStackCreateVolumeEx>,
): Promise<StorageVolume<OpenStackVolumeExtra>> {
  const provider = ctx.volume.provider;
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('createVolume: options with name and sizeGb are required', { provider });
  if (!Number.isInteger(options.sizeGb) || options.sizeGb < 1)
    throw new InvalidArgumentError(`createVolume: sizeGb must be a positive integer (GiB), got ${String(options.sizeGb)}`, { provider });
  if (typeof options.name !== 'string')
    throw new InvalidArgumentError(`createVolume: name must be a string, got ${typeof options.name}`, { provider });
  const ex = checkExKeys(options.ex, CREATE_VOLUME_EX_KEYS, { method: 'createVolume', provider }) ?? {};
  const at = { method: 'createVolume', provider };
  const body: CinderCreateVolumeWire = { volume: { size: options.sizeGb, name: options.name } };
  if (ex.description !== undefined) body.volume.description = ex.description;
  if (ex.volumeType !== undefined) body.volume.volume_type = ex.volumeType;
  if (options.location !== undefined)
    body.volume.availability_zone = requireRefId(options.location, 'location', { ...at, what: 'availability zone' });
  if (options.snapshot !== undefined) body.volume.snapshot_id = requireRefId(options.snapshot, 'snapshot', { ...at, what: 'snapshot id' });
  if (ex.imageId !== undefined) body.volume.imageRef = ex.imageId;
  if (ex.sourceVolumeId !== undefined) body.volume.source_volid = ex.sourceVolumeId;
  if (ex.metadata !== undefined) body.volume.metadata = { ...ex.metadata };
  const sources = [body.volume.snapshot_id, body.volume.imageRef, body.volume.source_volid].filter((s) => s !== undefined);
  if (sources.length > 1)
    throw new InvalidArgumentError('createVolume: pass at most one of snapshot, ex.imageId and ex.sourceVolumeId', { provider });
  const res = await ctx.volume.request<{ volume: CinderVolumeWire }>({
    method: 'POST',
    path: 'volumes',
    json: body,
    signal: options.signal,
    errorContext: { action: `create volume ${JSON.stringify(options.name)}` },
  });
  return toVolume(res.body.volume, ctx.driver);
}

/** Deletes a volume (`DELETE /volumes/{id}`; Cinder refuses an attached one or one with snapshots). */
export async function destroyVolume(ctx: VolumeContext, volume: Ref<StorageVolume>, options: CallOptions = {}): Promise<boolean> {
  const id = requireRefId(volume, 'volume', { method: 'destroyVolume', provider: ctx.volume.provider, what: 'volume id' });
  await ctx.volume.request({
    method: 'DELETE',
    path: `volumes/${seg(id)}`,
    signal: options.signal,
    errorContext: { action: `delete volume ${id}` },
  });
  return true;
}

/** Options of `exWaitForVolume`. */
export interface WaitForVolumeOptions extends CallOptions {
  /** States to wait for (e.g. `['available']`). */
  states: readonly StorageVolumeState[];
  /** Give up after this long (default 600000). */
  timeoutMs?: number | undefined;
  /** Poll interval (default 2000, at least 100). */
  pollIntervalMs?: number | undefined;
  /** Fail at once (`ProviderError`) when the volume reaches an error state (default true). */
  failOnError?: boolean | undefined;
}

/** Polls a volume until it is in one of `states`; `TimeoutError` after `timeoutMs`, `NotFoundError` if it disappears. */
export async function waitForVolume(
  ctx: VolumeContext,
  volume: Ref<StorageVolume>,
  options: WaitForVolumeOptions,
): Promise<StorageVolume<OpenStackVolumeExtra>> {
  const provider = ctx.volume.provider;
  const at = { method: 'exWaitForVolume', provider };
  if (!Array.isArray(options?.states) || options.states.length === 0)
    throw new InvalidArgumentError('exWaitForVolume: states must list at least one volume state', { provider });
  const timeoutMs = requireDuration(options.timeoutMs ?? 600_000, 'timeoutMs', at);
  const pollMs = resolvePollInterval(options.pollIntervalMs, 2000, 'pollIntervalMs', at);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await getVolume(ctx, volume, { signal: options.signal });
    if (options.states.includes(current.state)) return current;
    if (current.state === 'error' && options.failOnError !== false)
      throw new ProviderError(`exWaitForVolume: volume ${current.id} went to ${current.extra.status}`, {
        provider,
        providerCode: current.extra.status,
      });
    if (Date.now() + pollMs > deadline)
      throw new TimeoutError(
        `exWaitForVolume: volume ${current.id} still ${current.extra.status} after ${timeoutMs} ms (waiting for ${options.states.join(', ')})`,
        { provider, lastState: current.extra.status },
      );
    await sleep(pollMs, options.signal);
  }
}
