import { KeyPair, NodeImage, NodeLocation, NodeSize, StorageVolume, VolumeSnapshot, type NodeDriver } from '@cloudmux/core/compute';
import type { XmlObject } from '../xml/index.js';
import type { Ec2InstanceType } from './instance-types.js';
import { toVolumeState } from './state-map.js';
import type {
  Ec2ElasticIp,
  Ec2ImageExtra,
  Ec2IpPermission,
  Ec2KeyPairExtra,
  Ec2LocationExtra,
  Ec2SecurityGroup,
  Ec2SizeExtra,
  Ec2SnapshotExtra,
  Ec2Tag,
  Ec2VolumeAttachment,
  Ec2VolumeExtra,
} from './types.js';
import { bool, date, int, items, obj, tagsOf, txt } from './wire.js';

/** Maps a DescribeImages item to a {@link NodeImage} (name: the AMI name, else its id). */
export function toImage(item: XmlObject, driver: NodeDriver): NodeImage<Ec2ImageExtra> {
  const id = txt(item, 'imageId') ?? '';
  const extra: Ec2ImageExtra = {
    state: txt(item, 'imageState'),
    ownerId: txt(item, 'imageOwnerId'),
    ownerAlias: txt(item, 'imageOwnerAlias'),
    isPublic: bool(item, 'isPublic'),
    architecture: txt(item, 'architecture'),
    imageType: txt(item, 'imageType'),
    imageLocation: txt(item, 'imageLocation'),
    description: txt(item, 'description'),
    rootDeviceType: txt(item, 'rootDeviceType'),
    rootDeviceName: txt(item, 'rootDeviceName'),
    virtualizationType: txt(item, 'virtualizationType'),
    hypervisor: txt(item, 'hypervisor'),
    platform: txt(item, 'platform'),
    creationDate: date(item, 'creationDate'),
    blockDevices: items(item, 'blockDeviceMapping').map((b) => {
      const ebs = obj(b, 'ebs');
      return {
        deviceName: txt(b, 'deviceName') ?? '',
        snapshotId: txt(ebs, 'snapshotId'),
        volumeSizeGb: int(ebs, 'volumeSize'),
        volumeType: txt(ebs, 'volumeType'),
      };
    }),
    tags: tagsOf(item),
  };
  return new NodeImage<Ec2ImageExtra>({ id, name: txt(item, 'name') ?? id, extra }, driver);
}

/** Maps a DescribeAvailabilityZones item to a {@link NodeLocation}. */
export function toLocation(item: XmlObject, country: string, driver: NodeDriver): NodeLocation<Ec2LocationExtra> {
  const id = txt(item, 'zoneName') ?? '';
  const extra: Ec2LocationExtra = {
    state: txt(item, 'zoneState'),
    regionName: txt(item, 'regionName'),
    zoneId: txt(item, 'zoneId'),
    zoneType: txt(item, 'zoneType'),
  };
  return new NodeLocation<Ec2LocationExtra>({ id, name: id, country, extra }, driver);
}

/** Maps an instance type of the data table to a {@link NodeSize}. */
export function toSize(type: Ec2InstanceType, price: number | undefined, driver: NodeDriver): NodeSize<Ec2SizeExtra> {
  return new NodeSize<Ec2SizeExtra>(
    {
      id: type.id,
      name: type.id,
      ramMb: type.ramMb,
      diskGb: type.diskGb,
      vcpus: type.vcpus,
      price,
      extra: { arch: type.arch, ebsOnly: type.diskGb === 0, previousGeneration: type.previousGeneration },
    },
    driver,
  );
}

function attachment(a: XmlObject): Ec2VolumeAttachment {
  return {
    instanceId: txt(a, 'instanceId') ?? '',
    device: txt(a, 'device'),
    status: txt(a, 'status'),
    attachTime: date(a, 'attachTime'),
    deleteOnTermination: bool(a, 'deleteOnTermination'),
  };
}

/**
 * Maps a DescribeVolumes item, or a CreateVolume/AttachVolume/DetachVolume answer merged onto a known
 * volume, to a {@link StorageVolume} (name: the `Name` tag, else the volume id).
 */
