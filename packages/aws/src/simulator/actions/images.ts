import { Ec2Error, invalidValue } from '../errors.js';
import { compileFilters, parseFilters, type FilterField } from '../filters.js';
import { newId } from '../ids.js';
import type { ImageRecord, SnapshotRecord } from '../model.js';
import { paginate } from '../paging.js';
import { tagSpecifications } from '../params.js';
import { KNOWN_REGIONS } from '../catalog.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import { isoTime, type ActionContext, type ActionTable } from './context.js';
import { idempotent } from '../idempotency.js';

const IMAGE_FIELDS: Record<string, FilterField<ImageRecord>> = {
  'image-id': (i) => i.id,
  name: (i) => i.name,
  description: (i) => i.description,
  'owner-id': (i) => i.ownerId,
  'owner-alias': (i) => i.ownerAlias,
  state: (i) => i.state,
  architecture: (i) => i.architecture,
  'is-public': (i) => String(i.public),
  platform: (i) => i.platform,
  'platform-details': (i) => (i.platform === 'windows' ? 'Windows' : 'Linux/UNIX'),
  'root-device-type': () => 'ebs',
  'root-device-name': (i) => i.rootDeviceName,
  'virtualization-type': () => 'hvm',
  'image-type': () => 'machine',
  hypervisor: () => 'xen',
  'creation-date': (i) => isoTime(i.creationDate),
  'block-device-mapping.snapshot-id': (i) => i.blockDevices.map((d) => d.snapshotId),
  'block-device-mapping.volume-size': (i) => i.blockDevices.map((d) => String(d.volumeSize)),
  'block-device-mapping.volume-type': (i) => i.blockDevices.map((d) => d.volumeType),
  'block-device-mapping.device-name': (i) => i.blockDevices.map((d) => d.deviceName),
};

const NAME_PATTERN = /^[a-zA-Z0-9()[\] ./\-'@_]{3,128}$/;

function writeImage(w: XmlWriter, image: ImageRecord): void {
  w.leaf('imageId', image.id)
    .leaf('imageLocation', `${image.ownerAlias ?? image.ownerId}/${image.name}`)
    .leaf('imageState', image.state)
    .leaf('imageOwnerId', image.ownerId)
    .leaf('creationDate', isoTime(image.creationDate))
    .leaf('isPublic', image.public)
    .leaf('architecture', image.architecture)
    .leaf('imageType', 'machine')
    .leaf('platform', image.platform)
    .leaf('platformDetails', image.platform === 'windows' ? 'Windows' : 'Linux/UNIX')
    .leaf('usageOperation', image.platform === 'windows' ? 'RunInstances:0002' : 'RunInstances')
    .leaf('imageOwnerAlias', image.ownerAlias)
    .leaf('name', image.name)
    .leaf('description', image.description)
    .leaf('rootDeviceType', 'ebs')
    .leaf('rootDeviceName', image.rootDeviceName);
  w.list('blockDeviceMapping', image.blockDevices, (d, x) => {
    x.leaf('deviceName', d.deviceName)
      .open('ebs')
      .leaf('snapshotId', d.snapshotId)
      .leaf('volumeSize', d.volumeSize)
      .leaf('deleteOnTermination', d.deleteOnTermination)
      .leaf('volumeType', d.volumeType)
      .leaf('encrypted', d.encrypted)
      .close();
  });
  w.leaf('virtualizationType', 'hvm');
  if (image.tags.size > 0) w.tags(image.tags);
  w.leaf('hypervisor', 'xen').leaf('enaSupport', true).leaf('sriovNetSupport', 'simple');
}

function visible(state: Ec2State, image: ImageRecord): boolean {
  return image.public || image.ownerId === state.options.accountId;
}

function describeImages(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const ids = params.list('ImageId');
  if (ids.length > 0 && params.has('MaxResults')) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter ImageId cannot be used with the parameter MaxResults');
  }
  const owners = params.list('Owner');
  const match = compileFilters(parseFilters(params), IMAGE_FIELDS, (i) => i.tags);
  let images: ImageRecord[];
  if (ids.length > 0) {
    const missing = ids.filter((id) => !state.images.has(id) || !visible(state, state.images.get(id) as ImageRecord));
    for (const id of missing)
      if (!/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id))
        throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);
    if (missing.length > 0) throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
    images = [...new Set(ids)].map((id) => state.images.get(id) as ImageRecord).sort((a, b) => a.seq - b.seq);
  } else {
    images = [...state.images.values()].filter((i) => visible(state, i));
  }
  if (owners.length > 0) {
    const account = state.options.accountId;
    images = images.filter((i) => owners.some((o) => (o === 'self' ? i.ownerId === account : o === i.ownerId || o === i.ownerAlias)));
  }
  const executableBy = params.list('ExecutableBy');
  if (executableBy.length > 0) {
    images = images.filter((i) => executableBy.some((e) => (e === 'all' ? i.public : i.public || i.ownerId === state.options.accountId)));
  }
  const page = paginate('DescribeImages', images.filter(match), params, { min: 5, max: 1000 });
  w.list('imagesSet', page.items, (image, x) => writeImage(x, image));
  w.leaf('nextToken', page.nextToken);
}

