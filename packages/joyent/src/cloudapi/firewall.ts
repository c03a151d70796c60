import { requireRefId, type CallOptions } from '@cloudmux/core';
import type { Node, Ref } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { toFirewallRule } from './to-extras.js';
import { toNode } from './to-node.js';
import { datasetIdMap } from './dataset-ids.js';
import type { JoyentFirewallRule, JoyentNodeExtra } from './types.js';
import type { WireFirewallRule, WireMachine } from './wire.js';
import type { JoyentContext } from './context.js';
import { machineId } from './ids.js';
import { asArray, pages } from './paging.js';

/** Fields of a firewall rule to create or update. */
export interface FirewallRuleInput {
  /** Rule text, e.g. `FROM any TO tag "role" = "web" ALLOW tcp PORT 80`. */
  rule?: string | undefined;
  /** Enabled (CloudAPI default false on create). */
  enabled?: boolean | undefined;
  /** Description. */
  description?: string | undefined;
}

/** The id of a rule argument (a rule or its id), checked before any request. */
function ruleId(rule: string | JoyentFirewallRule, method: string): string {
  return requireRefId(rule, 'rule', { method, provider: 'joyent', what: 'firewall rule id' });
}

function ruleBody(input: FirewallRuleInput): Record<string, string | boolean> {
  const body: Record<string, string | boolean> = {};
  if (input.rule !== undefined) body['rule'] = input.rule;
  if (input.enabled !== undefined) body['enabled'] = input.enabled;
  if (input.description !== undefined) body['description'] = input.description;
  return body;
}

/** ListFirewallRules. */
export async function listFirewallRules(ctx: JoyentContext, options: CallOptions): Promise<JoyentFirewallRule[]> {
  const res = await ctx.client.request<WireFirewallRule[]>({ method: 'GET', path: ctx.client.path('fwrules'), signal: options.signal });
  return asArray(res, 'ListFirewallRules').map(toFirewallRule);
}

/** GetFirewallRule. */
export async function getFirewallRule(
  ctx: JoyentContext,
  rule: string | JoyentFirewallRule,
  options: CallOptions,
): Promise<JoyentFirewallRule> {
  const res = await ctx.client.request<WireFirewallRule>({
    method: 'GET',
    path: ctx.client.path('fwrules', ruleId(rule, 'exGetFirewallRule')),
    signal: options.signal,
  });
  return toFirewallRule(res.body);
}

/** CreateFirewallRule (`rule` required). */
export async function createFirewallRule(ctx: JoyentContext, input: FirewallRuleInput & CallOptions): Promise<JoyentFirewallRule> {
  if (!input.rule) throw new InvalidArgumentError('exCreateFirewallRule: rule (the rule text) is required');
  const res = await ctx.client.request<WireFirewallRule>({
    method: 'POST',
    path: ctx.client.path('fwrules'),
    json: ruleBody(input),
    signal: input.signal,
  });
  return toFirewallRule(res.body);
}

/** UpdateFirewallRule. */
export async function updateFirewallRule(
  ctx: JoyentContext,
  rule: string | JoyentFirewallRule,
  input: FirewallRuleInput & CallOptions,
): Promise<JoyentFirewallRule> {
  const res = await ctx.client.request<WireFirewallRule>({
    method: 'POST',
    path: ctx.client.path('fwrules', ruleId(rule, 'exUpdateFirewallRule')),
    json: ruleBody(input),
    signal: input.signal,
  });
  return toFirewallRule(res.body);
}

/** EnableFirewallRule / DisableFirewallRule. */
export async function setFirewallRuleEnabled(
  ctx: JoyentContext,
  rule: string | JoyentFirewallRule,
  enabled: boolean,
  options: CallOptions,
): Promise<JoyentFirewallRule> {
  const res = await ctx.client.request<WireFirewallRule>({
    method: 'POST',
    path: ctx.client.path(
      'fwrules',
      ruleId(rule, enabled ? 'exEnableFirewallRule' : 'exDisableFirewallRule'),
      enabled ? 'enable' : 'disable',
    ),
    signal: options.signal,
  });
  return toFirewallRule(res.body);
}

/** DeleteFirewallRule. */
export async function deleteFirewallRule(ctx: JoyentContext, rule: string | JoyentFirewallRule, options: CallOptions): Promise<boolean> {
  await ctx.client.request<unknown>({
    method: 'DELETE',
    path: ctx.client.path('fwrules', ruleId(rule, 'exDeleteFirewallRule')),
    signal: options.signal,
  });
  return true;
}

/** ListFirewallRuleMachines, every page. */
export async function firewallRuleNodes(
  ctx: JoyentContext,
  rule: string | JoyentFirewallRule,
  options: CallOptions,
): Promise<Node<JoyentNodeExtra>[]> {
  const id = ruleId(rule, 'exListFirewallRuleNodes');
  const out: Node<JoyentNodeExtra>[] = [];
  for await (const page of pages<WireMachine>(ctx.client, ctx.client.path('fwrules', id, 'machines'), {}, options.signal)) {
    const datasets = await datasetIdMap(
      ctx,
      page.map((m) => m.dataset),
      options.signal,
    );
    for (const m of page) out.push(toNode(m, ctx.driver, ctx.settings.datacenter, datasets));
  }
  return out;
}

/** ListMachineFirewallRules. */
export async function machineFirewallRules(ctx: JoyentContext, node: Ref<Node>, options: CallOptions): Promise<JoyentFirewallRule[]> {
  const id = machineId(node, 'exListNodeFirewallRules');
  const res = await ctx.client.request<WireFirewallRule[]>({
    method: 'GET',
    path: ctx.client.path('machines', id, 'fwrules'),
    signal: options.signal,
  });
  return asArray(res, 'ListMachineFirewallRules').map(toFirewallRule);
}
