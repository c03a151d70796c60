/**
 * Creates a security group allowing SSH and HTTP, boots a server in it, lists the rules, then cleans up.
 */
import { NotFoundError } from '@cloudmux/core/errors';
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const group = await driver.exCreateSecurityGroup({ name: `web-${Date.now()}`, description: 'ssh + http' });
  await driver.exAddSecurityGroupRule(group, {
    direction: 'ingress',
    protocol: 'tcp',
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: '0.0.0.0/0',
  });
  const http = await driver.exAddSecurityGroupRule(group, { direction: 'ingress', protocol: 'tcp', portRangeMin: 80, portRangeMax: 80 });
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({ name: 'sg-example', size, image, ex: { securityGroups: [group.name] } });
  console.log(`${node.name} in ${node.extra.securityGroups.join(', ')}`);
  const listed = (await driver.exListSecurityGroups()).find((g) => g.id === group.id);
  console.log(`${group.name}: ${listed?.rules.length ?? 0} rules`);
  await driver.exRemoveSecurityGroupRule(http);
  await driver.destroyNode(node);
  // Neutron refuses to delete a group while a port uses it: wait until the server is gone.
  for (;;) {
    const gone = await driver.getNode(node.id).then(
      () => false,
      (e: unknown) => e instanceof NotFoundError,
    );
    if (gone) break;
    await new Promise((r) => setTimeout(r, pollIntervalMs));
  }
  await driver.exDeleteSecurityGroup(group);
  console.log(`deleted ${group.name}`);
} finally {
  await close();
}