function ownImageNamed(state: Ec2State, name: string): ImageRecord | undefined {
  for (const image of state.images.values()) if (image.ownerId === state.options.accountId && image.name === name) return image;
  return undefined;
}

function checkName(state: Ec2State, name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new Ec2Error(
      'InvalidAMIName.Malformed',
      "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'",
    );
  }
  const taken = ownImageNamed(state, name);
  if (taken) throw new Ec2Error('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${taken.id}`);
}

function makePendingImage(
  ctx: ActionContext,
  base: Omit<ImageRecord, 'id' | 'seq' | 'state' | 'creationDate' | 'ownerId' | 'ownerAlias' | 'public'>,
): ImageRecord {
  const { state, now } = ctx;
  const image: ImageRecord = {
    ...base,
    id: newId('ami'),
    seq: state.nextSeq(),
    state: 'pending',
    creationDate: now,
    ownerId: state.options.accountId,
    ownerAlias: undefined,
    public: false,
  };
  state.images.set(image.id, image);
  state.schedule(image, now, state.options.resourceDelayMs, () => {
    image.state = 'available';
  });
  return image;
}

function createImage(ctx: ActionContext, w: XmlWriter): void {
  const { params, state, now } = ctx;
  const inst = state.instance(params.require('InstanceId'));
  const name = params.require('Name');
  checkName(state, name);
  if (inst.state !== 'running' && inst.state !== 'stopped' && inst.state !== 'stopping') {
    throw new Ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in a state from which an image can be created.`);
  }
  const specs = tagSpecifications(params, ['image', 'snapshot']);
  const snapshotTags = specs.get('snapshot') ?? new Map<string, string>();
  const pending: SnapshotRecord[] = [];
  const image = makePendingImage(ctx, {
    name,
    description: params.get('Description'),
    architecture: inst.architecture,
    platform: inst.platform,
    rootDeviceName: inst.rootDeviceName,
    blockDevices: inst.blockDevices.map((dev) => {
      const vol = state.volumes.get(dev.volumeId);
      const snapshot: SnapshotRecord = {
        id: newId('snap'),
        seq: state.nextSeq(),
        volumeId: dev.volumeId,
        volumeSize: vol?.size ?? 8,
        state: 'pending',
        startTime: now,
        ownerId: state.options.accountId,
        description: '',
        encrypted: vol?.encrypted ?? false,
        tags: new Map(snapshotTags),
      };
      pending.push(snapshot);
      return {
        deviceName: dev.deviceName,
        snapshotId: snapshot.id,
        volumeSize: snapshot.volumeSize,
        volumeType: vol?.volumeType ?? 'gp2',
        deleteOnTermination: dev.deleteOnTermination,
        encrypted: snapshot.encrypted,
      };
    }),
    tags: specs.get('image') ?? new Map(),
  });
  for (const snapshot of pending) {
    snapshot.description = `Created by CreateImage(${inst.id}) for ${image.id}`;
    state.snapshots.set(snapshot.id, snapshot);
    state.schedule(snapshot, now, state.options.resourceDelayMs, () => {
      snapshot.state = 'completed';
    });
  }
  w.leaf('imageId', image.id);
}

function deregisterImage(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const image = state.image(params.require('ImageId'));
  if (image.ownerId !== state.options.accountId) {
    if (!image.public) throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${image.id}]' does not exist`);
    throw new Ec2Error('AuthFailure', `Not authorized for image:${image.id}`);
  }
  state.cancel(image);
  state.images.delete(image.id);
  w.leaf('return', true);
}

function copyImage(ctx: ActionContext, w: XmlWriter): Promise<void> {
  const { params, state } = ctx;
  return idempotent(
    ctx,
    () => {
      const sourceRegion = params.require('SourceRegion');
      const sourceId = params.require('SourceImageId');
      const name = params.require('Name');
      if (sourceRegion !== state.options.region && !KNOWN_REGIONS.some((r) => r.name === sourceRegion))
        throw invalidValue('SourceRegion', sourceRegion);
      const source = state.image(sourceId);
      if (!source.public && source.ownerId !== state.options.accountId)
        throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${sourceId}]' does not exist`);
      if (source.state !== 'available') throw new Ec2Error('IncorrectState', `Image ${sourceId} is not in the 'available' state.`);
      checkName(state, name);
      return makePendingImage(ctx, {
        name,
        description: params.get('Description') ?? source.description,
        architecture: source.architecture,
        platform: source.platform,
        rootDeviceName: source.rootDeviceName,
        blockDevices: source.blockDevices.map((d) => ({ ...d, snapshotId: newId('snap') })),
        tags: tagSpecifications(params, ['image']).get('image') ?? new Map(),
      });
    },
    (image) => void w.leaf('imageId', image.id),
  );
}

/** Image (AMI) actions. */
export const imageActions: ActionTable = {
  DescribeImages: describeImages,
  CreateImage: createImage,
  DeregisterImage: deregisterImage,
  CopyImage: copyImage,
};
