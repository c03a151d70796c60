/**
 * Neutron security groups and their rules: list, create, delete, add and remove rules.
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { Ref } from '@cloudmux/core/compute';
import type { NetworkContext } from './context.js';
import { collect, idOf, neutronGet, neutronItems, neutronQuery, type NeutronListOptions } from './list.js';
import { toSecurityGroup, toSecurityGroupRule } from './to-network.js';
import type {
  OpenStackSecurityGroup,
  OpenStackSecurityGroupRule,
  SecurityGroupRuleDirection,
  SecurityGroupRuleEthertype,
} from './types.js';
import type { NeutronSecurityGroupRuleWire, NeutronSecurityGroupWire } from './wire.js';

/** Options of `exListSecurityGroups` / `exIterateSecurityGroups`. */
export interface ListSecurityGroupsOptions extends NeutronListOptions {
  /** Only groups with this name. */
  name?: string | undefined;
}

/** Options of `exCreateSecurityGroup`. */
export interface CreateSecurityGroupOptions extends CallOptions {
  /** Name (Neutron allows duplicates; `default` is reserved). */
  name: string;
  /** Description. */
  description?: string | undefined;
}

/** A rule to add with `exAddSecurityGroupRule`. */
export interface SecurityGroupRuleSpec extends CallOptions {
  /** `ingress` (default) or `egress`. */
  direction?: SecurityGroupRuleDirection | undefined;
  /** `IPv4` or `IPv6`; default: from `remoteIpPrefix`, else `IPv4`. */
  ethertype?: SecurityGroupRuleEthertype | undefined;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, another name or an IP protocol number; absent for any protocol. */
  protocol?: string | number | undefined;
  /** Lowest port (ICMP type); with `portRangeMax`, for tcp/udp/sctp/icmp only. */
  portRangeMin?: number | undefined;
  /** Highest port (ICMP code); default `portRangeMin`. */
  portRangeMax?: number | undefined;
  /** Remote CIDR (`0.0.0.0/0`); not with `remoteGroup`. */
  remoteIpPrefix?: string | undefined;
  /** Remote security group (object or id); not with `remoteIpPrefix`. */
  remoteGroup?: Ref<{ id: string }> | undefined;
  /** Description. */
  description?: string | undefined;
}

const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'dccp', 'udplite', '6', '17', '132', '33', '136']);
const ICMP_PROTOCOLS = new Set(['icmp', 'icmpv6', 'ipv6-icmp', '1', '58']);
const CIDR4 = /^(\d{1,3})(\.\d{1,3}){3}\/(\d|[12]\d|3[0-2])$/;
const CIDR6 = /^[0-9a-f:]*:[0-9a-f:.]*\/(\d{1,2}|1[01]\d|12[0-8])$/i;

/** Iterates security groups with their rules (`GET /security-groups`, every page). */
export function exIterateSecurityGroups(
  ctx: NetworkContext,
  options: ListSecurityGroupsOptions = {},
): AsyncGenerator<OpenStackSecurityGroup> {
  const q = neutronQuery('exListSecurityGroups', ctx.network.provider, { name: options.name }, options.pageSize);
  return neutronItems<NeutronSecurityGroupWire, OpenStackSecurityGroup>(
    ctx,
    `security-groups${q}`,
    'security_groups',
    toSecurityGroup,
    options.signal,
  );
}

/** Lists security groups (all pages). */
export function exListSecurityGroups(ctx: NetworkContext, options: ListSecurityGroupsOptions = {}): Promise<OpenStackSecurityGroup[]> {
  return collect(exIterateSecurityGroups(ctx, options));
}

/** One security group by id; `NotFoundError` (`SecurityGroupNotFound`) when absent. */
export async function exGetSecurityGroup(
  ctx: NetworkContext,
  group: Ref<{ id: string }>,
  options: CallOptions = {},
): Promise<OpenStackSecurityGroup> {
  const id = idOf(ctx, group, 'group', 'exGetSecurityGroup', 'security group id');
  return toSecurityGroup(await neutronGet<NeutronSecurityGroupWire>(ctx, 'security-groups', 'security_group', id, options.signal));
}

