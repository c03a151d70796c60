/**
 * ELBv2 beyond the portable API: a second target group, a path rule sending `/api/*` to it, a second
 * listener, and target health. Shows: `exCreateTargetGroup`, `exCreateRule`, `exListRules`,
 * `exCreateListener`, `exRegisterTargets`, `exDescribeTargetHealth`, `exListTargetGroups`,
 * `exDeleteRule`, `exDeleteTargetGroup`.
 */
import { connect } from './_connect.js';

const { driver, close } = await connect();
try {
  const b = await driver.createBalancer({ name: 'cloudmux-example-rules', port: 80, protocol: 'http' });
  const api = await driver.exCreateTargetGroup({
    name: 'cloudmux-example-api',
    protocol: 'HTTP',
    port: 9000,
    vpcId: b.extra.vpcId ?? '',
    healthCheck: { path: '/ping' },
  });
  await driver.exRegisterTargets(api.arn, [{ id: '10.0.2.20' }, { id: '10.0.2.21', port: 9001 }]);
  const listener = b.extra.listeners[0];
  if (listener === undefined) throw new Error('the balancer has no listener');
  const rule = await driver.exCreateRule(listener.arn, {
    priority: 10,
    conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
    actions: [{ type: 'forward', targetGroupArn: api.arn }],
  });
  for (const r of await driver.exListRules(listener.arn))
    console.log(
      `rule ${r.priority}: ${r.conditions.map((c) => `${c.field}=${c.values.join('|')}`).join(' & ') || '(default)'} -> ${r.actions[0]?.type}`,
    );
  const admin = await driver.exCreateListener(b, {
    port: 8080,
    protocol: 'HTTP',
    defaultActions: [{ type: 'forward', targetGroupArn: api.arn }],
  });
  console.log(`listeners: ${(await driver.exListListeners(b)).map((l) => `${l.protocol}:${l.port}`).join(', ')}`);
  for (const t of await driver.exDescribeTargetHealth(api.arn))
    console.log(`target ${t.id}:${t.port} ${t.state}${t.reason ? ` (${t.reason})` : ''}`);
  for (const g of await driver.exListTargetGroups())
    console.log(`target group ${g.name}: ${g.protocol}:${g.port}, ${g.loadBalancerArns.length} balancer(s)`);
  await driver.exDeleteListener(admin.arn);
  await driver.exDeleteRule(rule.arn);
  await driver.exDeleteTargetGroup(api.arn);
  await driver.destroyBalancer(b);
} finally {
  await close();
}
