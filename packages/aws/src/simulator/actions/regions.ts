import { KNOWN_REGIONS, type InstanceTypeSpec, type RegionInfo } from '../catalog.js';
import { Ec2Error } from '../errors.js';
import { compileFilters, parseFilters } from '../filters.js';
import type { SubnetRecord } from '../model.js';
import { paginate } from '../paging.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import type { ActionContext, ActionTable } from './context.js';

function regions(state: Ec2State): RegionInfo[] {
  const known = KNOWN_REGIONS.some((r) => r.name === state.options.region);
  return known ? [...KNOWN_REGIONS] : [{ name: state.options.region, optInStatus: 'opt-in-not-required' }, ...KNOWN_REGIONS];
}

function describeRegions(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const names = params.list('RegionName');
  let list = regions(state);
  for (const name of names) if (!list.some((r) => r.name === name)) throw new Ec2Error('InvalidParameterValue', `Invalid region: ${name}`);
  if (names.length > 0) list = list.filter((r) => names.includes(r.name));
  else if (params.bool('AllRegions') !== true) list = list.filter((r) => r.optInStatus !== 'not-opted-in');
  const match = compileFilters(parseFilters(params), {
    'region-name': (r: RegionInfo) => r.name,
    endpoint: (r: RegionInfo) => `ec2.${r.name}.amazonaws.com`,
    'opt-in-status': (r: RegionInfo) => r.optInStatus,
  });
  w.list('regionInfo', list.filter(match), (r, x) => {
    x.leaf('regionName', r.name).leaf('regionEndpoint', `ec2.${r.name}.amazonaws.com`).leaf('optInStatus', r.optInStatus);
  });
}

function describeAvailabilityZones(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const names = params.list('ZoneName');
  const zoneIds = params.list('ZoneId');
  let subnets = [...state.subnets.values()];
  for (const name of names)
    if (!subnets.some((s) => s.availabilityZone === name))
      throw new Ec2Error('InvalidParameterValue', `The zone '${name}' does not exist.`);
  for (const id of zoneIds)
    if (!subnets.some((s) => s.zoneId === id)) throw new Ec2Error('InvalidParameterValue', `The zone '${id}' does not exist.`);
  if (names.length > 0 || zoneIds.length > 0)
    subnets = subnets.filter((s) => names.includes(s.availabilityZone) || zoneIds.includes(s.zoneId));
  const region = state.options.region;
  const match = compileFilters(parseFilters(params), {
    'zone-name': (s: SubnetRecord) => s.availabilityZone,
    'zone-id': (s: SubnetRecord) => s.zoneId,
    state: () => 'available',
    'region-name': () => region,
    'zone-type': () => 'availability-zone',
    'group-name': () => region,
    'opt-in-status': () => 'opt-in-not-required',
  });
  w.list('availabilityZoneInfo', subnets.filter(match), (s, x) => {
    x.leaf('zoneName', s.availabilityZone).leaf('zoneState', 'available').leaf('regionName', region).empty('messageSet');
    x.leaf('optInStatus', 'opt-in-not-required').leaf('zoneId', s.zoneId).leaf('groupName', region);
    x.leaf('networkBorderGroup', region).leaf('zoneType', 'availability-zone');
  });
}

interface SequencedType extends InstanceTypeSpec {
  seq: number;
}

