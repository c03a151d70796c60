import { Ec2Error, invalidValue } from '../errors.js';
import { compileFilters, parseFilters, type FilterField } from '../filters.js';
import {
  assertCanStart,
  assertCanStop,
  assertCanTerminate,
  rebootInstance,
  startInstance,
  stopInstance,
  terminateInstance,
  type StateChange,
} from '../lifecycle.js';
import { INSTANCE_STATE_CODES, type InstanceRecord, type ReservationRecord } from '../model.js';
import { paginate } from '../paging.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import { isoTime, type ActionContext, type ActionTable } from './context.js';
import { privateDnsName, publicDnsName, writeReservationBody, writeStateChanges } from './instance-xml.js';
import { runInstances } from './run-instances.js';

function instanceFields(state: Ec2State): Record<string, FilterField<InstanceRecord>> {
  const region = state.options.region;
  return {
    'instance-id': (i) => i.id,
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => String(INSTANCE_STATE_CODES[i.state]),
    'instance-type': (i) => i.instanceType,
    'image-id': (i) => i.imageId,
    'availability-zone': (i) => i.availabilityZone,
    'key-name': (i) => i.keyName,
    'private-ip-address': (i) => i.privateIp,
    'ip-address': (i) => i.publicIp,
    'private-dns-name': (i) => privateDnsName(region, i.privateIp),
    'dns-name': (i) => (i.publicIp ? publicDnsName(region, i.publicIp) : undefined),
    'vpc-id': (i) => i.vpcId,
    'subnet-id': (i) => i.subnetId,
    'reservation-id': (i) => i.reservationId,
    'owner-id': () => state.options.accountId,
    architecture: (i) => i.architecture,
    'client-token': (i) => i.clientToken,
    'root-device-type': () => 'ebs',
    'root-device-name': (i) => i.rootDeviceName,
    platform: (i) => i.platform,
    'launch-time': (i) => isoTime(i.launchTime),
    'ami-launch-index': (i) => String(i.amiLaunchIndex),
    'virtualization-type': () => 'hvm',
    hypervisor: () => 'xen',
    tenancy: () => 'default',
    'monitoring-state': (i) => (i.monitoring ? 'enabled' : 'disabled'),
    'state-reason-code': (i) => i.stateReason?.code,
    'instance.group-id': (i) => i.groups.map((g) => g.id),
    'instance.group-name': (i) => i.groups.map((g) => g.name),
    'group-id': (i) => i.groups.map((g) => g.id),
    'group-name': (i) => i.groups.map((g) => g.name),
    'iam-instance-profile.arn': (i) => i.iamInstanceProfile?.arn,
    'block-device-mapping.volume-id': (i) => i.blockDevices.map((d) => d.volumeId),
    'block-device-mapping.device-name': (i) => i.blockDevices.map((d) => d.deviceName),
    'network-interface.network-interface-id': (i) => i.networkInterfaceId,
  };
}

function describeInstances(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const ids = params.list('InstanceId');
  if (ids.length > 0 && params.has('MaxResults')) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const match = compileFilters(parseFilters(params), instanceFields(state), (i) => i.tags);
  const candidates = ids.length > 0 ? state.findInstances([...new Set(ids)]).sort((a, b) => a.seq - b.seq) : [...state.instances.values()];
  const page = paginate('DescribeInstances', candidates.filter(match), params, { min: 5, max: 1000 });
  const groups = new Map<string, InstanceRecord[]>();
  for (const inst of page.items) {
    const list = groups.get(inst.reservationId);
    if (list) list.push(inst);
    else groups.set(inst.reservationId, [inst]);
  }
  w.list('reservationSet', groups, ([reservationId, instances], x) => {
    const reservation: ReservationRecord = state.reservations.get(reservationId) ?? {
      id: reservationId,
      ownerId: state.options.accountId,
      instances,
    };
    writeReservationBody(x, reservation, instances, state);
  });
  w.leaf('nextToken', page.nextToken);
}

function targets(ctx: ActionContext): InstanceRecord[] {
  const ids = ctx.params.list('InstanceId');
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
  return ctx.state.findInstances([...new Set(ids)]);
}

function changeStates(
  ctx: ActionContext,
  w: XmlWriter,
  check: (i: InstanceRecord) => void,
  apply: (i: InstanceRecord) => StateChange,
): void {
  const instances = targets(ctx);
  instances.forEach(check);
  writeStateChanges(w, instances.map(apply));
}

