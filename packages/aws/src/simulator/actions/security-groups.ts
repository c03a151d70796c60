import { Ec2Error, invalidValue, missingParameter } from '../errors.js';
import { compileFilters, parseFilters, type FilterField } from '../filters.js';
import { isIpv4Cidr, isIpv6Cidr, newId } from '../ids.js';
import type { SecurityGroupRecord, SecurityGroupRule } from '../model.js';
import { paginate } from '../paging.js';
import { tagSpecifications, type QueryParams } from '../params.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import type { ActionContext, ActionTable } from './context.js';

type RuleSpec = Omit<SecurityGroupRule, 'id'>;
const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

function protocolOf(raw: string): string {
  const lower = raw.toLowerCase();
  const name = PROTOCOL_NAMES[lower] ?? lower;
  if (['tcp', 'udp', 'icmp', 'icmpv6', '-1'].includes(name)) return name;
  if (/^\d{1,3}$/.test(name) && Number(name) <= 255) return name;
  throw new Ec2Error('InvalidParameterValue', `Invalid value '${raw}' for IP protocol. Unknown protocol.`);
}

function ports(p: QueryParams, protocol: string): [number | undefined, number | undefined] {
  if (protocol === '-1') return [undefined, undefined];
  const from = p.int('FromPort', { min: -1, max: 65535 });
  const to = p.int('ToPort', { min: -1, max: 65535 });
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined)
      throw new Ec2Error('InvalidParameterValue', "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    if (from < 0 || to < 0 || from > to) throw new Ec2Error('InvalidParameterValue', `Invalid value '${from}-${to}' for portRange.`);
  }
  return [from, to];
}

function cidr4(value: string): string {
  if (!isIpv4Cidr(value)) throw new Ec2Error('InvalidParameterValue', `CIDR block ${value} is malformed`);
  return value;
}

function specsFromPermission(state: Ec2State, p: QueryParams, legacy: boolean): RuleSpec[] {
  const protocol = protocolOf(p.require('IpProtocol'));
  const [fromPort, toPort] = ports(p, protocol);
  const base = { protocol, fromPort, toPort, cidrIpv4: undefined, cidrIpv6: undefined, groupId: undefined, description: undefined };
  const out: RuleSpec[] = [];
  if (legacy) {
    const cidr = p.get('CidrIp');
    if (cidr !== undefined) out.push({ ...base, cidrIpv4: cidr4(cidr) });
    const source = p.get('SourceSecurityGroupName');
    if (source !== undefined) out.push({ ...base, groupId: state.groupByName(source).id });
    return out;
  }
  for (const r of p.structs('IpRanges')) out.push({ ...base, cidrIpv4: cidr4(r.require('CidrIp')), description: r.get('Description') });
  for (const r of p.structs('Ipv6Ranges')) {
    const v6 = r.require('CidrIpv6');
    if (!isIpv6Cidr(v6)) throw new Ec2Error('InvalidParameterValue', `CIDR block ${v6} is malformed`);
    out.push({ ...base, cidrIpv6: v6, description: r.get('Description') });
  }
  for (const g of p.structs('Groups')) {
    const id = g.get('GroupId');
    const name = g.get('GroupName');
    const group = id !== undefined ? state.group(id) : name !== undefined ? state.groupByName(name) : undefined;
    if (!group) throw missingParameter('Groups.GroupId');
    out.push({ ...base, groupId: group.id, description: g.get('Description') });
  }
  return out;
}

function ruleSpecs(state: Ec2State, params: QueryParams, egress: boolean): RuleSpec[] {
  const perms = params.structs('IpPermissions');
  const specs = perms.flatMap((p) => specsFromPermission(state, p, false));
  if (!egress && params.has('IpProtocol')) specs.push(...specsFromPermission(state, params, true));
  if (specs.length === 0) throw missingParameter('IpPermissions');
  return specs;
}

function sameRule(a: RuleSpec, b: RuleSpec): boolean {
  return (
    a.protocol === b.protocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.groupId === b.groupId
  );
}

function describeRule(r: RuleSpec): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.groupId ?? '';
  const proto = r.protocol === '-1' ? 'ALL' : r.protocol.toUpperCase();
  return `peer: ${peer}, ${proto}, from port: ${r.fromPort ?? 'ALL'}, to port: ${r.toPort ?? 'ALL'}, ALLOW`;
}

