import { assertKnownOptions, checkExKeys, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { Algorithm, type CreateBalancerOptions, type LoadBalancer } from '@cloudmux/core/loadbalancer';
import type { Ec2Params } from '../ec2/params.js';
import type { ElbContext } from './context.js';
import { toBalancer } from './to-balancer.js';
import type { ElbBalancerExtra, ElbCreateBalancerEx, ElbListener } from './types.js';
import { checkElbName, checkOneOf, checkPort, checkStrings } from './validate.js';
import { members } from './wire.js';

/** Portable protocols of classic ELB listeners. */
export const ELB_PROTOCOLS: readonly string[] = Object.freeze(['http', 'https', 'tcp', 'ssl']);

/**
 * The algorithm classic ELB uses for a protocol (it cannot be chosen): round robin for `tcp`/`ssl`
 * listeners, least outstanding requests (portable `least-connections`) for `http`/`https`.
 */
export function elbAlgorithmOf(protocol: string): Algorithm {
  return protocol === 'http' || protocol === 'https' ? Algorithm.LEAST_CONNECTIONS : Algorithm.ROUND_ROBIN;
}

const EX_KEYS = [
  'availabilityZones',
  'subnets',
  'securityGroups',
  'scheme',
  'instancePort',
  'instanceProtocol',
  'sslCertificateId',
  'listeners',
  'instanceIds',
  'tags',
] as const;

function addMembers(params: Ec2Params, prefix: string, values: readonly string[] | undefined): void {
  values?.forEach((v, i) => (params[`${prefix}.member.${i + 1}`] = v));
}

function addListener(params: Ec2Params, n: number, l: ElbListener): void {
  const p = `Listeners.member.${n}`;
  params[`${p}.Protocol`] = l.protocol.toUpperCase();
  params[`${p}.LoadBalancerPort`] = l.loadBalancerPort;
  params[`${p}.InstanceProtocol`] = (l.instanceProtocol ?? l.protocol).toUpperCase();
  params[`${p}.InstancePort`] = l.instancePort;
  if (l.sslCertificateId !== undefined) params[`${p}.SSLCertificateId`] = l.sslCertificateId;
}

/** Iterates every balancer (DescribeLoadBalancers, `Marker` pages). */
export async function* iterateBalancers(ctx: ElbContext, options: CallOptions = {}): AsyncIterable<LoadBalancer<ElbBalancerExtra>> {
  for await (const page of ctx.client.pages('DescribeLoadBalancers', {}, ctx.settings.pageSize, options))
    for (const d of members(page, 'LoadBalancerDescriptions')) yield toBalancer(d, ctx.driver);
}

/** One balancer by name; `NotFoundError` (`LoadBalancerNotFound`) if absent. */
export async function getBalancer(ctx: ElbContext, name: string, options: CallOptions = {}): Promise<LoadBalancer<ElbBalancerExtra>> {
  if (typeof name !== 'string' || name === '')
    throw new InvalidArgumentError('getBalancer: expected a balancer name', { provider: ctx.provider });
  const page = await ctx.client.call(
    'DescribeLoadBalancers',
    { 'LoadBalancerNames.member.1': name },
    { idempotent: true, signal: options.signal },
  );
  const d = members(page, 'LoadBalancerDescriptions')[0];
  if (d === undefined) throw new NotFoundError(`${ctx.provider}: load balancer ${name} not found`, { provider: ctx.provider });
  return toBalancer(d, ctx.driver);
}

/**
 * CreateLoadBalancer with a listener `protocol:port` → `instanceProtocol:instancePort` (plus
 * `ex.listeners`), in `ex.subnets` or `ex.availabilityZones` (default: the driver's, else the
 * region's zone `a`); then registers `ex.instanceIds`. Portable `members` (addresses) are refused:
 * classic ELB registers EC2 instances by id.
 */
export async function createBalancer(
  ctx: ElbContext,
  options: CreateBalancerOptions<ElbCreateBalancerEx>,
): Promise<LoadBalancer<ElbBalancerExtra>> {
  const provider = ctx.provider;
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('createBalancer: options are required', { provider });
  assertKnownOptions('createBalancer', options, ['name', 'port', 'protocol', 'algorithm', 'members', 'ex', 'signal']);
  const ex = checkExKeys(options.ex, EX_KEYS, { method: 'createBalancer', provider }) ?? {};
  const name = checkElbName(provider, 'balancer name', options.name);
  const port = checkPort(provider, 'balancer port', options.port);
  const protocol = checkOneOf(provider, 'protocol', options.protocol, ELB_PROTOCOLS);
  if (options.algorithm !== undefined && options.algorithm !== elbAlgorithmOf(protocol))
    throw new InvalidArgumentError(
      `Invalid algorithm ${JSON.stringify(options.algorithm)}: classic ELB balances ${protocol} listeners with ${elbAlgorithmOf(protocol)} and it cannot be chosen`,
      { provider },
    );
  if (options.members !== undefined && options.members.length > 0)
    throw new InvalidArgumentError('createBalancer: classic ELB registers EC2 instances, not addresses; pass ex.instanceIds', { provider });
  const instancePort = ex.instancePort === undefined ? port : checkPort(provider, 'ex.instancePort', ex.instancePort);
  const instanceProtocol =
    ex.instanceProtocol === undefined ? protocol : checkOneOf(provider, 'ex.instanceProtocol', ex.instanceProtocol, ELB_PROTOCOLS);
  const subnets = checkStrings(provider, 'ex.subnets', ex.subnets);
  const zones = checkStrings(provider, 'ex.availabilityZones', ex.availabilityZones);
  const instanceIds = checkStrings(provider, 'ex.instanceIds', ex.instanceIds);
  const params: Ec2Params = { LoadBalancerName: name };
  const listeners: ElbListener[] = [
    { protocol, loadBalancerPort: port, instanceProtocol, instancePort, sslCertificateId: ex.sslCertificateId },
    ...(ex.listeners ?? []),
  ];
  listeners.forEach((l, i) => addListener(params, i + 1, l));
  if (subnets !== undefined) addMembers(params, 'Subnets', subnets);
  else if (zones !== undefined) addMembers(params, 'AvailabilityZones', zones);
  else if (ctx.settings.subnets !== undefined) addMembers(params, 'Subnets', ctx.settings.subnets);
  else addMembers(params, 'AvailabilityZones', ctx.settings.availabilityZones ?? [`${ctx.settings.region}a`]);
  addMembers(params, 'SecurityGroups', checkStrings(provider, 'ex.securityGroups', ex.securityGroups));
  if (ex.scheme !== undefined) params.Scheme = checkOneOf(provider, 'ex.scheme', ex.scheme, ['internet-facing', 'internal']);
  Object.entries(ex.tags ?? {}).forEach(([k, v], i) => {
    params[`Tags.member.${i + 1}.Key`] = k;
    params[`Tags.member.${i + 1}.Value`] = v;
  });
  await ctx.client.call('CreateLoadBalancer', params, { signal: options.signal });
  if (instanceIds !== undefined && instanceIds.length > 0) await registerInstances(ctx, name, instanceIds, options);
  return getBalancer(ctx, name, options);
}

/** DeleteLoadBalancer, after checking the balancer exists (ELB answers success for a missing one). */
export async function destroyBalancer(ctx: ElbContext, name: string, options: CallOptions = {}): Promise<boolean> {
  await getBalancer(ctx, name, options);
  await ctx.client.call('DeleteLoadBalancer', { LoadBalancerName: name }, { signal: options.signal });
  return true;
}

/** RegisterInstancesWithLoadBalancer; returns the instance ids now registered. */
export async function registerInstances(
  ctx: ElbContext,
  name: string,
  instanceIds: readonly string[],
  options: CallOptions = {},
): Promise<string[]> {
  return changeInstances(ctx, 'RegisterInstancesWithLoadBalancer', name, instanceIds, options);
}

/** DeregisterInstancesFromLoadBalancer; returns the instance ids still registered. */
export async function deregisterInstances(
  ctx: ElbContext,
  name: string,
  instanceIds: readonly string[],
  options: CallOptions = {},
): Promise<string[]> {
  return changeInstances(ctx, 'DeregisterInstancesFromLoadBalancer', name, instanceIds, options);
}

async function changeInstances(
  ctx: ElbContext,
  action: string,
  name: string,
  ids: readonly string[],
  options: CallOptions,
): Promise<string[]> {
  const checked = checkStrings(ctx.provider, 'instance ids', ids) ?? [];
  if (checked.length === 0) throw new InvalidArgumentError(`${action}: at least one instance id is required`, { provider: ctx.provider });
  const params: Ec2Params = { LoadBalancerName: name };
  checked.forEach((id, i) => (params[`Instances.member.${i + 1}.InstanceId`] = id));
  const res = await ctx.client.call(action, params, { signal: options.signal, idempotent: true });
  return members(res, 'Instances')
    .map((m) => (typeof m.InstanceId === 'string' ? m.InstanceId : undefined))
    .filter((i): i is string => i !== undefined);
}
