import { isIP } from 'node:net';
import { assertKnownOptions, checkExKeys, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { Algorithm, Member, type CreateBalancerOptions, type LoadBalancer, type MemberSpec } from '@cloudmux/core/loadbalancer';
import type { ElbContext } from '../elb/context.js';
import { checkElbName, checkOneOf, checkPort, checkStrings } from '../elb/validate.js';
import { members, txt } from '../elb/wire.js';
import type { Ec2Params } from '../ec2/params.js';
import { createListener, listListeners } from './listeners.js';
import { toBalancer } from './to-resources.js';
import {
  createTargetGroup,
  deleteTargetGroup,
  deregisterTargets,
  describeTargetHealth,
  registerTargets,
  setTargetGroupAttributes,
} from './target-groups.js';
import type { Elbv2BalancerExtra, Elbv2BalancerType, Elbv2CreateBalancerEx, Elbv2MemberExtra } from './types.js';

/** Portable protocols by balancer type. */
export const ELBV2_PROTOCOLS: Readonly<Record<Elbv2BalancerType, readonly string[]>> = Object.freeze({
  application: Object.freeze(['http', 'https']),
  network: Object.freeze(['tcp', 'udp', 'tls', 'tcp-udp']),
});
/** Every portable ELBv2 protocol. */
export const ELBV2_ALL_PROTOCOLS: readonly string[] = Object.freeze([...ELBV2_PROTOCOLS.application, ...ELBV2_PROTOCOLS.network]);

/**
 * Portable algorithms by balancer type: application target groups balance with `round_robin` (default)
 * or `least_outstanding_requests` (`least-connections`); network balancers hash flows and offer no choice.
 */
export const ELBV2_ALGORITHMS: Readonly<Record<Elbv2BalancerType, readonly Algorithm[]>> = Object.freeze({
  application: Object.freeze([Algorithm.ROUND_ROBIN, Algorithm.LEAST_CONNECTIONS]),
  network: Object.freeze([]),
});

const EX_KEYS = [
  'type',
  'subnets',
  'securityGroups',
  'scheme',
  'targetGroupName',
  'targetProtocol',
  'healthCheck',
  'certificateArn',
  'tags',
] as const;

function isArn(id: string): boolean {
  return id.startsWith('arn:');
}

/** Iterates every balancer (DescribeLoadBalancers `Marker` pages), each with its listeners. */
export async function* iterateBalancers(ctx: ElbContext, options: CallOptions = {}): AsyncIterable<LoadBalancer<Elbv2BalancerExtra>> {
  for await (const page of ctx.client.pages('DescribeLoadBalancers', {}, ctx.settings.pageSize, options)) {
    for (const d of members(page, 'LoadBalancers')) {
      const arn = txt(d, 'LoadBalancerArn') ?? '';
      yield toBalancer(d, await listListeners(ctx, arn, options), ctx.driver);
    }
  }
}

/** A balancer by ARN (or by name); `NotFoundError` (`LoadBalancerNotFound`) if absent. */
export async function getBalancer(ctx: ElbContext, id: string, options: CallOptions = {}): Promise<LoadBalancer<Elbv2BalancerExtra>> {
  if (typeof id !== 'string' || id === '')
    throw new InvalidArgumentError('getBalancer: expected a balancer ARN or name', { provider: ctx.provider });
  const params: Ec2Params = isArn(id) ? { 'LoadBalancerArns.member.1': id } : { 'Names.member.1': id };
  const res = await ctx.client.call('DescribeLoadBalancers', params, { idempotent: true, signal: options.signal });
  const d = members(res, 'LoadBalancers')[0];
  if (d === undefined) throw new NotFoundError(`${ctx.provider}: load balancer ${id} not found`, { provider: ctx.provider });
  return toBalancer(d, await listListeners(ctx, txt(d, 'LoadBalancerArn') ?? id, options), ctx.driver);
}

/**
 * Creates a balancer in three calls: CreateLoadBalancer (type from `ex.type`, else from the
 * protocol), CreateTargetGroup (`ip` targets, named like the balancer) and CreateListener on
 * `port`/`protocol` forwarding to it; then registers `members`. A failure after the balancer exists
 * deletes what was made.
 */
export async function createBalancer(
  ctx: ElbContext,
  options: CreateBalancerOptions<Elbv2CreateBalancerEx>,
): Promise<LoadBalancer<Elbv2BalancerExtra>> {
  const provider = ctx.provider;
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('createBalancer: options are required', { provider });
  assertKnownOptions('createBalancer', options, ['name', 'port', 'protocol', 'algorithm', 'members', 'ex', 'signal']);
  const ex = checkExKeys(options.ex, EX_KEYS, { method: 'createBalancer', provider }) ?? {};
  const name = checkElbName(provider, 'balancer name', options.name);
  const port = checkPort(provider, 'balancer port', options.port);
  const protocol = checkOneOf(provider, 'protocol', options.protocol, ELBV2_ALL_PROTOCOLS);
  const type: Elbv2BalancerType =
    ex.type === undefined
      ? ELBV2_PROTOCOLS.application.includes(protocol)
        ? 'application'
        : 'network'
      : checkOneOf(provider, 'ex.type', ex.type, ['application', 'network'] as const);
  if (!ELBV2_PROTOCOLS[type].includes(protocol))
    throw new InvalidArgumentError(
      `Invalid protocol "${protocol}" for a ${type} load balancer. Valid protocols: ${ELBV2_PROTOCOLS[type].join(', ')}`,
      { provider },
    );
  const algorithms = ELBV2_ALGORITHMS[type];
  if (options.algorithm !== undefined && !algorithms.includes(options.algorithm))
    throw new InvalidArgumentError(
      `Invalid algorithm ${JSON.stringify(options.algorithm)} for a ${type} load balancer. Valid algorithms: ${algorithms.join(', ') || 'none (flow hash)'}`,
      { provider },
    );
  const specs = (options.members ?? []).map((m) => checkMember(provider, m));
  const subnets = checkStrings(provider, 'ex.subnets', ex.subnets) ?? ctx.settings.subnets;
  if (subnets === undefined || subnets.length === 0)
    throw new InvalidArgumentError('createBalancer: ELBv2 balancers need subnets: pass ex.subnets or the driver option subnets', {
      provider,
    });
  const params: Ec2Params = { Name: name, Type: type };
  subnets.forEach((s, i) => (params[`Subnets.member.${i + 1}`] = s));
  checkStrings(provider, 'ex.securityGroups', ex.securityGroups)?.forEach((g, i) => (params[`SecurityGroups.member.${i + 1}`] = g));
  if (ex.scheme !== undefined) params.Scheme = checkOneOf(provider, 'ex.scheme', ex.scheme, ['internet-facing', 'internal']);
  Object.entries(ex.tags ?? {}).forEach(([k, v], i) => {
    params[`Tags.member.${i + 1}.Key`] = k;
    params[`Tags.member.${i + 1}.Value`] = v;
  });
  const res = await ctx.client.call('CreateLoadBalancer', params, { signal: options.signal });
  const created = members(res, 'LoadBalancers')[0];
  const arn = txt(created, 'LoadBalancerArn');
  if (arn === undefined) throw new InvalidArgumentError('CreateLoadBalancer returned no balancer', { provider });
  let tgArn: string | undefined;
  try {
    const wireProtocol = protocol.toUpperCase().replace('-', '_');
    const tg = await createTargetGroup(ctx, {
      name: ex.targetGroupName ?? name,
      protocol: ex.targetProtocol ?? (type === 'application' ? 'HTTP' : wireProtocol === 'TLS' ? 'TCP' : wireProtocol),
      port,
      vpcId: txt(created, 'VpcId') ?? '',
      targetType: 'ip',
      healthCheck: ex.healthCheck,
      signal: options.signal,
    });
    tgArn = tg.arn;
    if (options.algorithm === Algorithm.LEAST_CONNECTIONS)
      await setTargetGroupAttributes(ctx, tg.arn, { 'load_balancing.algorithm.type': 'least_outstanding_requests' }, options);
    await createListener(ctx, arn, {
      port,
      protocol: wireProtocol,
      defaultActions: [{ type: 'forward', targetGroupArn: tg.arn }],
      certificateArn: ex.certificateArn,
      signal: options.signal,
    });
    if (specs.length > 0)
      await registerTargets(
        ctx,
        tg.arn,
        specs.map((m) => ({ id: m.ip, port: m.port })),
        options,
      );
  } catch (err) {
    await ctx.client.call('DeleteLoadBalancer', { LoadBalancerArn: arn }).catch(() => undefined);
    if (tgArn !== undefined) await deleteTargetGroup(ctx, tgArn).catch(() => undefined);
    throw err;
  }
  return getBalancer(ctx, arn, options);
}

/**
 * Deletes a balancer (after checking it exists: ELB answers success for a missing one), then the
 * target groups its listeners forwarded to that no other balancer uses.
 */
export async function destroyBalancer(ctx: ElbContext, id: string, options: CallOptions = {}): Promise<boolean> {
  const b = await getBalancer(ctx, id, options);
  const groups = new Set(
    b.extra.listeners.flatMap((l) => l.defaultActions.map((a) => a.targetGroupArn)).filter((a): a is string => a !== undefined),
  );
  await ctx.client.call('DeleteLoadBalancer', { LoadBalancerArn: b.id }, { signal: options.signal, idempotent: true });
  for (const tg of groups) await deleteTargetGroup(ctx, tg, options).catch(() => undefined);
  return true;
}

function checkMember(provider: string, m: MemberSpec): MemberSpec {
  if (typeof m !== 'object' || m === null) throw new InvalidArgumentError('Invalid member: expected { ip, port }', { provider });
  if (typeof m.ip !== 'string' || isIP(m.ip) === 0)
    throw new InvalidArgumentError(`Invalid member ip ${JSON.stringify(m.ip)}: expected an IPv4 or IPv6 address`, { provider });
  return { ip: m.ip, port: checkPort(provider, 'member port', m.port) };
}

/** The target group portable members live in (the first listener's forward target). */
export function memberGroup(ctx: ElbContext, b: LoadBalancer<Elbv2BalancerExtra>): string {
  const tg = b.extra.targetGroupArn;
  if (tg === undefined)
    throw new InvalidArgumentError(`Balancer ${b.id} has no listener forwarding to a target group`, { provider: ctx.provider });
  return tg;
}

/** Members of a balancer: the targets of its member group, except those draining out. */
export async function listMembers(
  ctx: ElbContext,
  b: LoadBalancer<Elbv2BalancerExtra>,
  options: CallOptions = {},
): Promise<Member<Elbv2MemberExtra>[]> {
  const tg = memberGroup(ctx, b);
  const health = await describeTargetHealth(ctx, tg, undefined, options);
  return health
    .filter((h) => h.state !== 'draining')
    .map(
      (h) =>
        new Member<Elbv2MemberExtra>({
          id: `${h.id}:${h.port ?? b.port}`,
          ip: h.id,
          port: h.port ?? b.port,
          balancerId: b.id,
          extra: { targetGroupArn: tg, state: h.state },
        }),
    );
}

/** RegisterTargets of one `ip:port`. */
export async function attachMember(
  ctx: ElbContext,
  b: LoadBalancer<Elbv2BalancerExtra>,
  spec: MemberSpec,
  options: CallOptions = {},
): Promise<Member<Elbv2MemberExtra>> {
  const m = checkMember(ctx.provider, spec);
  const tg = memberGroup(ctx, b);
  await registerTargets(ctx, tg, [{ id: m.ip, port: m.port }], options);
  return new Member<Elbv2MemberExtra>({
    id: `${m.ip}:${m.port}`,
    ip: m.ip,
    port: m.port,
    balancerId: b.id,
    extra: { targetGroupArn: tg, state: 'initial' },
  });
}

/** DeregisterTargets of a member; `NotFoundError` when it is not registered (or already draining). */
export async function detachMember(
  ctx: ElbContext,
  b: LoadBalancer<Elbv2BalancerExtra>,
  member: Member,
  options: CallOptions = {},
): Promise<boolean> {
  if (!(member instanceof Member))
    throw new InvalidArgumentError('balancerDetachMember: options.member must be a Member', { provider: ctx.provider });
  const current = await listMembers(ctx, b, options);
  const hit = current.find((m) => m.ip === member.ip && m.port === member.port);
  if (hit === undefined)
    throw new NotFoundError(`${ctx.provider}: member ${member.ip}:${member.port} is not registered with ${b.id}`, {
      provider: ctx.provider,
    });
  await deregisterTargets(ctx, memberGroup(ctx, b), [{ id: hit.ip, port: hit.port }], options);
  return true;
}