function targetGroup(state: Ec2State, params: QueryParams): SecurityGroupRecord {
  const id = params.get('GroupId');
  if (id !== undefined) return state.group(id);
  const name = params.get('GroupName');
  if (name !== undefined) return state.groupByName(name);
  throw missingParameter('GroupId');
}

function writeRule(w: XmlWriter, group: SecurityGroupRecord, r: SecurityGroupRule, egress: boolean): void {
  w.leaf('securityGroupRuleId', r.id)
    .leaf('groupId', group.id)
    .leaf('groupOwnerId', group.ownerId)
    .leaf('isEgress', egress)
    .leaf('ipProtocol', r.protocol);
  w.leaf('fromPort', r.fromPort ?? -1)
    .leaf('toPort', r.toPort ?? -1)
    .leaf('cidrIpv4', r.cidrIpv4)
    .leaf('cidrIpv6', r.cidrIpv6);
  if (r.groupId) w.open('referencedGroupInfo').leaf('groupId', r.groupId).leaf('userId', group.ownerId).close();
  w.leaf('description', r.description);
}

function authorize(egress: boolean) {
  return (ctx: ActionContext, w: XmlWriter): void => {
    const group = targetGroup(ctx.state, ctx.params);
    const rules = egress ? group.egress : group.ingress;
    const specs = ruleSpecs(ctx.state, ctx.params, egress);
    for (const spec of specs) {
      if (rules.some((r) => sameRule(r, spec))) {
        throw new Ec2Error('InvalidPermission.Duplicate', `the specified rule "${describeRule(spec)}" already exists`);
      }
    }
    const added = specs.map((spec) => ({ ...spec, id: newId('sgr') }));
    rules.push(...added);
    w.leaf('return', true);
    w.list('securityGroupRuleSet', added, (r, x) => writeRule(x, group, r, egress));
  };
}

function revoke(egress: boolean) {
  return (ctx: ActionContext, w: XmlWriter): void => {
    const group = targetGroup(ctx.state, ctx.params);
    const rules = egress ? group.egress : group.ingress;
    const ruleIds = ctx.params.list('SecurityGroupRuleId');
    const doomed = new Set<SecurityGroupRule>();
    for (const id of ruleIds) {
      const rule = rules.find((r) => r.id === id);
      if (!rule) throw new Ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
      doomed.add(rule);
    }
    if (ruleIds.length === 0) {
      for (const spec of ruleSpecs(ctx.state, ctx.params, egress)) {
        const rule = rules.find((r) => sameRule(r, spec));
        if (!rule) throw new Ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
        doomed.add(rule);
      }
    }
    const kept = rules.filter((r) => !doomed.has(r));
    rules.length = 0;
    rules.push(...kept);
    w.leaf('return', true);
  };
}

