import { Ec2Error, invalidValue, missingParameter } from '../errors.js';
import { compileFilters, parseFilters, type FilterField } from '../filters.js';
import { newId } from '../ids.js';
import { attachVolume, detachVolume } from '../lifecycle.js';
import type { SnapshotRecord, VolumeRecord } from '../model.js';
import { paginate } from '../paging.js';
import { tagSpecifications } from '../params.js';
import { makeVolume, VOLUME_SIZE_LIMITS, VOLUME_TYPES } from '../records.js';
import type { XmlWriter } from '../xml-writer.js';
import { isoTime, type ActionContext, type ActionTable } from './context.js';
import { idempotent } from '../idempotency.js';

const VOLUME_FIELDS: Record<string, FilterField<VolumeRecord>> = {
  'volume-id': (v) => v.id,
  status: (v) => v.state,
  'availability-zone': (v) => v.availabilityZone,
  size: (v) => String(v.size),
  'volume-type': (v) => v.volumeType,
  'snapshot-id': (v) => v.snapshotId,
  encrypted: (v) => String(v.encrypted),
  'create-time': (v) => isoTime(v.createTime),
  'attachment.instance-id': (v) => v.attachment?.instanceId,
  'attachment.status': (v) => v.attachment?.status,
  'attachment.device': (v) => v.attachment?.device,
  'attachment.delete-on-termination': (v) => (v.attachment ? String(v.attachment.deleteOnTermination) : undefined),
};

const SNAPSHOT_FIELDS: Record<string, FilterField<SnapshotRecord>> = {
  'snapshot-id': (s) => s.id,
  'volume-id': (s) => s.volumeId,
  status: (s) => s.state,
  'owner-id': (s) => s.ownerId,
  description: (s) => s.description,
  'volume-size': (s) => String(s.volumeSize),
  encrypted: (s) => String(s.encrypted),
  progress: (s) => (s.state === 'completed' ? '100%' : '0%'),
  'start-time': (s) => isoTime(s.startTime),
};

/** Writes the elements of a volume (DescribeVolumes item / CreateVolume response). */
function writeVolume(w: XmlWriter, v: VolumeRecord): void {
  w.leaf('volumeId', v.id)
    .leaf('size', v.size)
    .leaf('snapshotId', v.snapshotId ?? '')
    .leaf('availabilityZone', v.availabilityZone);
  w.leaf('status', v.state).leaf('createTime', isoTime(v.createTime));
  w.list('attachmentSet', v.attachment ? [v.attachment] : [], (a, x) => {
    x.leaf('volumeId', v.id)
      .leaf('instanceId', a.instanceId)
      .leaf('device', a.device)
      .leaf('status', a.status)
      .leaf('attachTime', isoTime(a.attachTime))
      .leaf('deleteOnTermination', a.deleteOnTermination);
  });
  if (v.tags.size > 0) w.tags(v.tags);
  w.leaf('volumeType', v.volumeType)
    .leaf('iops', v.iops)
    .leaf('encrypted', v.encrypted)
    .leaf('multiAttachEnabled', false)
    .leaf('throughput', v.throughput);
}

function writeSnapshot(w: XmlWriter, s: SnapshotRecord): void {
  w.leaf('snapshotId', s.id)
    .leaf('volumeId', s.volumeId)
    .leaf('status', s.state)
    .leaf('startTime', isoTime(s.startTime))
    .leaf('progress', s.state === 'completed' ? '100%' : '0%')
    .leaf('ownerId', s.ownerId)
    .leaf('volumeSize', s.volumeSize)
    .leaf('description', s.description)
    .leaf('encrypted', s.encrypted);
  if (s.tags.size > 0) w.tags(s.tags);
  w.leaf('storageTier', 'standard');
}

function describeVolumes(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const ids = params.list('VolumeId');
  if (ids.length > 0 && params.has('MaxResults')) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter volumeSet cannot be used with the parameter maxResults');
  }
  const match = compileFilters(parseFilters(params), VOLUME_FIELDS, (v) => v.tags);
  const candidates =
    ids.length > 0 ? [...new Set(ids)].map((id) => state.volume(id)).sort((a, b) => a.seq - b.seq) : [...state.volumes.values()];
  const page = paginate('DescribeVolumes', candidates.filter(match), params, { min: 5, max: 500 });
  w.list('volumeSet', page.items, (v, x) => writeVolume(x, v));
  w.leaf('nextToken', page.nextToken);
}

