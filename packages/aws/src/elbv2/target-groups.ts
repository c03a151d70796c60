import type { CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { ElbContext } from '../elb/context.js';
import { checkElbName, checkPort } from '../elb/validate.js';
import { members } from '../elb/wire.js';
import type { Ec2Params } from '../ec2/params.js';
import { toTargetGroup, toTargetHealth } from './to-resources.js';
import type { Elbv2CreateTargetGroupOptions, Elbv2HealthCheck, Elbv2TargetGroup, Elbv2TargetHealth } from './types.js';

/** Adds the health check parameters of CreateTargetGroup/ModifyTargetGroup. */
export function addHealthCheck(params: Ec2Params, h: Elbv2HealthCheck | undefined): Ec2Params {
  if (h === undefined) return params;
  if (h.protocol !== undefined) params.HealthCheckProtocol = h.protocol.toUpperCase();
  if (h.port !== undefined) params.HealthCheckPort = h.port;
  if (h.path !== undefined) params.HealthCheckPath = h.path;
  if (h.intervalSeconds !== undefined) params.HealthCheckIntervalSeconds = h.intervalSeconds;
  if (h.timeoutSeconds !== undefined) params.HealthCheckTimeoutSeconds = h.timeoutSeconds;
  if (h.healthyThresholdCount !== undefined) params.HealthyThresholdCount = h.healthyThresholdCount;
  if (h.unhealthyThresholdCount !== undefined) params.UnhealthyThresholdCount = h.unhealthyThresholdCount;
  if (h.matcher !== undefined) params['Matcher.HttpCode'] = h.matcher;
  return params;
}

/** CreateTargetGroup. */
export async function createTargetGroup(ctx: ElbContext, o: Elbv2CreateTargetGroupOptions): Promise<Elbv2TargetGroup> {
  if (typeof o !== 'object' || o === null)
    throw new InvalidArgumentError('exCreateTargetGroup: options are required', { provider: ctx.provider });
  const params: Ec2Params = {
    Name: checkElbName(ctx.provider, 'target group name', o.name),
    Protocol: String(o.protocol).toUpperCase(),
    Port: checkPort(ctx.provider, 'target group port', o.port),
    VpcId: o.vpcId,
    TargetType: o.targetType ?? 'ip',
  };
  addHealthCheck(params, o.healthCheck);
  const res = await ctx.client.call('CreateTargetGroup', params, { signal: o.signal });
  const tg = members(res, 'TargetGroups')[0];
  if (tg === undefined) throw new InvalidArgumentError('CreateTargetGroup returned no target group', { provider: ctx.provider });
  return toTargetGroup(tg);
}

/** Iterates target groups (all, or those of `loadBalancerArn`), every `Marker` page. */
export async function* iterateTargetGroups(
  ctx: ElbContext,
  options: CallOptions & { loadBalancerArn?: string | undefined } = {},
): AsyncIterable<Elbv2TargetGroup> {
  const params: Ec2Params = { LoadBalancerArn: options.loadBalancerArn };
  for await (const page of ctx.client.pages('DescribeTargetGroups', params, ctx.settings.pageSize, options))
    for (const t of members(page, 'TargetGroups')) yield toTargetGroup(t);
}

/** A target group by ARN; `NotFoundError` (`TargetGroupNotFound`) if absent. */
export async function getTargetGroup(ctx: ElbContext, arn: string, options: CallOptions = {}): Promise<Elbv2TargetGroup> {
  const res = await ctx.client.call(
    'DescribeTargetGroups',
    { 'TargetGroupArns.member.1': arn },
    { idempotent: true, signal: options.signal },
  );
  const tg = members(res, 'TargetGroups')[0];
  if (tg === undefined) throw new InvalidArgumentError(`DescribeTargetGroups returned no target group ${arn}`, { provider: ctx.provider });
  return toTargetGroup(tg);
}

/** ModifyTargetGroup: changes the health check settings. */
export async function modifyTargetGroup(
  ctx: ElbContext,
  arn: string,
  healthCheck: Elbv2HealthCheck,
  options: CallOptions = {},
): Promise<Elbv2TargetGroup> {
  const res = await ctx.client.call('ModifyTargetGroup', addHealthCheck({ TargetGroupArn: arn }, healthCheck), {
    idempotent: true,
    signal: options.signal,
  });
  const tg = members(res, 'TargetGroups')[0];
  if (tg === undefined) throw new InvalidArgumentError('ModifyTargetGroup returned no target group', { provider: ctx.provider });
  return toTargetGroup(tg);
}

/** DeleteTargetGroup (ELB refuses one a listener still forwards to: `ResourceInUse`). */
export async function deleteTargetGroup(ctx: ElbContext, arn: string, options: CallOptions = {}): Promise<void> {
  await ctx.client.call('DeleteTargetGroup', { TargetGroupArn: arn }, { signal: options.signal, idempotent: true });
}

function addTargets(params: Ec2Params, targets: readonly { id: string; port?: number | undefined }[]): Ec2Params {
  targets.forEach((t, i) => {
    params[`Targets.member.${i + 1}.Id`] = t.id;
    if (t.port !== undefined) params[`Targets.member.${i + 1}.Port`] = t.port;
  });
  return params;
}

/** RegisterTargets (IP addresses or instance ids, with ports). */
export async function registerTargets(
  ctx: ElbContext,
  arn: string,
  targets: readonly { id: string; port?: number | undefined }[],
  options: CallOptions = {},
): Promise<void> {
  await ctx.client.call('RegisterTargets', addTargets({ TargetGroupArn: arn }, targets), { signal: options.signal, idempotent: true });
}

/** DeregisterTargets (they drain, then leave). */
export async function deregisterTargets(
  ctx: ElbContext,
  arn: string,
  targets: readonly { id: string; port?: number | undefined }[],
  options: CallOptions = {},
): Promise<void> {
  await ctx.client.call('DeregisterTargets', addTargets({ TargetGroupArn: arn }, targets), { signal: options.signal, idempotent: true });
}

/** DescribeTargetHealth of every target of a group (or of `targets`). */
export async function describeTargetHealth(
  ctx: ElbContext,
  arn: string,
  targets: readonly { id: string; port?: number | undefined }[] | undefined,
  options: CallOptions = {},
): Promise<Elbv2TargetHealth[]> {
  const res = await ctx.client.call('DescribeTargetHealth', addTargets({ TargetGroupArn: arn }, targets ?? []), {
    idempotent: true,
    signal: options.signal,
  });
  return members(res, 'TargetHealthDescriptions').map(toTargetHealth);
}

/** DescribeTargetGroupAttributes: every attribute (`stickiness.enabled`, `load_balancing.algorithm.type`…). */
export async function getTargetGroupAttributes(ctx: ElbContext, arn: string, options: CallOptions = {}): Promise<Record<string, string>> {
  const res = await ctx.client.call('DescribeTargetGroupAttributes', { TargetGroupArn: arn }, { idempotent: true, signal: options.signal });
  const out: Record<string, string> = {};
  for (const a of members(res, 'Attributes')) {
    const key = typeof a.Key === 'string' ? a.Key : undefined;
    if (key !== undefined && key !== '__proto__') out[key] = typeof a.Value === 'string' ? a.Value : '';
  }
  return out;
}

/** ModifyTargetGroupAttributes; returns every attribute afterwards. */
export async function setTargetGroupAttributes(
  ctx: ElbContext,
  arn: string,
  attributes: Readonly<Record<string, string>>,
  options: CallOptions = {},
): Promise<Record<string, string>> {
  const params: Ec2Params = { TargetGroupArn: arn };
  const entries = Object.entries(attributes);
  if (entries.length === 0)
    throw new InvalidArgumentError('exSetTargetGroupAttributes: at least one attribute is required', { provider: ctx.provider });
  entries.forEach(([k, v], i) => {
    params[`Attributes.member.${i + 1}.Key`] = k;
    params[`Attributes.member.${i + 1}.Value`] = v;
  });
  await ctx.client.call('ModifyTargetGroupAttributes', params, { idempotent: true, signal: options.signal });
  return getTargetGroupAttributes(ctx, arn, options);
}
