import { randomUUID } from 'node:crypto';
import { checkExKeys, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import {
  type AttachVolumeOptions,
  type CreateVolumeOptions,
  type Ref,
  type StorageVolume,
  type VolumeSnapshot,
} from '@cloudmux/core/compute';
import type { Ec2Context } from './context.js';
import { returned } from './context.js';
import { ec2Id, ec2RefId } from './ids.js';
import { getNode } from './nodes.js';
import { addFilters, addTagSpecification, type Ec2Filters, type Ec2Params } from './params.js';
import { toSnapshot, toVolume } from './to-resources.js';
import type { Ec2SnapshotExtra, Ec2VolumeExtra } from './types.js';
import { items, txt } from './wire.js';

/** DescribeVolumes accepts at most 500 per page. */
const VOLUME_PAGE_MAX = 500;

/** EC2 extensions of `createVolume` (`ex`). */
export interface Ec2CreateVolumeEx {
  /** `gp3` (default on AWS), `gp2`, `io1`, `io2`, `st1`, `sc1`, `standard`. */
  volumeType?: string | undefined;
  /** Provisioned IOPS. */
  iops?: number | undefined;
  /** Throughput in MiB/s (gp3). */
  throughput?: number | undefined;
  /** Encrypt the volume. */
  encrypted?: boolean | undefined;
  /** KMS key for encryption. */
  kmsKeyId?: string | undefined;
  /** More tags (`name` becomes the `Name` tag). */
  tags?: Readonly<Record<string, string>> | undefined;
  /** Idempotency token (default: a new UUID per call). */
  clientToken?: string | undefined;
}

/** The keys of {@link Ec2CreateVolumeEx} (unknown `ex` keys are refused). */
const CREATE_VOLUME_EX_KEYS = Object.keys({
  volumeType: true,
  iops: true,
  throughput: true,
  encrypted: true,
  kmsKeyId: true,
  tags: true,
  clientToken: true,
} satisfies Record<keyof Ec2CreateVolumeEx, true>);

/** Filters of `exListVolumes`-style calls. */
export interface Ec2VolumeFilters {
  /** EC2 filters (`status`, `attachment.instance-id`, `tag:Name`…). */
  filters?: Ec2Filters | undefined;
}

/** Iterates EBS volumes (DescribeVolumes, MaxResults/NextToken). */
export async function* iterateVolumes(
  ctx: Ec2Context,
  options: CallOptions & Ec2VolumeFilters = {},
): AsyncGenerator<StorageVolume<Ec2VolumeExtra>> {
  const params = addFilters({}, options.filters);
  const pageSize = Math.min(ctx.settings.pageSize, VOLUME_PAGE_MAX);
  for await (const page of ctx.client.paginate('DescribeVolumes', params, pageSize, { signal: options.signal })) {
    for (const v of items(page, 'volumeSet')) yield toVolume(v, ctx.driver);
  }
}

/** One volume by id; `NotFoundError` when absent. */
export async function getVolume(ctx: Ec2Context, id: string, options: CallOptions = {}): Promise<StorageVolume<Ec2VolumeExtra>> {
  ec2Id(ctx, id, 'id', 'exGetVolume', 'volume id');
  const res = await ctx.client.call('DescribeVolumes', { 'VolumeId.1': id }, { idempotent: true, signal: options.signal });
  const found = items(res, 'volumeSet').find((v) => txt(v, 'volumeId') === id);
  if (found === undefined)
    throw new NotFoundError(`${ctx.settings.provider.id}: volume ${id} not found`, {
      provider: ctx.settings.provider.id,
      providerCode: 'InvalidVolume.NotFound',
    });
  return toVolume(found, ctx.driver);
}

async function defaultZone(ctx: Ec2Context, signal: AbortSignal | undefined): Promise<string> {
  const res = await ctx.client.call('DescribeAvailabilityZones', {}, { idempotent: true, signal });
  const zones = items(res, 'availabilityZoneInfo');
  const zone = txt(zones.find((z) => txt(z, 'zoneState') === 'available') ?? zones[0], 'zoneName');
  if (zone === undefined)
    throw new InvalidArgumentError(`${ctx.settings.provider.name}: no availability zone to create the volume in; pass location`);
  return zone;
}

/** CreateVolume (in `location`, else the first available zone), tagged with its name; idempotent through `ClientToken`. */
export async function createVolume(
  ctx: Ec2Context,
  options: CreateVolumeOptions<Ec2CreateVolumeEx>,
): Promise<StorageVolume<Ec2VolumeExtra>> {
  if (!Number.isInteger(options.sizeGb) || options.sizeGb < 1)
    throw new InvalidArgumentError(`createVolume: sizeGb must be a positive integer, got ${String(options.sizeGb)}`);
  const ex = checkExKeys(options.ex, CREATE_VOLUME_EX_KEYS, { method: 'createVolume', provider: ctx.settings.provider.id }) ?? {};
  const snapshotId =
    options.snapshot === undefined ? undefined : ec2RefId(ctx, options.snapshot, 'snapshot', 'createVolume', 'snapshot id');
  const zone =
    options.location !== undefined
      ? ec2RefId(ctx, options.location, 'location', 'createVolume', 'availability zone')
      : await defaultZone(ctx, options.signal);
  const params: Ec2Params = {
    Size: options.sizeGb,
    AvailabilityZone: zone,
    SnapshotId: snapshotId,
    VolumeType: ex.volumeType,
    Iops: ex.iops,
    Throughput: ex.throughput,
    Encrypted: ex.encrypted,
    KmsKeyId: ex.kmsKeyId,
    ClientToken: ex.clientToken ?? randomUUID(),
  };
  addTagSpecification(params, 1, 'volume', { ...(ex.tags ?? {}), Name: options.name });
  const res = await ctx.client.call('CreateVolume', params, { idempotent: true, signal: options.signal });
  const tags = { item: [...Object.entries({ ...(ex.tags ?? {}), Name: options.name })].map(([key, value]) => ({ key, value })) };
  return toVolume(items(res, 'tagSet').length > 0 ? res : { ...res, tagSet: tags }, ctx.driver);
}

const DEVICES = 'fghijklmnop'.split('').map((c) => `/dev/sd${c}`);

/** AttachVolume; without `device`, the first of `/dev/sdf`…`/dev/sdp` the instance does not use. */
export async function attachVolume(ctx: Ec2Context, volume: Ref<StorageVolume>, options: AttachVolumeOptions): Promise<boolean> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('attachVolume: options with the node to attach to are required');
  const nodeId = ec2RefId(ctx, options.node, 'node', 'attachVolume', 'instance id');
  const volumeId = ec2RefId(ctx, volume, 'volume', 'attachVolume', 'volume id');
  let device = options.device;
  if (device === undefined) {
    const current = await getNode(ctx, nodeId, options, 'attachVolume');
    const used = new Set(current.extra.blockDevices.map((b) => b.deviceName.replace(/^\/dev\/xvd/, '/dev/sd')));
    device = DEVICES.find((d) => !used.has(d));
    if (device === undefined)
      throw new InvalidArgumentError(`attachVolume: every device /dev/sdf-/dev/sdp of ${nodeId} is in use; pass device`);
  }
  const res = await ctx.client.call('AttachVolume', { VolumeId: volumeId, InstanceId: nodeId, Device: device }, { signal: options.signal });
  return txt(res, 'volumeId') === volumeId;
}

