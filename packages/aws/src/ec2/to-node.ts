import { Node, type NodeDriver } from '@cloudmux/core/compute';
import type { XmlObject } from '../xml/index.js';
import { toNodeState } from './state-map.js';
import type { Ec2BlockDevice, Ec2GroupRef, Ec2NetworkInterface, Ec2NodeExtra } from './types.js';
import { bool, date, int, items, obj, tagsOf, txt } from './wire.js';

/**
 * Elements of DescribeInstances/RunInstances answers that {@link toNode} never reads (instance options,
 * network interface attachment details…): the parser skips them, which makes large pages markedly cheaper.
 * Only names that never hold something the mapper reads, at any depth, belong here.
 */
export const UNREAD_INSTANCE_ELEMENTS: ReadonlySet<string> = new Set([
  'productCodes',
  'monitoring',
  'sourceDestCheck',
  'hypervisor',
  'ebsOptimized',
  'enaSupport',
  'cpuOptions',
  'metadataOptions',
  'capacityReservationSpecification',
  'hibernationOptions',
  'enclaveOptions',
  'maintenanceOptions',
  'privateDnsNameOptions',
  'bootMode',
  'currentInstanceBootMode',
  'platformDetails',
  'usageOperation',
  'usageOperationUpdateTime',
  'elasticGpuAssociationSet',
  'elasticInferenceAcceleratorAssociationSet',
  'licenseSet',
  'networkPerformanceOptions',
  'operator',
  'attachment',
  'description',
  'interfaceType',
  'requesterManaged',
  'placementGroupInfo',
]);

function groups(o: XmlObject): Ec2GroupRef[] {
  const out: Ec2GroupRef[] = [];
  for (const g of items(o, 'groupSet')) {
    const id = txt(g, 'groupId');
    if (id !== undefined) out.push({ id, name: txt(g, 'groupName') });
  }
  return out;
}

function blockDevices(o: XmlObject): Ec2BlockDevice[] {
  const out: Ec2BlockDevice[] = [];
  for (const b of items(o, 'blockDeviceMapping')) {
    const ebs = obj(b, 'ebs');
    out.push({
      deviceName: txt(b, 'deviceName') ?? '',
      volumeId: txt(ebs, 'volumeId'),
      status: txt(ebs, 'status'),
      deleteOnTermination: bool(ebs, 'deleteOnTermination'),
      attachTime: date(ebs, 'attachTime'),
    });
  }
  return out;
}

function networkInterfaces(o: XmlObject): Ec2NetworkInterface[] {
  const out: Ec2NetworkInterface[] = [];
  for (const n of items(o, 'networkInterfaceSet')) {
    const privateIps: string[] = [];
    for (const p of items(n, 'privateIpAddressesSet')) {
      const ip = txt(p, 'privateIpAddress');
      if (ip !== undefined) privateIps.push(ip);
    }
    const ipv6Addresses: string[] = [];
    for (const p of items(n, 'ipv6AddressesSet')) {
      const ip = txt(p, 'ipv6Address');
      if (ip !== undefined) ipv6Addresses.push(ip);
    }
    out.push({
      id: txt(n, 'networkInterfaceId') ?? '',
      subnetId: txt(n, 'subnetId'),
      vpcId: txt(n, 'vpcId'),
      macAddress: txt(n, 'macAddress'),
      privateIp: txt(n, 'privateIpAddress'),
      privateIps,
      ipv6Addresses,
      publicIp: txt(obj(n, 'association'), 'publicIp'),
      status: txt(n, 'status'),
    });
  }
  return out;
}

function pushUnique(list: string[], ip: string | undefined): void {
  if (ip !== undefined && !list.includes(ip)) list.push(ip);
}

/**
 * Maps one `instancesSet` item (DescribeInstances, RunInstances) to a {@link Node}. The name is the
 * `Name` tag (else the instance id); public addresses are the public IPv4 then IPv6 addresses; private
 * addresses are the primary private IPv4 then the interfaces' other private addresses.
 */
export function toNode(item: XmlObject, driver: NodeDriver, reservation?: XmlObject): Node<Ec2NodeExtra> {
  const id = txt(item, 'instanceId') ?? '';
  const state = obj(item, 'instanceState');
  const placement = obj(item, 'placement');
  const tags = tagsOf(item);
  const nics = networkInterfaces(item);
  const publicIps: string[] = [];
  const privateIps: string[] = [];
  pushUnique(publicIps, txt(item, 'ipAddress'));
  pushUnique(privateIps, txt(item, 'privateIpAddress'));
  for (const nic of nics) {
    pushUnique(publicIps, nic.publicIp);
    for (const ip of nic.privateIps) pushUnique(privateIps, ip);
    for (const ip of nic.ipv6Addresses) pushUnique(publicIps, ip);
  }
  const extra: Ec2NodeExtra = {
    reservationId: txt(reservation, 'reservationId'),
    ownerId: txt(reservation, 'ownerId'),
    instanceType: txt(item, 'instanceType'),
    stateName: txt(state, 'name'),
    stateCode: int(state, 'code'),
    stateReason: txt(obj(item, 'stateReason'), 'message') ?? txt(item, 'reason'),
    keyName: txt(item, 'keyName'),
    availabilityZone: txt(placement, 'availabilityZone'),
    subnetId: txt(item, 'subnetId'),
    vpcId: txt(item, 'vpcId'),
    privateDnsName: txt(item, 'privateDnsName'),
    dnsName: txt(item, 'dnsName'),
    architecture: txt(item, 'architecture'),
    rootDeviceType: txt(item, 'rootDeviceType'),
    rootDeviceName: txt(item, 'rootDeviceName'),
    virtualizationType: txt(item, 'virtualizationType'),
    platform: txt(item, 'platform'),
    lifecycle: txt(item, 'instanceLifecycle'),
    launchIndex: int(item, 'amiLaunchIndex'),
    clientToken: txt(item, 'clientToken'),
    iamInstanceProfileArn: txt(obj(item, 'iamInstanceProfile'), 'arn'),
    securityGroups: groups(item),
    blockDevices: blockDevices(item),
    networkInterfaces: nics,
    tags,
  };
  return new Node<Ec2NodeExtra>(
    {
      id,
      name: tags.Name ?? id,
      state: toNodeState(extra.stateName),
      publicIps,
      privateIps,
      sizeId: extra.instanceType,
      imageId: txt(item, 'imageId'),
      locationId: extra.availabilityZone,
      created: date(item, 'launchTime'),
      extra,
    },
    driver,
  );
}

/** Every instance of a DescribeInstances page (or a RunInstances answer, which is one reservation). */
export function nodesOfReservations(page: XmlObject, driver: NodeDriver): Node<Ec2NodeExtra>[] {
  const out: Node<Ec2NodeExtra>[] = [];
  for (const r of items(page, 'reservationSet')) for (const i of items(r, 'instancesSet')) out.push(toNode(i, driver, r));
  return out;
}