function describeInstanceTypes(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const wanted = params.list('InstanceType');
  const missing = wanted.filter((t) => !state.instanceTypes.has(t));
  if (missing.length > 0)
    throw new Ec2Error('InvalidInstanceType', `The following supplied instance types do not exist: [${missing.join(', ')}]`);
  let types: SequencedType[] = [...state.instanceTypes.values()].map((t, i) => ({ ...t, seq: i + 1 }));
  if (wanted.length > 0) types = types.filter((t) => wanted.includes(t.name));
  const match = compileFilters(parseFilters(params), {
    'instance-type': (t: SequencedType) => t.name,
    'current-generation': (t: SequencedType) => String(t.currentGeneration),
    'free-tier-eligible': (t: SequencedType) => String(t.freeTier),
    'processor-info.supported-architecture': (t: SequencedType) => t.architecture,
    'vcpu-info.default-vcpus': (t: SequencedType) => String(t.vcpus),
    'memory-info.size-in-mib': (t: SequencedType) => String(t.memoryMiB),
    hypervisor: (t: SequencedType) => t.hypervisor,
    'network-info.network-performance': (t: SequencedType) => t.network,
  });
  const page = paginate('DescribeInstanceTypes', types.filter(match), params, { min: 5, max: 100 });
  w.list('instanceTypeSet', page.items, (t, x) => {
    x.leaf('instanceType', t.name).leaf('currentGeneration', t.currentGeneration).leaf('freeTierEligible', t.freeTier);
    x.values('supportedUsageClasses', ['on-demand', 'spot'])
      .values('supportedRootDeviceTypes', ['ebs'])
      .values('supportedVirtualizationTypes', ['hvm']);
    x.leaf('bareMetal', false).leaf('hypervisor', t.hypervisor);
    x.open('processorInfo');
    x.values('supportedArchitectures', [t.architecture]);
    x.leaf('sustainedClockSpeedInGhz', t.architecture === 'arm64' ? 2.5 : 3.1).close();
    x.open('vCpuInfo')
      .leaf('defaultVCpus', t.vcpus)
      .leaf('defaultCores', Math.max(1, Math.floor(t.vcpus / 2)))
      .leaf('defaultThreadsPerCore', t.vcpus > 1 ? 2 : 1)
      .close();
    x.open('memoryInfo').leaf('sizeInMiB', t.memoryMiB).close();
    x.leaf('instanceStorageSupported', false);
    x.open('ebsInfo')
      .leaf('ebsOptimizedSupport', t.hypervisor === 'nitro' ? 'default' : 'unsupported')
      .leaf('encryptionSupport', 'supported')
      .close();
    x.open('networkInfo')
      .leaf('networkPerformance', t.network)
      .leaf('maximumNetworkInterfaces', t.vcpus > 2 ? 4 : 2)
      .leaf('ipv6Supported', true)
      .close();
  });
  w.leaf('nextToken', page.nextToken);
}

function describeVpcs(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  for (const id of params.list('VpcId'))
    if (id !== state.vpc.id) throw new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
  const vpc = state.vpc;
  const match = compileFilters(
    parseFilters(params),
    {
      'vpc-id': () => vpc.id,
      'is-default': () => 'true',
      state: () => 'available',
      'cidr-block': () => vpc.cidrBlock,
      'owner-id': () => state.options.accountId,
    },
    () => vpc.tags,
  );
  w.list('vpcSet', [vpc].filter(match), (v, x) => {
    x.leaf('vpcId', v.id).leaf('ownerId', state.options.accountId).leaf('state', 'available').leaf('cidrBlock', v.cidrBlock);
    x.leaf('dhcpOptionsId', v.dhcpOptionsId).leaf('instanceTenancy', 'default').leaf('isDefault', true);
    if (v.tags.size > 0) x.tags(v.tags);
  });
}

function describeSubnets(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const ids = params.list('SubnetId');
  for (const id of ids) if (!state.subnets.has(id)) throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
  let subnets = [...state.subnets.values()];
  if (ids.length > 0) subnets = subnets.filter((s) => ids.includes(s.id));
  const match = compileFilters(
    parseFilters(params),
    {
      'subnet-id': (s: SubnetRecord) => s.id,
      'vpc-id': (s: SubnetRecord) => s.vpcId,
      'availability-zone': (s: SubnetRecord) => s.availabilityZone,
      'availability-zone-id': (s: SubnetRecord) => s.zoneId,
      'default-for-az': () => 'true',
      state: () => 'available',
      'cidr-block': (s: SubnetRecord) => s.cidrBlock,
    },
    (s) => s.tags,
  );
  w.list('subnetSet', subnets.filter(match), (s, x) => {
    x.leaf('subnetId', s.id)
      .leaf('subnetArn', `arn:aws:ec2:${state.options.region}:${state.options.accountId}:subnet/${s.id}`)
      .leaf('state', 'available')
      .leaf('ownerId', state.options.accountId)
      .leaf('vpcId', s.vpcId)
      .leaf('cidrBlock', s.cidrBlock)
      .leaf('availableIpAddressCount', 4091)
      .leaf('availabilityZone', s.availabilityZone)
      .leaf('availabilityZoneId', s.zoneId)
      .leaf('defaultForAz', true)
      .leaf('mapPublicIpOnLaunch', true);
    if (s.tags.size > 0) x.tags(s.tags);
  });
}

/** Region, zone, instance type and default-VPC actions. */
export const regionActions: ActionTable = {
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeInstanceTypes: describeInstanceTypes,
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
};
