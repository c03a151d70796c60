/**
 * Creates a security group, opens SSH from one network and HTTPS from anywhere, lists the rules,
 * revokes one and deletes the group.
 */
import { connect } from './_connect.js';

const { driver, close } = await connect();
try {
  const groupId = await driver.exCreateSecurityGroup({
    name: `cloudmux-example-${Date.now()}`,
    description: 'cloudmux example',
    tags: { purpose: 'example' },
  });
  const ssh = { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIps: ['203.0.113.0/24'], description: 'office' };
  const https = { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIps: ['0.0.0.0/0'], cidrIpv6s: ['::/0'] };
  await driver.exAuthorizeSecurityGroupIngress(groupId, [ssh, https]);

  const [group] = await driver.exListSecurityGroups({ ids: [groupId] });
  for (const rule of group?.ingress ?? [])
    console.log(`${rule.protocol} ${rule.fromPort}-${rule.toPort} from ${[...(rule.cidrIps ?? []), ...(rule.cidrIpv6s ?? [])].join(', ')}`);

  await driver.exRevokeSecurityGroupIngress(groupId, [ssh]);
  await driver.exDeleteSecurityGroup(groupId);
  console.log(`deleted ${groupId}`);
} finally {
  await close();
}