export function toVolume(item: XmlObject, driver: NodeDriver): StorageVolume<Ec2VolumeExtra> {
  const id = txt(item, 'volumeId') ?? '';
  const tags = tagsOf(item);
  const attachments = items(item, 'attachmentSet').map(attachment);
  const current = attachments.find((a) => a.status !== 'detached');
  const status = txt(item, 'status');
  const extra: Ec2VolumeExtra = {
    status,
    availabilityZone: txt(item, 'availabilityZone'),
    volumeType: txt(item, 'volumeType'),
    iops: int(item, 'iops'),
    encrypted: bool(item, 'encrypted'),
    snapshotId: txt(item, 'snapshotId'),
    createTime: date(item, 'createTime'),
    attachments,
    tags,
  };
  return new StorageVolume<Ec2VolumeExtra>(
    {
      id,
      name: tags.Name ?? id,
      sizeGb: int(item, 'size') ?? 0,
      state: toVolumeState(status, current?.status),
      attachedTo: current?.instanceId,
      extra,
    },
    driver,
  );
}

/** Maps a DescribeSnapshots item or a CreateSnapshot answer to a {@link VolumeSnapshot} (name: `Name` tag, else the description). */
export function toSnapshot(item: XmlObject, driver: NodeDriver): VolumeSnapshot<Ec2SnapshotExtra> {
  const tags = tagsOf(item);
  const description = txt(item, 'description');
  return new VolumeSnapshot<Ec2SnapshotExtra>(
    {
      id: txt(item, 'snapshotId') ?? '',
      name: tags.Name ?? description,
      sizeGb: int(item, 'volumeSize'),
      sourceId: txt(item, 'volumeId'),
      state: txt(item, 'status') ?? 'unknown',
      created: date(item, 'startTime'),
      extra: { description, progress: txt(item, 'progress'), ownerId: txt(item, 'ownerId'), encrypted: bool(item, 'encrypted'), tags },
    },
    driver,
  );
}

/** Maps a DescribeKeyPairs item or a CreateKeyPair/ImportKeyPair answer to a {@link KeyPair}. */
export function toKeyPair(item: XmlObject, driver: NodeDriver, publicKey?: string): KeyPair<Ec2KeyPairExtra> {
  return new KeyPair<Ec2KeyPairExtra>(
    {
      name: txt(item, 'keyName') ?? '',
      fingerprint: txt(item, 'keyFingerprint') ?? '',
      publicKey: publicKey ?? txt(item, 'publicKey'),
      privateKey: txt(item, 'keyMaterial'),
      extra: { keyPairId: txt(item, 'keyPairId'), keyType: txt(item, 'keyType') },
    },
    driver,
  );
}

function permissions(list: readonly XmlObject[]): Ec2IpPermission[] {
  return list.map((p) => {
    const cidrs = items(p, 'ipRanges');
    const description = txt(cidrs[0], 'description');
    return {
      protocol: txt(p, 'ipProtocol') ?? '-1',
      fromPort: int(p, 'fromPort'),
      toPort: int(p, 'toPort'),
      cidrIps: cidrs.map((r) => txt(r, 'cidrIp')).filter((c): c is string => c !== undefined),
      cidrIpv6s: items(p, 'ipv6Ranges')
        .map((r) => txt(r, 'cidrIpv6'))
        .filter((c): c is string => c !== undefined),
      groupIds: items(p, 'groups')
        .map((g) => txt(g, 'groupId'))
        .filter((g): g is string => g !== undefined),
      ...(description !== undefined ? { description } : {}),
    };
  });
}

/** Maps a DescribeSecurityGroups item. */
export function toSecurityGroup(item: XmlObject): Ec2SecurityGroup {
  return {
    id: txt(item, 'groupId') ?? '',
    name: txt(item, 'groupName') ?? '',
    description: txt(item, 'groupDescription'),
    vpcId: txt(item, 'vpcId'),
    ownerId: txt(item, 'ownerId'),
    ingress: permissions(items(item, 'ipPermissions')),
    egress: permissions(items(item, 'ipPermissionsEgress')),
    tags: tagsOf(item),
  };
}

/** Maps a DescribeAddresses item (or an AllocateAddress answer). */
export function toElasticIp(item: XmlObject): Ec2ElasticIp {
  return {
    publicIp: txt(item, 'publicIp') ?? '',
    allocationId: txt(item, 'allocationId'),
    domain: txt(item, 'domain'),
    instanceId: txt(item, 'instanceId'),
    associationId: txt(item, 'associationId'),
    networkInterfaceId: txt(item, 'networkInterfaceId'),
    privateIpAddress: txt(item, 'privateIpAddress'),
    tags: tagsOf(item),
  };
}

/** Maps a DescribeTags item. */
export function toTag(item: XmlObject): Ec2Tag {
  return {
    resourceId: txt(item, 'resourceId') ?? '',
    resourceType: txt(item, 'resourceType'),
    key: txt(item, 'key') ?? '',
    value: txt(item, 'value') ?? '',
  };
}