function createVolume(ctx: ActionContext, w: XmlWriter): Promise<void> {
  return idempotent(
    ctx,
    () => newVolume(ctx),
    (volume) => writeVolume(w, volume),
  );
}

function newVolume(ctx: ActionContext): VolumeRecord {
  const { params, state, now } = ctx;
  const zone = state.zone(params.require('AvailabilityZone'));
  const snapshotId = params.get('SnapshotId');
  const snapshot = snapshotId === undefined ? undefined : state.snapshot(snapshotId);
  const volumeType = params.get('VolumeType') ?? 'gp2';
  if (!(VOLUME_TYPES as readonly string[]).includes(volumeType)) throw invalidValue('VolumeType', volumeType);
  const size = params.int('Size') ?? snapshot?.volumeSize;
  if (size === undefined) throw new Ec2Error('MissingParameter', 'The request must contain the parameter size or snapshotId');
  const [min, max] = VOLUME_SIZE_LIMITS[volumeType] ?? [1, 16384];
  if (size < min || size > max) {
    throw new Ec2Error('InvalidParameterValue', `Volume of ${size}GiB is out of the range ${min}-${max}GiB for volume type ${volumeType}.`);
  }
  if (snapshot && size < snapshot.volumeSize) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Volume of size ${size}GB is smaller than snapshot '${snapshot.id}', expect size >= ${snapshot.volumeSize}GB`,
    );
  }
  const iops = params.int('Iops', { min: 100 });
  if ((volumeType === 'io1' || volumeType === 'io2') && iops === undefined) throw missingParameter('Iops');
  const volume = makeVolume(
    state,
    {
      size,
      availabilityZone: zone,
      snapshotId: snapshot?.id,
      volumeType,
      iops,
      throughput: params.int('Throughput'),
      encrypted: params.bool('Encrypted') ?? snapshot?.encrypted ?? false,
      tags: tagSpecifications(params, ['volume']).get('volume') ?? new Map(),
    },
    now,
  );
  state.schedule(volume, now, state.options.resourceDelayMs, () => {
    volume.state = 'available';
  });
  return volume;
}

function deleteVolume(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const volume = state.volume(params.require('VolumeId'));
  if (volume.attachment) throw new Ec2Error('VolumeInUse', `Volume ${volume.id} is currently attached to ${volume.attachment.instanceId}`);
  if (volume.state === 'creating') throw new Ec2Error('IncorrectState', `The volume '${volume.id}' is 'creating'`);
  state.cancel(volume);
  state.volumes.delete(volume.id);
  w.leaf('return', true);
}

function writeAttachment(w: XmlWriter, v: VolumeRecord, status: string): void {
  const a = v.attachment;
  w.leaf('volumeId', v.id).leaf('instanceId', a?.instanceId).leaf('device', a?.device).leaf('status', status);
  if (a) w.leaf('attachTime', isoTime(a.attachTime)).leaf('deleteOnTermination', a.deleteOnTermination);
}

function attach(ctx: ActionContext, w: XmlWriter): void {
  const { params, state, now } = ctx;
  const volume = state.volume(params.require('VolumeId'));
  const inst = state.instance(params.require('InstanceId'));
  const device = params.require('Device');
  if (volume.attachment) throw new Ec2Error('VolumeInUse', `${volume.id} is already attached to an instance`);
  if (volume.state !== 'available') throw new Ec2Error('IncorrectState', `vol '${volume.id}' is not 'available'.`);
  if (inst.state !== 'running' && inst.state !== 'stopped') {
    throw new Ec2Error('IncorrectInstanceState', `Instance '${inst.id}' is not 'running'.`);
  }
  if (volume.availabilityZone !== inst.availabilityZone) {
    throw new Ec2Error(
      'InvalidVolume.ZoneMismatch',
      `The volume '${volume.id}' is not in the same availability zone as instance '${inst.id}'`,
    );
  }
  if (!/^\/dev\/(sd[b-z]\d*|xvd[b-z][a-z]?|xvd[b-z]\d*|sd[b-z][a-z]?)$/.test(device) && device !== inst.rootDeviceName) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${device}) for parameter device is invalid. ${device} is not a valid EBS device name.`,
    );
  }
  if (inst.blockDevices.some((d) => d.deviceName === device)) {
    throw new Ec2Error('InvalidParameterValue', `Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`);
  }
  attachVolume(state, volume, inst, device, now);
  writeAttachment(w, volume, 'attaching');
}

