import type { CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { Ec2Params } from '../ec2/params.js';
import type { ElbContext } from './context.js';
import { toHealthCheck, toInstanceHealth, toPolicy } from './to-balancer.js';
import type { ElbHealthCheck, ElbInstanceHealth, ElbListener, ElbPolicy } from './types.js';
import { checkPort } from './validate.js';
import { members, obj } from './wire.js';

function intIn(provider: string, name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new InvalidArgumentError(`Invalid ${name} ${JSON.stringify(v)}: expected an integer from ${min} to ${max}`, { provider });
  return v;
}

/** ConfigureHealthCheck; returns the health check now in effect. */
export async function configureHealthCheck(
  ctx: ElbContext,
  name: string,
  check: ElbHealthCheck,
  options: CallOptions = {},
): Promise<ElbHealthCheck> {
  const p = ctx.provider;
  if (typeof check !== 'object' || check === null)
    throw new InvalidArgumentError('exConfigureHealthCheck: a health check is required', { provider: p });
  if (typeof check.target !== 'string' || !/^(HTTP|HTTPS):\d{1,5}\/.*$|^(TCP|SSL):\d{1,5}$/.test(check.target))
    throw new InvalidArgumentError(
      `Invalid health check target ${JSON.stringify(check.target)}: expected HTTP:port/path, HTTPS:port/path, TCP:port or SSL:port`,
      { provider: p },
    );
  const params: Ec2Params = {
    LoadBalancerName: name,
    'HealthCheck.Target': check.target,
    'HealthCheck.Interval': intIn(p, 'interval', check.interval, 5, 300),
    'HealthCheck.Timeout': intIn(p, 'timeout', check.timeout, 2, 60),
    'HealthCheck.UnhealthyThreshold': intIn(p, 'unhealthyThreshold', check.unhealthyThreshold, 2, 10),
    'HealthCheck.HealthyThreshold': intIn(p, 'healthyThreshold', check.healthyThreshold, 2, 10),
  };
  const res = await ctx.client.call('ConfigureHealthCheck', params, { signal: options.signal, idempotent: true });
  const out = toHealthCheck(obj(res, 'HealthCheck'));
  if (out === undefined) throw new InvalidArgumentError('ConfigureHealthCheck returned no health check', { provider: p });
  return out;
}

/** DescribeInstanceHealth of every registered instance, or of `instanceIds`. */
export async function describeInstanceHealth(
  ctx: ElbContext,
  name: string,
  instanceIds: readonly string[] | undefined,
  options: CallOptions = {},
): Promise<ElbInstanceHealth[]> {
  const params: Ec2Params = { LoadBalancerName: name };
  instanceIds?.forEach((id, i) => (params[`Instances.member.${i + 1}.InstanceId`] = id));
  const res = await ctx.client.call('DescribeInstanceHealth', params, { signal: options.signal, idempotent: true });
  return members(res, 'InstanceStates').map(toInstanceHealth);
}

/** CreateLoadBalancerPolicy of any policy type with attributes. */
export async function createPolicy(
  ctx: ElbContext,
  name: string,
  policy: { name: string; typeName: string; attributes?: Readonly<Record<string, string>> | undefined },
  options: CallOptions = {},
): Promise<void> {
  const params: Ec2Params = { LoadBalancerName: name, PolicyName: policy.name, PolicyTypeName: policy.typeName };
  Object.entries(policy.attributes ?? {}).forEach(([k, v], i) => {
    params[`PolicyAttributes.member.${i + 1}.AttributeName`] = k;
    params[`PolicyAttributes.member.${i + 1}.AttributeValue`] = v;
  });
  await ctx.client.call('CreateLoadBalancerPolicy', params, { signal: options.signal });
}

/** CreateLBCookieStickinessPolicy (duration-based stickiness; no expiry = the browser session). */
export async function createCookieStickinessPolicy(
  ctx: ElbContext,
  name: string,
  policyName: string,
  cookieExpirationPeriodSec: number | undefined,
  options: CallOptions = {},
): Promise<void> {
  const params: Ec2Params = { LoadBalancerName: name, PolicyName: policyName };
  if (cookieExpirationPeriodSec !== undefined)
    params.CookieExpirationPeriod = intIn(ctx.provider, 'cookieExpirationPeriodSec', cookieExpirationPeriodSec, 1, 2_147_483_647);
  await ctx.client.call('CreateLBCookieStickinessPolicy', params, { signal: options.signal });
}

/** SetLoadBalancerPoliciesOfListener: replaces the policies of the listener on `port` (`[]` removes them all). */
export async function setListenerPolicies(
  ctx: ElbContext,
  name: string,
  port: number,
  policyNames: readonly string[],
  options: CallOptions = {},
): Promise<void> {
  const params: Ec2Params = { LoadBalancerName: name, LoadBalancerPort: checkPort(ctx.provider, 'listener port', port) };
  if (policyNames.length === 0) params.PolicyNames = '';
  policyNames.forEach((n, i) => (params[`PolicyNames.member.${i + 1}`] = n));
  await ctx.client.call('SetLoadBalancerPoliciesOfListener', params, { signal: options.signal, idempotent: true });
}

/** DescribeLoadBalancerPolicies of a balancer. */
export async function describePolicies(ctx: ElbContext, name: string, options: CallOptions = {}): Promise<ElbPolicy[]> {
  const res = await ctx.client.call(
    'DescribeLoadBalancerPolicies',
    { LoadBalancerName: name },
    { signal: options.signal, idempotent: true },
  );
  return members(res, 'PolicyDescriptions').map(toPolicy);
}

/** DeleteLoadBalancerPolicy. */
export async function deletePolicy(ctx: ElbContext, name: string, policyName: string, options: CallOptions = {}): Promise<void> {
  await ctx.client.call('DeleteLoadBalancerPolicy', { LoadBalancerName: name, PolicyName: policyName }, { signal: options.signal });
}

/** CreateLoadBalancerListeners. */
export async function createListeners(
  ctx: ElbContext,
  name: string,
  listeners: readonly ElbListener[],
  options: CallOptions = {},
): Promise<void> {
  const params: Ec2Params = { LoadBalancerName: name };
  listeners.forEach((l, i) => {
    const p = `Listeners.member.${i + 1}`;
    params[`${p}.Protocol`] = l.protocol.toUpperCase();
    params[`${p}.LoadBalancerPort`] = checkPort(ctx.provider, 'loadBalancerPort', l.loadBalancerPort);
    params[`${p}.InstanceProtocol`] = (l.instanceProtocol ?? l.protocol).toUpperCase();
    params[`${p}.InstancePort`] = checkPort(ctx.provider, 'instancePort', l.instancePort);
    if (l.sslCertificateId !== undefined) params[`${p}.SSLCertificateId`] = l.sslCertificateId;
  });
  await ctx.client.call('CreateLoadBalancerListeners', params, { signal: options.signal });
}

/** DeleteLoadBalancerListeners on the given front-end ports. */
export async function deleteListeners(ctx: ElbContext, name: string, ports: readonly number[], options: CallOptions = {}): Promise<void> {
  const params: Ec2Params = { LoadBalancerName: name };
  ports.forEach((port, i) => (params[`LoadBalancerPorts.member.${i + 1}`] = checkPort(ctx.provider, 'listener port', port)));
  await ctx.client.call('DeleteLoadBalancerListeners', params, { signal: options.signal, idempotent: true });
}