const CONSOLE_LINUX = [
  '[    0.000000] Linux version 6.1.0-cloudmux (builder@simulator) #1 SMP PREEMPT_DYNAMIC',
  '[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz root=LABEL=/ console=tty0 console=ttyS0,115200n8',
  '[    0.004000] DMI: Amazon EC2 {type}/, BIOS 1.0 10/16/2017',
  '[    1.210000] EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode.',
  "cloud-init[1201]: Cloud-init v. 22.2.2 running 'init' at {time}. Up 6.12 seconds.",
  'cloud-init[1201]: ci-info: ++++++++++++++++++++++Net device info++++++++++++++++++++++',
  'cloud-init[1201]: ci-info: | eth0 | True | {ip} | 255.255.240.0 | global |',
  'cloud-init[1583]: Cloud-init v. 22.2.2 finished at {time}. Datasource DataSourceEc2.  Up 12.34 seconds',
  '',
  '{host} login: ',
];

function getConsoleOutput(ctx: ActionContext, w: XmlWriter): void {
  const inst = ctx.state.instance(ctx.params.require('InstanceId'));
  w.leaf('instanceId', inst.id).leaf('timestamp', isoTime(ctx.now));
  if (inst.bootedAt === undefined) return;
  const text = CONSOLE_LINUX.join('\r\n')
    .replace(/\{type\}/g, inst.instanceType)
    .replace(/\{time\}/g, new Date(inst.bootedAt).toUTCString())
    .replace(/\{ip\}/g, inst.privateIp)
    .replace(/\{host\}/g, `ip-${inst.privateIp.replace(/\./g, '-')}`);
  w.leaf('output', Buffer.from(text, 'utf8').toString('base64'));
}

function describeInstanceAttribute(ctx: ActionContext, w: XmlWriter): void {
  const inst = ctx.state.instance(ctx.params.require('InstanceId'));
  const attribute = ctx.params.require('Attribute');
  const value = (name: string, v: string | boolean): void => {
    w.open(name).leaf('value', v).close();
  };
  const writers: Record<string, () => void> = {
    instanceType: () => value('instanceType', inst.instanceType),
    userData: () => (inst.userData ? value('userData', inst.userData) : w.empty('userData')),
    disableApiTermination: () => value('disableApiTermination', inst.disableApiTermination),
    instanceInitiatedShutdownBehavior: () => value('instanceInitiatedShutdownBehavior', inst.shutdownBehavior),
    rootDeviceName: () => value('rootDeviceName', inst.rootDeviceName),
    ebsOptimized: () => value('ebsOptimized', inst.ebsOptimized),
    sourceDestCheck: () => value('sourceDestCheck', true),
    groupSet: () =>
      w.list('groupSet', inst.groups, (g, x) => {
        x.leaf('groupId', g.id);
      }),
  };
  const write = writers[attribute];
  if (!write) throw new Ec2Error('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  w.leaf('instanceId', inst.id);
  write();
}

function modifyInstanceAttribute(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const inst = state.instance(params.require('InstanceId'));
  const type = params.get('InstanceType.Value') ?? (params.get('Attribute') === 'instanceType' ? params.get('Value') : undefined);
  const protect = params.bool('DisableApiTermination.Value');
  if (type !== undefined) {
    if (!state.instanceTypes.has(type)) throw invalidValue('InstanceType', type);
    if (inst.state !== 'stopped') throw new Ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in the 'stopped' state.`);
    inst.instanceType = type;
  }
  if (protect !== undefined) inst.disableApiTermination = protect;
  w.leaf('return', true);
}

/** Instance actions. */
export const instanceActions: ActionTable = {
  DescribeInstances: describeInstances,
  RunInstances: runInstances,
  StartInstances: (ctx, w) => changeStates(ctx, w, assertCanStart, (i) => startInstance(ctx.state, i, ctx.now)),
  StopInstances: (ctx, w) => changeStates(ctx, w, assertCanStop, (i) => stopInstance(ctx.state, i, ctx.now)),
  TerminateInstances: (ctx, w) => changeStates(ctx, w, assertCanTerminate, (i) => terminateInstance(ctx.state, i, ctx.now)),
  RebootInstances: (ctx, w) => {
    const instances = targets(ctx);
    for (const inst of instances) {
      if (inst.state !== 'running' && inst.state !== 'pending') {
        throw new Ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in a state from which it can be rebooted.`);
      }
    }
    for (const inst of instances) rebootInstance(inst, ctx.now);
    w.leaf('return', true);
  },
  GetConsoleOutput: getConsoleOutput,
  DescribeInstanceAttribute: describeInstanceAttribute,
  ModifyInstanceAttribute: modifyInstanceAttribute,
};
