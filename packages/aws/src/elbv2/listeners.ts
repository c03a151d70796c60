import type { CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { ElbContext } from '../elb/context.js';
import { checkPort } from '../elb/validate.js';
import { members } from '../elb/wire.js';
import type { Ec2Params } from '../ec2/params.js';
import { toListener, toRule } from './to-resources.js';
import type { Elbv2Action, Elbv2Condition, Elbv2Listener, Elbv2Rule } from './types.js';

function addActions(params: Ec2Params, prefix: string, actions: readonly Elbv2Action[]): Ec2Params {
  actions.forEach((a, i) => {
    params[`${prefix}.member.${i + 1}.Type`] = a.type;
    if (a.targetGroupArn !== undefined) params[`${prefix}.member.${i + 1}.TargetGroupArn`] = a.targetGroupArn;
  });
  return params;
}

/** Options of `exCreateListener`. */
export interface Elbv2CreateListenerOptions extends CallOptions {
  /** Port. */
  port: number;
  /** Protocol (`HTTP`, `HTTPS`, `TCP`…). */
  protocol: string;
  /** Default actions (usually one `forward`). */
  defaultActions: readonly Elbv2Action[];
  /** Certificate ARN (`HTTPS`/`TLS`). */
  certificateArn?: string | undefined;
}

/** CreateListener. */
export async function createListener(ctx: ElbContext, loadBalancerArn: string, o: Elbv2CreateListenerOptions): Promise<Elbv2Listener> {
  if (typeof o !== 'object' || o === null)
    throw new InvalidArgumentError('exCreateListener: options are required', { provider: ctx.provider });
  const params: Ec2Params = {
    LoadBalancerArn: loadBalancerArn,
    Protocol: String(o.protocol).toUpperCase(),
    Port: checkPort(ctx.provider, 'listener port', o.port),
  };
  if (o.certificateArn !== undefined) params['Certificates.member.1.CertificateArn'] = o.certificateArn;
  addActions(params, 'DefaultActions', o.defaultActions);
  const res = await ctx.client.call('CreateListener', params, { signal: o.signal });
  const l = members(res, 'Listeners')[0];
  if (l === undefined) throw new InvalidArgumentError('CreateListener returned no listener', { provider: ctx.provider });
  return toListener(l);
}

/** Every listener of a balancer, every `Marker` page. */
export async function listListeners(ctx: ElbContext, loadBalancerArn: string, options: CallOptions = {}): Promise<Elbv2Listener[]> {
  const out: Elbv2Listener[] = [];
  for await (const page of ctx.client.pages('DescribeListeners', { LoadBalancerArn: loadBalancerArn }, ctx.settings.pageSize, options))
    out.push(...members(page, 'Listeners').map(toListener));
  return out;
}

/** ModifyListener: port, protocol and/or default actions. */
export async function modifyListener(
  ctx: ElbContext,
  listenerArn: string,
  o: CallOptions & { port?: number | undefined; protocol?: string | undefined; defaultActions?: readonly Elbv2Action[] | undefined },
): Promise<Elbv2Listener> {
  const params: Ec2Params = { ListenerArn: listenerArn };
  if (o.port !== undefined) params.Port = checkPort(ctx.provider, 'listener port', o.port);
  if (o.protocol !== undefined) params.Protocol = o.protocol.toUpperCase();
  if (o.defaultActions !== undefined) addActions(params, 'DefaultActions', o.defaultActions);
  const res = await ctx.client.call('ModifyListener', params, { signal: o.signal, idempotent: true });
  const l = members(res, 'Listeners')[0];
  if (l === undefined) throw new InvalidArgumentError('ModifyListener returned no listener', { provider: ctx.provider });
  return toListener(l);
}

/** DeleteListener. */
export async function deleteListener(ctx: ElbContext, listenerArn: string, options: CallOptions = {}): Promise<void> {
  await ctx.client.call('DeleteListener', { ListenerArn: listenerArn }, { signal: options.signal, idempotent: true });
}

/** Options of `exCreateRule`. */
export interface Elbv2CreateRuleOptions extends CallOptions {
  /** Priority 1–50000 (lower wins), unique per listener. */
  priority: number;
  /** Conditions (`{ field: 'path-pattern', values: ['/api/*'] }`). */
  conditions: readonly Elbv2Condition[];
  /** Actions (usually one `forward`). */
  actions: readonly Elbv2Action[];
}

/** CreateRule. */
export async function createRule(ctx: ElbContext, listenerArn: string, o: Elbv2CreateRuleOptions): Promise<Elbv2Rule> {
  if (typeof o !== 'object' || o === null) throw new InvalidArgumentError('exCreateRule: options are required', { provider: ctx.provider });
  if (!Number.isInteger(o.priority) || o.priority < 1 || o.priority > 50000)
    throw new InvalidArgumentError(`Invalid rule priority ${JSON.stringify(o.priority)}: expected an integer from 1 to 50000`, {
      provider: ctx.provider,
    });
  const params: Ec2Params = { ListenerArn: listenerArn, Priority: o.priority };
  o.conditions.forEach((c, i) => {
    params[`Conditions.member.${i + 1}.Field`] = c.field;
    c.values.forEach((v, j) => (params[`Conditions.member.${i + 1}.Values.member.${j + 1}`] = v));
  });
  addActions(params, 'Actions', o.actions);
  const res = await ctx.client.call('CreateRule', params, { signal: o.signal });
  const r = members(res, 'Rules')[0];
  if (r === undefined) throw new InvalidArgumentError('CreateRule returned no rule', { provider: ctx.provider });
  return toRule(r);
}

/** Every rule of a listener (the default rule last), every `Marker` page. */
export async function listRules(ctx: ElbContext, listenerArn: string, options: CallOptions = {}): Promise<Elbv2Rule[]> {
  const out: Elbv2Rule[] = [];
  for await (const page of ctx.client.pages('DescribeRules', { ListenerArn: listenerArn }, ctx.settings.pageSize, options))
    out.push(...members(page, 'Rules').map(toRule));
  return out;
}

/** DeleteRule (the default rule cannot be deleted: `OperationNotPermitted`). */
export async function deleteRule(ctx: ElbContext, ruleArn: string, options: CallOptions = {}): Promise<void> {
  await ctx.client.call('DeleteRule', { RuleArn: ruleArn }, { signal: options.signal, idempotent: true });
}
