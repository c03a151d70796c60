import type { CallOptions } from '@cloudmux/core';
import type { Ec2Context } from './context.js';
import { returned } from './context.js';
import { ec2Id, ec2Key } from './ids.js';
import { addFilters, addList, addTagSpecification, type Ec2Filters, type Ec2Params } from './params.js';
import { toSecurityGroup } from './to-resources.js';
import type { Ec2IpPermission, Ec2SecurityGroup } from './types.js';
import { items, txt } from './wire.js';

/** What `exListSecurityGroups` asks for. */
export interface Ec2SecurityGroupQuery extends CallOptions {
  /** Group ids. */
  ids?: readonly string[] | undefined;
  /** Group names (default VPC / EC2-Classic). */
  names?: readonly string[] | undefined;
  /** EC2 filters (`vpc-id`, `group-name`, `tag:Key`…). */
  filters?: Ec2Filters | undefined;
}

/** DescribeSecurityGroups (paginated unless ids or names are given). */
export async function listSecurityGroups(ctx: Ec2Context, query: Ec2SecurityGroupQuery = {}): Promise<Ec2SecurityGroup[]> {
  const params: Ec2Params = {};
  addList(params, 'GroupId', query.ids);
  addList(params, 'GroupName', query.names);
  addFilters(params, query.filters);
  const pageSize = query.ids === undefined && query.names === undefined ? ctx.settings.pageSize : undefined;
  const out: Ec2SecurityGroup[] = [];
  for await (const page of ctx.client.paginate('DescribeSecurityGroups', params, pageSize, { signal: query.signal })) {
    for (const g of items(page, 'securityGroupInfo')) out.push(toSecurityGroup(g));
  }
  return out;
}

/** Options of `exCreateSecurityGroup`. */
export interface Ec2CreateSecurityGroupOptions extends CallOptions {
  /** Group name. */
  name: string;
  /** Description (required by EC2; default: the name). */
  description?: string | undefined;
  /** VPC (default: the default VPC). */
  vpcId?: string | undefined;
  /** Tags. */
  tags?: Readonly<Record<string, string>> | undefined;
}

/** CreateSecurityGroup; returns the new group id. */
export async function createSecurityGroup(ctx: Ec2Context, options: Ec2CreateSecurityGroupOptions): Promise<string> {
  const params: Ec2Params = { GroupName: options.name, GroupDescription: options.description ?? options.name, VpcId: options.vpcId };
  addTagSpecification(params, 1, 'security-group', options.tags);
  const res = await ctx.client.call('CreateSecurityGroup', params, { signal: options.signal });
  return txt(res, 'groupId') ?? '';
}

/** Group reference parameter: `GroupId` for `sg-…`, `GroupName` otherwise (a group name may contain `/`); checked first. */
function groupParam(ctx: Ec2Context, group: string, method: string): Ec2Params {
  if (typeof group === 'string' && group.startsWith('sg-')) return { GroupId: ec2Id(ctx, group, 'group', method, 'security group id') };
  return { GroupName: ec2Key(ctx, group, 'group', method, 'security group id or name') };
}

/** DeleteSecurityGroup by id (`sg-…`) or name. */
export async function deleteSecurityGroup(ctx: Ec2Context, group: string, options: CallOptions = {}): Promise<boolean> {
  return returned(
    await ctx.client.call('DeleteSecurityGroup', groupParam(ctx, group, 'exDeleteSecurityGroup'), { signal: options.signal }),
  );
}

/** Adds `IpPermissions.N.*` parameters. */
export function permissionParams(params: Ec2Params, permissions: readonly Ec2IpPermission[]): Ec2Params {
  permissions.forEach((p, i) => {
    const base = `IpPermissions.${i + 1}`;
    params[`${base}.IpProtocol`] = p.protocol;
    params[`${base}.FromPort`] = p.fromPort;
    params[`${base}.ToPort`] = p.toPort;
    p.cidrIps?.forEach((c, j) => {
      params[`${base}.IpRanges.${j + 1}.CidrIp`] = c;
      params[`${base}.IpRanges.${j + 1}.Description`] = p.description;
    });
    p.cidrIpv6s?.forEach((c, j) => {
      params[`${base}.Ipv6Ranges.${j + 1}.CidrIpv6`] = c;
      params[`${base}.Ipv6Ranges.${j + 1}.Description`] = p.description;
    });
    p.groupIds?.forEach((g, j) => {
      params[`${base}.Groups.${j + 1}.GroupId`] = g;
      params[`${base}.Groups.${j + 1}.Description`] = p.description;
    });
  });
  return params;
}

/** Authorize/Revoke SecurityGroup Ingress/Egress. Egress rules need a group id (VPC groups). */
export async function changeRules(
  ctx: Ec2Context,
  action: 'AuthorizeSecurityGroupIngress' | 'AuthorizeSecurityGroupEgress' | 'RevokeSecurityGroupIngress' | 'RevokeSecurityGroupEgress',
  group: string,
  permissions: readonly Ec2IpPermission[],
  options: CallOptions = {},
): Promise<boolean> {
  const method = `ex${action}`;
  const params = permissionParams(
    action.endsWith('Egress') ? { GroupId: ec2Id(ctx, group, 'groupId', method, 'security group id') } : groupParam(ctx, group, method),
    permissions,
  );
  return returned(await ctx.client.call(action, params, { signal: options.signal }));
}
