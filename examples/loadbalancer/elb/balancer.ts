/**
 * A classic Elastic Load Balancer: an HTTP listener, EC2 instances as members, a health check, and
 * instance health moving from OutOfService to InService. Shows: `createBalancer` (with `ex`),
 * `exConfigureHealthCheck`, `exRegisterInstances`, `exDescribeInstanceHealth`, `listBalancers`,
 * `exDeregisterInstances`, `destroyBalancer`.
 */
import { connect } from './_connect.js';

const { driver, instanceIds, pollIntervalMs, close } = await connect();
try {
  const b = await driver.createBalancer({ name: 'cloudmux-example-web', port: 80, protocol: 'http', ex: { instancePort: 8080 } });
  console.log(`created ${b.name} (${b.extra.dnsName}) in ${b.extra.availabilityZones.join(', ')}`);
  await driver.exConfigureHealthCheck(b, {
    target: 'HTTP:8080/health',
    interval: 10,
    timeout: 5,
    unhealthyThreshold: 2,
    healthyThreshold: 2,
  });
  if (instanceIds.length > 0) {
    await driver.exRegisterInstances(b, instanceIds);
    for (let i = 0; i < 20; i++) {
      const health = await driver.exDescribeInstanceHealth(b);
      console.log(health.map((h) => `  ${h.instanceId}: ${h.state}${h.description ? ` (${h.description})` : ''}`).join('\n'));
      if (health.every((h) => h.state === 'InService')) break;
      await new Promise((r) => setTimeout(r, pollIntervalMs * 3));
    }
    await driver.exDeregisterInstances(b, instanceIds);
  }
  for (const x of await driver.listBalancers())
    console.log(`balancer ${x.name}: ${x.extra.listeners.length} listener(s), ${x.extra.instanceIds.length} instance(s)`);
  await driver.destroyBalancer(b);
} finally {
  await close();
}
