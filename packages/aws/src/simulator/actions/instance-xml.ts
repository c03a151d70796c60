import type { InstanceRecord, ReservationRecord } from '../model.js';
import { INSTANCE_STATE_CODES, type InstanceStateName } from '../model.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import { isoTime } from './context.js';

/** Private DNS name of an address in a region (`ip-10-0-0-1.ec2.internal` in us-east-1). */
export function privateDnsName(region: string, ip: string): string {
  return `ip-${ip.replace(/\./g, '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;
}

/** Public DNS name of an address in a region. */
export function publicDnsName(region: string, ip: string): string {
  return `ec2-${ip.replace(/\./g, '-')}.${region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`}`;
}

/** Writes `<name><code/><name/></name>` for an instance state. */
export function writeState(w: XmlWriter, element: string, state: InstanceStateName): void {
  w.open(element).leaf('code', INSTANCE_STATE_CODES[state]).leaf('name', state).close();
}

/** Writes the elements of one instance `item` (DescribeInstances / RunInstances). */
export function writeInstance(w: XmlWriter, inst: InstanceRecord, state: Ec2State): void {
  const region = state.options.region;
  const terminated = inst.state === 'terminated';
  w.leaf('instanceId', inst.id).leaf('imageId', inst.imageId);
  writeState(w, 'instanceState', inst.state);
  w.leaf('privateDnsName', terminated ? '' : privateDnsName(region, inst.privateIp));
  w.leaf('dnsName', inst.publicIp ? publicDnsName(region, inst.publicIp) : '');
  w.leaf('reason', inst.reason);
  w.leaf('keyName', inst.keyName);
  w.leaf('amiLaunchIndex', inst.amiLaunchIndex);
  w.empty('productCodes');
  w.leaf('instanceType', inst.instanceType);
  w.leaf('launchTime', isoTime(inst.launchTime));
  w.open('placement').leaf('availabilityZone', inst.availabilityZone).empty('groupName').leaf('tenancy', 'default').close();
  w.leaf('platform', inst.platform);
  w.open('monitoring')
    .leaf('state', inst.monitoring ? 'enabled' : 'disabled')
    .close();
  if (!terminated) {
    w.leaf('subnetId', inst.subnetId).leaf('vpcId', inst.vpcId).leaf('privateIpAddress', inst.privateIp);
    w.leaf('ipAddress', inst.publicIp);
  }
  w.leaf('sourceDestCheck', true);
  w.list('groupSet', inst.groups, (g, x) => {
    x.leaf('groupId', g.id).leaf('groupName', g.name);
  });
  if (inst.stateReason) w.open('stateReason').leaf('code', inst.stateReason.code).leaf('message', inst.stateReason.message).close();
  w.leaf('architecture', inst.architecture);
  w.leaf('rootDeviceType', 'ebs').leaf('rootDeviceName', inst.rootDeviceName);
  w.list('blockDeviceMapping', inst.blockDevices, (dev, x) => {
    const vol = state.volumes.get(dev.volumeId);
    x.leaf('deviceName', dev.deviceName);
    x.open('ebs')
      .leaf('volumeId', dev.volumeId)
      .leaf('status', vol?.attachment?.status ?? 'attached')
      .leaf('attachTime', isoTime(dev.attachTime))
      .leaf('deleteOnTermination', dev.deleteOnTermination)
      .close();
  });
  w.leaf('virtualizationType', 'hvm');
  w.leaf('clientToken', inst.clientToken);
  if (inst.tags.size > 0) w.tags(inst.tags);
  w.leaf('hypervisor', 'xen');
  if (!terminated) writeNetworkInterface(w, inst, state);
  if (inst.iamInstanceProfile)
    w.open('iamInstanceProfile').leaf('arn', inst.iamInstanceProfile.arn).leaf('id', inst.iamInstanceProfile.id).close();
  w.leaf('ebsOptimized', inst.ebsOptimized);
  w.leaf('enaSupport', true);
  const spec = state.instanceTypes.get(inst.instanceType);
  if (spec)
    w.open('cpuOptions')
      .leaf('coreCount', Math.max(1, Math.floor(spec.vcpus / 2)))
      .leaf('threadsPerCore', spec.vcpus > 1 ? 2 : 1)
      .close();
  w.open('metadataOptions')
    .leaf('state', 'applied')
    .leaf('httpTokens', 'required')
    .leaf('httpPutResponseHopLimit', 2)
    .leaf('httpEndpoint', 'enabled')
    .leaf('instanceMetadataTags', 'disabled')
    .close();
  w.leaf('platformDetails', inst.platform === 'windows' ? 'Windows' : 'Linux/UNIX');
  w.leaf('usageOperation', inst.platform === 'windows' ? 'RunInstances:0002' : 'RunInstances');
}

function writeNetworkInterface(w: XmlWriter, inst: InstanceRecord, state: Ec2State): void {
  const region = state.options.region;
  const association = (x: XmlWriter): void => {
    if (!inst.publicIp) return;
    x.open('association')
      .leaf('publicIp', inst.publicIp)
      .leaf('publicDnsName', publicDnsName(region, inst.publicIp))
      .leaf('ipOwnerId', inst.elasticIp ? state.options.accountId : 'amazon')
      .close();
  };
  w.list('networkInterfaceSet', [inst], (_, x) => {
    x.leaf('networkInterfaceId', inst.networkInterfaceId)
      .leaf('subnetId', inst.subnetId)
      .leaf('vpcId', inst.vpcId)
      .empty('description')
      .leaf('ownerId', state.options.accountId)
      .leaf('status', 'in-use')
      .leaf('macAddress', inst.macAddress)
      .leaf('privateIpAddress', inst.privateIp)
      .leaf('privateDnsName', privateDnsName(region, inst.privateIp))
      .leaf('sourceDestCheck', true);
    x.list('groupSet', inst.groups, (g, y) => {
      y.leaf('groupId', g.id).leaf('groupName', g.name);
    });
    x.open('attachment')
      .leaf('attachmentId', inst.attachmentId)
      .leaf('deviceIndex', 0)
      .leaf('status', 'attached')
      .leaf('attachTime', isoTime(inst.launchTime))
      .leaf('deleteOnTermination', true)
      .leaf('networkCardIndex', 0)
      .close();
    association(x);
    x.list('privateIpAddressesSet', [inst], (__, y) => {
      y.leaf('privateIpAddress', inst.privateIp).leaf('privateDnsName', privateDnsName(region, inst.privateIp)).leaf('primary', true);
      association(y);
    });
    x.empty('ipv6AddressesSet');
    x.leaf('interfaceType', 'interface');
  });
}

/** Writes the reservation elements (`reservationId`, `ownerId`, `groupSet`, `instancesSet`) for some of its instances. */
export function writeReservationBody(
  w: XmlWriter,
  reservation: ReservationRecord,
  instances: readonly InstanceRecord[],
  state: Ec2State,
): void {
  w.leaf('reservationId', reservation.id).leaf('ownerId', reservation.ownerId).empty('groupSet');
  w.list('instancesSet', instances, (inst, x) => writeInstance(x, inst, state));
}

/** Writes `instancesSet` of state changes (Start/Stop/TerminateInstances). */
export function writeStateChanges(
  w: XmlWriter,
  changes: readonly { instance: InstanceRecord; previous: InstanceStateName; current: InstanceStateName }[],
): void {
  w.list('instancesSet', changes, (c, x) => {
    x.leaf('instanceId', c.instance.id);
    writeState(x, 'currentState', c.current);
    writeState(x, 'previousState', c.previous);
  });
}