/** Creates a security group (`POST /security-groups`); Neutron adds its two default egress rules. */
export async function exCreateSecurityGroup(ctx: NetworkContext, options: CreateSecurityGroupOptions): Promise<OpenStackSecurityGroup> {
  const provider = ctx.network.provider;
  if (typeof options !== 'object' || options === null || typeof options.name !== 'string' || options.name.trim() === '')
    throw new InvalidArgumentError(`exCreateSecurityGroup: name must be a non-empty string, got ${JSON.stringify(options?.name)}`, {
      provider,
    });
  if (options.name === 'default')
    throw new InvalidArgumentError('exCreateSecurityGroup: the name "default" is reserved for the project\'s default group', { provider });
  const security_group: Record<string, string> = { name: options.name };
  if (options.description !== undefined) security_group.description = options.description;
  const res = await ctx.network.request<{ security_group: NeutronSecurityGroupWire }>({
    method: 'POST',
    path: 'security-groups',
    json: { security_group },
    signal: options.signal,
    errorContext: { action: `create security group ${JSON.stringify(options.name)}` },
  });
  return toSecurityGroup(res.body.security_group);
}

/** Deletes a security group (`DELETE /security-groups/{id}`); one still used by a port is refused (409 `SecurityGroupInUse`). */
export async function exDeleteSecurityGroup(ctx: NetworkContext, group: Ref<{ id: string }>, options: CallOptions = {}): Promise<boolean> {
  const id = idOf(ctx, group, 'group', 'exDeleteSecurityGroup', 'security group id');
  await ctx.network.request({
    method: 'DELETE',
    path: `security-groups/${encodeURIComponent(id)}`,
    signal: options.signal,
    errorContext: { action: `delete security group ${id}` },
  });
  return true;
}

function port(value: unknown, name: string, max: number, provider: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    throw new InvalidArgumentError(`exAddSecurityGroupRule: ${name} must be an integer from 0 to ${max}, got ${String(value)}`, {
      provider,
    });
  return value;
}