function writePermissions(w: XmlWriter, name: string, group: SecurityGroupRecord, rules: readonly SecurityGroupRule[]): void {
  const grouped = new Map<string, SecurityGroupRule[]>();
  for (const r of rules) {
    const key = `${r.protocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    grouped.set(key, [...(grouped.get(key) ?? []), r]);
  }
  w.list(name, grouped.values(), (list, x) => {
    const first = list[0] as SecurityGroupRule;
    x.leaf('ipProtocol', first.protocol).leaf('fromPort', first.fromPort).leaf('toPort', first.toPort);
    x.list(
      'groups',
      list.filter((r) => r.groupId),
      (r, y) => {
        y.leaf('userId', group.ownerId).leaf('groupId', r.groupId).leaf('description', r.description);
      },
    );
    x.list(
      'ipRanges',
      list.filter((r) => r.cidrIpv4),
      (r, y) => {
        y.leaf('cidrIp', r.cidrIpv4).leaf('description', r.description);
      },
    );
    x.list(
      'ipv6Ranges',
      list.filter((r) => r.cidrIpv6),
      (r, y) => {
        y.leaf('cidrIpv6', r.cidrIpv6).leaf('description', r.description);
      },
    );
    x.empty('prefixListIds');
  });
}

const GROUP_FIELDS: Record<string, FilterField<SecurityGroupRecord>> = {
  'group-id': (g) => g.id,
  'group-name': (g) => g.name,
  description: (g) => g.description,
  'vpc-id': (g) => g.vpcId,
  'owner-id': (g) => g.ownerId,
  'ip-permission.protocol': (g) => g.ingress.map((r) => r.protocol),
  'ip-permission.from-port': (g) => g.ingress.map((r) => (r.fromPort === undefined ? undefined : String(r.fromPort))),
  'ip-permission.to-port': (g) => g.ingress.map((r) => (r.toPort === undefined ? undefined : String(r.toPort))),
  'ip-permission.cidr': (g) => g.ingress.map((r) => r.cidrIpv4),
  'ip-permission.ipv6-cidr': (g) => g.ingress.map((r) => r.cidrIpv6),
  'ip-permission.group-id': (g) => g.ingress.map((r) => r.groupId),
  'egress.ip-permission.cidr': (g) => g.egress.map((r) => r.cidrIpv4),
  'egress.ip-permission.protocol': (g) => g.egress.map((r) => r.protocol),
};

function describeSecurityGroups(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const ids = params.list('GroupId');
  const names = params.list('GroupName');
  if ((ids.length > 0 || names.length > 0) && params.has('MaxResults')) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter groupIds cannot be used with the parameter maxResults');
  }
  const match = compileFilters(parseFilters(params), GROUP_FIELDS, (g) => g.tags);
  let groups = [...state.securityGroups.values()];
  if (ids.length > 0 || names.length > 0) {
    const wanted = new Set([...ids.map((id) => state.group(id)), ...names.map((n) => state.groupByName(n))]);
    groups = groups.filter((g) => wanted.has(g));
  }
  const page = paginate('DescribeSecurityGroups', groups.filter(match), params, { min: 5, max: 1000 });
  w.list('securityGroupInfo', page.items, (g, x) => {
    x.leaf('ownerId', g.ownerId).leaf('groupId', g.id).leaf('groupName', g.name).leaf('groupDescription', g.description);
    writePermissions(x, 'ipPermissions', g, g.ingress);
    writePermissions(x, 'ipPermissionsEgress', g, g.egress);
    if (g.tags.size > 0) x.tags(g.tags);
    x.leaf('vpcId', g.vpcId).leaf('securityGroupArn', `arn:aws:ec2:${state.options.region}:${g.ownerId}:security-group/${g.id}`);
  });
  w.leaf('nextToken', page.nextToken);
}

function createSecurityGroup(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const name = params.require('GroupName');
  const description = params.require('GroupDescription');
  if (name.length > 255) throw invalidValue('GroupName', name);
  if (name.startsWith('sg-')) throw new Ec2Error('InvalidParameterValue', 'Group names may not be in the format sg-*.');
  if (description.length > 255) throw invalidValue('GroupDescription', description);
  const vpcId = params.get('VpcId') ?? state.vpc.id;
  if (vpcId !== state.vpc.id) throw new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  for (const g of state.securityGroups.values()) {
    if (g.name === name) throw new Ec2Error('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
  }
  const group: SecurityGroupRecord = {
    id: newId('sg'),
    seq: state.nextSeq(),
    name,
    description,
    vpcId,
    ownerId: state.options.accountId,
    ingress: [],
    egress: [state.allTrafficEgress()],
    tags: tagSpecifications(params, ['security-group']).get('security-group') ?? new Map(),
  };
  state.securityGroups.set(group.id, group);
  w.leaf('return', true).leaf('groupId', group.id);
  if (group.tags.size > 0) w.tags(group.tags);
  w.leaf('securityGroupArn', `arn:aws:ec2:${state.options.region}:${group.ownerId}:security-group/${group.id}`);
}

function deleteSecurityGroup(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const group = targetGroup(state, params);
  if (group === state.defaultGroup) {
    throw new Ec2Error('CannotDelete', `the specified group: "${group.id}" name: "default" cannot be deleted by a user`);
  }
  for (const inst of state.instances.values()) {
    if (inst.state !== 'terminated' && inst.groups.some((g) => g.id === group.id)) {
      throw new Ec2Error('DependencyViolation', `resource ${group.id} has a dependent object`);
    }
  }
  for (const other of state.securityGroups.values()) {
    if (other !== group && [...other.ingress, ...other.egress].some((r) => r.groupId === group.id)) {
      throw new Ec2Error('DependencyViolation', `resource ${group.id} has a dependent object`);
    }
  }
  state.securityGroups.delete(group.id);
  w.leaf('return', true).leaf('groupId', group.id);
}

/** Security group actions. */
export const securityGroupActions: ActionTable = {
  DescribeSecurityGroups: describeSecurityGroups,
  CreateSecurityGroup: createSecurityGroup,
  DeleteSecurityGroup: deleteSecurityGroup,
  AuthorizeSecurityGroupIngress: authorize(false),
  AuthorizeSecurityGroupEgress: authorize(true),
  RevokeSecurityGroupIngress: revoke(false),
  RevokeSecurityGroupEgress: revoke(true),
};
