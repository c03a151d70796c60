import type { CallOptions } from '@cloudmux/core';
import type { Node } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { toFirewallRule } from '../mappers/to-extras.js';
import { toNode } from '../mappers/to-node.js';
import type { JoyentFirewallRule, JoyentNodeExtra } from '../types.js';
import type { WireFirewallRule, WireMachine } from '../wire.js';
import type { JoyentDriverBase } from './base-driver.js';
import { internalsOf } from './internals.js';
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

function ruleId(rule: string | JoyentFirewallRule): string {
  return typeof rule === 'string' ? rule : rule.id;
}

function ruleBody(input: FirewallRuleInput): Record<string, string | boolean> {
  const body: Record<string, string | boolean> = {};
  if (input.rule !== undefined) body['rule'] = input.rule;
  if (input.enabled !== undefined) body['enabled'] = input.enabled;
  if (input.description !== undefined) body['description'] = input.description;
  return body;
}

/** ListFirewallRules. */
export async function listFirewallRules(d: JoyentDriverBase, options: CallOptions): Promise<JoyentFirewallRule[]> {
  const { client } = internalsOf(d);
  const res = await client.request<WireFirewallRule[]>({ method: 'GET', path: client.path('fwrules'), signal: options.signal });
  return asArray(res, 'ListFirewallRules').map(toFirewallRule);
}

/** GetFirewallRule. */
export async function getFirewallRule(d: JoyentDriverBase, rule: string | JoyentFirewallRule, options: CallOptions): Promise<JoyentFirewallRule> {
  const { client } = internalsOf(d);
  const res = await client.request<WireFirewallRule>({ method: 'GET', path: client.path('fwrules', ruleId(rule)), signal: options.signal });
  return toFirewallRule(res.body);
}

/** CreateFirewallRule (`rule` required). */
export async function createFirewallRule(d: JoyentDriverBase, input: FirewallRuleInput & CallOptions): Promise<JoyentFirewallRule> {
  if (!input.rule) throw new InvalidArgumentError('exCreateFirewallRule: rule (the rule text) is required');
  const { client } = internalsOf(d);
  const res = await client.request<WireFirewallRule>({ method: 'POST', path: client.path('fwrules'), json: ruleBody(input), signal: input.signal });
  return toFirewallRule(res.body);
}

/** UpdateFirewallRule. */
export async function updateFirewallRule(d: JoyentDriverBase, rule: string | JoyentFirewallRule, input: FirewallRuleInput & CallOptions): Promise<JoyentFirewallRule> {
  const { client } = internalsOf(d);
  const res = await client.request<WireFirewallRule>({ method: 'POST', path: client.path('fwrules', ruleId(rule)), json: ruleBody(input), signal: input.signal });
  return toFirewallRule(res.body);
}

/** EnableFirewallRule / DisableFirewallRule. */
export async function setFirewallRuleEnabled(d: JoyentDriverBase, rule: string | JoyentFirewallRule, enabled: boolean, options: CallOptions): Promise<JoyentFirewallRule> {
  const { client } = internalsOf(d);
  const res = await client.request<WireFirewallRule>({ method: 'POST', path: client.path('fwrules', ruleId(rule), enabled ? 'enable' : 'disable'), signal: options.signal });
  return toFirewallRule(res.body);
}

/** DeleteFirewallRule. */
export async function deleteFirewallRule(d: JoyentDriverBase, rule: string | JoyentFirewallRule, options: CallOptions): Promise<boolean> {
  const { client } = internalsOf(d);
  await client.request<unknown>({ method: 'DELETE', path: client.path('fwrules', ruleId(rule)), signal: options.signal });
  return true;
}

/** ListFirewallRuleMachines, every page. */
export async function firewallRuleNodes(d: JoyentDriverBase, rule: string | JoyentFirewallRule, options: CallOptions): Promise<Node<JoyentNodeExtra>[]> {
  const { client, settings } = internalsOf(d);
  const out: Node<JoyentNodeExtra>[] = [];
  for await (const page of pages<WireMachine>(client, client.path('fwrules', ruleId(rule), 'machines'), {}, options.signal)) {
    for (const m of page) out.push(toNode(m, d, settings.datacenter));
  }
  return out;
}