/** The Neutron body of a rule, checked before any request. */
export function ruleBody(groupId: string, rule: SecurityGroupRuleSpec, provider: string): Record<string, unknown> {
  const m = 'exAddSecurityGroupRule';
  if (typeof rule !== 'object' || rule === null) throw new InvalidArgumentError(`${m}: rule must be an object`, { provider });
  const direction = rule.direction ?? 'ingress';
  if (direction !== 'ingress' && direction !== 'egress')
    throw new InvalidArgumentError(`${m}: direction must be one of ingress, egress, got ${JSON.stringify(direction)}`, { provider });
  if (rule.remoteIpPrefix !== undefined && rule.remoteGroup !== undefined)
    throw new InvalidArgumentError(`${m}: pass remoteIpPrefix or remoteGroup, not both`, { provider });
  const prefix = rule.remoteIpPrefix;
  if (prefix !== undefined && (typeof prefix !== 'string' || !(CIDR4.test(prefix) || CIDR6.test(prefix))))
    throw new InvalidArgumentError(`${m}: remoteIpPrefix must be a CIDR like 0.0.0.0/0 or ::/0, got ${JSON.stringify(prefix)}`, {
      provider,
    });
  const family: SecurityGroupRuleEthertype | undefined = prefix === undefined ? undefined : prefix.includes(':') ? 'IPv6' : 'IPv4';
  const ethertype = rule.ethertype ?? family ?? 'IPv4';
  if (ethertype !== 'IPv4' && ethertype !== 'IPv6')
    throw new InvalidArgumentError(`${m}: ethertype must be one of IPv4, IPv6, got ${JSON.stringify(ethertype)}`, { provider });
  if (family !== undefined && family !== ethertype)
    throw new InvalidArgumentError(`${m}: remoteIpPrefix ${prefix} is not an ${ethertype} prefix`, { provider });
  let protocol: string | undefined;
  if (rule.protocol !== undefined) {
    if (typeof rule.protocol === 'number') {
      if (!Number.isInteger(rule.protocol) || rule.protocol < 0 || rule.protocol > 255)
        throw new InvalidArgumentError(`${m}: protocol number must be 0-255, got ${rule.protocol}`, { provider });
      protocol = String(rule.protocol);
    } else if (typeof rule.protocol === 'string' && /^[a-z0-9-]+$/i.test(rule.protocol)) {
      protocol = rule.protocol.toLowerCase();
    } else {
      throw new InvalidArgumentError(`${m}: protocol must be a name (tcp, udp, icmp…) or a number, got ${JSON.stringify(rule.protocol)}`, {
        provider,
      });
    }
  }
  const icmp = protocol !== undefined && ICMP_PROTOCOLS.has(protocol);
  const max = icmp ? 255 : 65535;
  const min = port(rule.portRangeMin, 'portRangeMin', max, provider);
  const top = port(rule.portRangeMax, 'portRangeMax', max, provider) ?? (icmp ? undefined : min);
  if (min !== undefined || top !== undefined) {
    if (protocol === undefined || !(PORT_PROTOCOLS.has(protocol) || icmp))
      throw new InvalidArgumentError(`${m}: port ranges need protocol tcp, udp, sctp, dccp, udplite or icmp, got ${protocol ?? 'none'}`, {
        provider,
      });
    if (min === undefined) throw new InvalidArgumentError(`${m}: portRangeMax needs portRangeMin`, { provider });
    if (!icmp && top !== undefined && top < min)
      throw new InvalidArgumentError(`${m}: portRangeMin ${min} is above portRangeMax ${top}`, { provider });
  }
  const body: Record<string, unknown> = { security_group_id: groupId, direction, ethertype };
  if (protocol !== undefined) body.protocol = protocol;
  if (min !== undefined) body.port_range_min = min;
  if (top !== undefined) body.port_range_max = top;
  if (prefix !== undefined) body.remote_ip_prefix = prefix;
  if (rule.remoteGroup !== undefined) body.remote_group_id = typeof rule.remoteGroup === 'string' ? rule.remoteGroup : rule.remoteGroup.id;
  if (rule.description !== undefined) body.description = rule.description;
  return body;
}

/** Adds a rule to a security group (`POST /security-group-rules`); a duplicate is `AlreadyExistsError` (`SecurityGroupRuleExists`). */
export async function exAddSecurityGroupRule(
  ctx: NetworkContext,
  group: Ref<{ id: string }>,
  rule: SecurityGroupRuleSpec,
): Promise<OpenStackSecurityGroupRule> {
  const groupId = idOf(ctx, group, 'group', 'exAddSecurityGroupRule', 'security group id');
  const body = ruleBody(groupId, rule, ctx.network.provider);
  if (rule.remoteGroup !== undefined) idOf(ctx, rule.remoteGroup, 'remoteGroup', 'exAddSecurityGroupRule', 'security group id');
  const res = await ctx.network.request<{ security_group_rule: NeutronSecurityGroupRuleWire }>({
    method: 'POST',
    path: 'security-group-rules',
    json: { security_group_rule: body },
    signal: rule.signal,
    errorContext: { action: `add a rule to security group ${groupId}` },
  });
  return toSecurityGroupRule(res.body.security_group_rule);
}

/** Removes a rule (`DELETE /security-group-rules/{id}`). */
export async function exRemoveSecurityGroupRule(
  ctx: NetworkContext,
  rule: Ref<{ id: string }>,
  options: CallOptions = {},
): Promise<boolean> {
  const id = idOf(ctx, rule, 'rule', 'exRemoveSecurityGroupRule', 'security group rule id');
  await ctx.network.request({
    method: 'DELETE',
    path: `security-group-rules/${encodeURIComponent(id)}`,
    signal: options.signal,
    errorContext: { action: `remove security group rule ${id}` },
  });
  return true;
}
