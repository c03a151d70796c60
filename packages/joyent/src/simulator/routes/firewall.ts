/**
 * Firewall rules: list/create/get/update/enable/disable/delete, the machines a rule applies to,
 * and a machine's rules.
 * @module
 */
import { jsonReply, type Router, type SimulatorReply } from '@cloudmux/core/testing';
import type { EndpointFactory, RouteContext } from '../context.js';
import { CloudApiError, invalidArgument, missingParameter, notFound } from '../errors.js';
import { parseFirewallRule, ruleAffects, RuleSyntaxError, type ParsedRule } from '../firewall-rule.js';
import { isDeleted } from '../lifecycle.js';
import type { SimFirewallRule } from '../model.js';
import { bool, int, str } from '../params.js';
import { firewallRuleJson, machineJson } from '../serialize.js';
import { machineOf } from './machines.js';

function parse(text: string): ParsedRule {
  try {
    return parseFirewallRule(text);
  } catch (err) {
    if (err instanceof RuleSyntaxError) invalidArgument(`rule: ${err.message}`);
    throw err;
  }
}

function ruleOf(ctx: RouteContext): SimFirewallRule {
  const id = ctx.params['rule']!;
  return ctx.account.fwrules.get(id) ?? notFound(`firewall rule ${id} not found`);
}

function createRule(ctx: RouteContext): SimulatorReply {
  const text = str(ctx.input, 'rule');
  if (text === undefined || text.trim() === '') missingParameter('rule');
  parse(text);
  const now = new Date();
  const rule: SimFirewallRule = {
    id: ctx.store.newId(),
    rule: text.trim(),
    enabled: bool(ctx.input, 'enabled') ?? false,
    global: false,
    description: str(ctx.input, 'description'),
    created: now,
    updated: now,
  };
  ctx.account.fwrules.set(rule.id, rule);
  return jsonReply(201, firewallRuleJson(rule), { location: `/${ctx.account.login}/fwrules/${rule.id}` });
}

function updateRule(ctx: RouteContext): SimulatorReply {
  const rule = ruleOf(ctx);
  if (rule.global) throw new CloudApiError('NotAuthorized', 'global firewall rules can not be modified');
  const text = str(ctx.input, 'rule');
  if (text !== undefined) {
    parse(text);
    rule.rule = text.trim();
  }
  const enabled = bool(ctx.input, 'enabled');
  if (enabled !== undefined) rule.enabled = enabled;
  const description = str(ctx.input, 'description');
  if (description !== undefined) rule.description = description;
  rule.updated = new Date();
  return jsonReply(200, firewallRuleJson(rule));
}

function setEnabled(ctx: RouteContext, enabled: boolean): SimulatorReply {
  const rule = ruleOf(ctx);
  rule.enabled = enabled;
  rule.updated = new Date();
  return jsonReply(200, firewallRuleJson(rule));
}

function ruleMachines(ctx: RouteContext): SimulatorReply {
  const parsed = parse(ruleOf(ctx).rule);
  const limit = int(ctx.input, 'limit') ?? 1000;
  if (limit < 1 || limit > 1000) invalidArgument('limit must be between 1 and 1000');
  const offset = int(ctx.input, 'offset') ?? 0;
  const all = [...ctx.account.machines.values()].filter((m) => !isDeleted(m) && ruleAffects(parsed, m));
  const page = all.slice(offset, offset + limit);
  return jsonReply(
    200,
    page.map((m) => machineJson(ctx.store, m, { version: ctx.version })),
    { 'x-query-limit': String(limit), 'x-resource-count': String(page.length) },
  );
}

/** Mounts the firewall rule routes. */
export function mountFirewallRoutes(router: Router, ep: EndpointFactory): void {
  router.add(
    'GET',
    '/:login/fwrules',
    ep.route('modern', (ctx) => jsonReply(200, [...ctx.account.fwrules.values()].map(firewallRuleJson))),
  );
  router.add('POST', '/:login/fwrules', ep.route('modern', createRule));
  router.add(
    'GET',
    '/:login/fwrules/:rule',
    ep.route('modern', (ctx) => jsonReply(200, firewallRuleJson(ruleOf(ctx)))),
  );
  router.add('POST', '/:login/fwrules/:rule', ep.route('modern', updateRule));
  router.add(
    'POST',
    '/:login/fwrules/:rule/enable',
    ep.route('modern', (ctx) => setEnabled(ctx, true)),
  );
  router.add(
    'POST',
    '/:login/fwrules/:rule/disable',
    ep.route('modern', (ctx) => setEnabled(ctx, false)),
  );
  router.add(
    'DELETE',
    '/:login/fwrules/:rule',
    ep.route('modern', (ctx) => {
      ctx.account.fwrules.delete(ruleOf(ctx).id);
      return { status: 204 };
    }),
  );
  router.add('GET', '/:login/fwrules/:rule/machines', ep.route('modern', ruleMachines));
  router.add(
    'GET',
    '/:login/machines/:id/fwrules',
    ep.route('modern', (ctx) => {
      const m = machineOf(ctx);
      const rules = [...ctx.account.fwrules.values()].filter((r) => ruleAffects(parse(r.rule), m));
      return jsonReply(200, rules.map(firewallRuleJson));
    }),
  );
}