function detach(ctx: ActionContext, w: XmlWriter): void {
  const { params, state, now } = ctx;
  const volume = state.volume(params.require('VolumeId'));
  const instanceId = params.get('InstanceId');
  if (!volume.attachment || volume.attachment.status === 'detaching') {
    throw new Ec2Error('IncorrectState', `Volume '${volume.id}' is in the '${volume.state}' state.`);
  }
  if (instanceId !== undefined && instanceId !== volume.attachment.instanceId) {
    throw new Ec2Error('InvalidAttachment.NotFound', `Volume '${volume.id}' is not attached to instance '${instanceId}'.`);
  }
  const inst = state.instances.get(volume.attachment.instanceId);
  if (inst && volume.attachment.device === inst.rootDeviceName && inst.state !== 'stopped' && params.bool('Force') !== true) {
    throw new Ec2Error('OperationNotPermitted', `Cannot detach root device '${volume.attachment.device}' for instance '${inst.id}'`);
  }
  detachVolume(state, volume, now);
  writeAttachment(w, volume, 'detaching');
}

function describeSnapshots(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const ids = params.list('SnapshotId');
  if (ids.length > 0 && params.has('MaxResults')) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter snapshotSet cannot be used with the parameter maxResults');
  }
  const owners = params.list('Owner');
  const match = compileFilters(parseFilters(params), SNAPSHOT_FIELDS, (s) => s.tags);
  let snapshots =
    ids.length > 0 ? [...new Set(ids)].map((id) => state.snapshot(id)).sort((a, b) => a.seq - b.seq) : [...state.snapshots.values()];
  if (owners.length > 0)
    snapshots = snapshots.filter((s) => owners.some((o) => (o === 'self' ? s.ownerId === state.options.accountId : o === s.ownerId)));
  const page = paginate('DescribeSnapshots', snapshots.filter(match), params, { min: 5, max: 1000 });
  w.list('snapshotSet', page.items, (s, x) => writeSnapshot(x, s));
  w.leaf('nextToken', page.nextToken);
}

function createSnapshot(ctx: ActionContext, w: XmlWriter): void {
  const { params, state, now } = ctx;
  const volume = state.volume(params.require('VolumeId'));
  if (volume.state === 'creating') throw new Ec2Error('IncorrectState', `The volume '${volume.id}' is 'creating'`);
  const snapshot: SnapshotRecord = {
    id: newId('snap'),
    seq: state.nextSeq(),
    volumeId: volume.id,
    volumeSize: volume.size,
    state: 'pending',
    startTime: now,
    ownerId: state.options.accountId,
    description: params.get('Description') ?? '',
    encrypted: volume.encrypted,
    tags: tagSpecifications(params, ['snapshot']).get('snapshot') ?? new Map(),
  };
  state.snapshots.set(snapshot.id, snapshot);
  state.schedule(snapshot, now, state.options.resourceDelayMs, () => {
    snapshot.state = 'completed';
  });
  writeSnapshot(w, snapshot);
}

function deleteSnapshot(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const snapshot = state.snapshot(params.require('SnapshotId'));
  for (const image of state.images.values()) {
    if (image.blockDevices.some((d) => d.snapshotId === snapshot.id)) {
      throw new Ec2Error('InvalidSnapshot.InUse', `The snapshot ${snapshot.id} is currently in use by ${image.id}`);
    }
  }
  state.cancel(snapshot);
  state.snapshots.delete(snapshot.id);
  w.leaf('return', true);
}

/** EBS volume and snapshot actions. */
export const volumeActions: ActionTable = {
  DescribeVolumes: describeVolumes,
  CreateVolume: createVolume,
  DeleteVolume: deleteVolume,
  AttachVolume: attach,
  DetachVolume: detach,
  DescribeSnapshots: describeSnapshots,
  CreateSnapshot: createSnapshot,
  DeleteSnapshot: deleteSnapshot,
};