/** DetachVolume. */
export async function detachVolume(
  ctx: Ec2Context,
  volume: Ref<StorageVolume>,
  options: CallOptions & { force?: boolean | undefined } = {},
): Promise<boolean> {
  const volumeId = ec2RefId(ctx, volume, 'volume', 'detachVolume', 'volume id');
  const res = await ctx.client.call('DetachVolume', { VolumeId: volumeId, Force: options.force }, { signal: options.signal });
  return txt(res, 'volumeId') === volumeId;
}

/** DeleteVolume. */
export async function destroyVolume(ctx: Ec2Context, volume: Ref<StorageVolume>, options: CallOptions = {}): Promise<boolean> {
  const volumeId = ec2RefId(ctx, volume, 'volume', 'destroyVolume', 'volume id');
  return returned(await ctx.client.call('DeleteVolume', { VolumeId: volumeId }, { signal: options.signal }));
}

/** Iterates snapshots the account owns (DescribeSnapshots `Owner.1=self`), of one volume when given. */
export async function* iterateVolumeSnapshots(
  ctx: Ec2Context,
  options: CallOptions & { volume?: Ref<StorageVolume> | undefined; filters?: Ec2Filters | undefined } = {},
): AsyncGenerator<VolumeSnapshot<Ec2SnapshotExtra>> {
  const filters: Record<string, string | readonly string[]> = { ...(options.filters ?? {}) };
  if (options.volume !== undefined) filters['volume-id'] = ec2RefId(ctx, options.volume, 'volume', 'listVolumeSnapshots', 'volume id');
  const params = addFilters({ 'Owner.1': 'self' }, filters);
  for await (const page of ctx.client.paginate('DescribeSnapshots', params, ctx.settings.pageSize, { signal: options.signal })) {
    for (const s of items(page, 'snapshotSet')) yield toSnapshot(s, ctx.driver);
  }
}

/** CreateSnapshot with `name` as description and `Name` tag. */
export async function createVolumeSnapshot(
  ctx: Ec2Context,
  volume: Ref<StorageVolume>,
  options: CallOptions & { name?: string | undefined } = {},
): Promise<VolumeSnapshot<Ec2SnapshotExtra>> {
  const params: Ec2Params = { VolumeId: ec2RefId(ctx, volume, 'volume', 'createVolumeSnapshot', 'volume id'), Description: options.name };
  if (options.name !== undefined) addTagSpecification(params, 1, 'snapshot', { Name: options.name });
  const res = await ctx.client.call('CreateSnapshot', params, { signal: options.signal });
  return toSnapshot(res, ctx.driver);
}

/** DeleteSnapshot. */
export async function destroyVolumeSnapshot(ctx: Ec2Context, snapshot: Ref<VolumeSnapshot>, options: CallOptions = {}): Promise<boolean> {
  const snapshotId = ec2RefId(ctx, snapshot, 'snapshot', 'destroyVolumeSnapshot', 'snapshot id');
  return returned(await ctx.client.call('DeleteSnapshot', { SnapshotId: snapshotId }, { signal: options.signal }));
}
