/**
 * Cloud Firewall rules.
 * Shows: creating a rule (disabled by default), enabling, updating, listing the machines it
 * applies to, a machine created with the firewall on, disabling and deleting the rule.
 */
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const rule = await driver.exCreateFirewallRule({
    rule: 'FROM any TO tag "role" = "web" ALLOW tcp PORT 443',
    description: 'HTTPS to web machines',
  });
  console.log(`created rule ${rule.id} (enabled: ${rule.enabled})`);
  await driver.exEnableFirewallRule(rule);
  const updated = await driver.exUpdateFirewallRule(rule, { rule: 'FROM any TO tag "role" = "web" ALLOW tcp (PORT 80 AND PORT 443)' });
  console.log(`now: ${updated.rule} (enabled: ${updated.enabled})`);

  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({ size, image, ex: { tags: { role: 'web' }, firewallEnabled: true } });
  await driver.exWaitForState(node, 'running', { pollIntervalMs });
  const covered = await driver.exListFirewallRuleNodes(rule);
  console.log(`rule applies to: ${covered.map((n) => n.name).join(', ') || '(none yet)'}`);
  console.log(`rules on ${node.name}: ${(await driver.exListNodeFirewallRules(node)).length}`);

  for (const r of await driver.exListFirewallRules()) console.log(`  ${r.enabled ? 'on ' : 'off'} ${r.rule}`);
  await driver.exDisableFirewallRule(rule);
  await driver.exDeleteFirewallRule(rule);
  await driver.destroyNode(node);
} finally {
  await close();
}
