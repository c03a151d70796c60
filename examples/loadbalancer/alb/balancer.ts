/**
 * An application load balancer through the portable API: create (balancer, `ip` target group and
 * listener in one call), wait until it is active, attach `ip:port` members, watch their health turn
 * from `initial` to `healthy`, detach one, destroy. Shows: `createBalancer`, `getBalancer`,
 * `balancerAttachMember`, `balancerListMembers`, `balancerDetachMember`, `destroyBalancer`.
 */
import { LoadBalancerState } from '@cloudmux/core/loadbalancer';
import { connect } from './_connect.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const { driver, pollIntervalMs, close } = await connect();
try {
  let b = await driver.createBalancer({
    name: 'cloudmux-example-app',
    port: 80,
    protocol: 'http',
    ex: { healthCheck: { path: '/health' } },
  });
  console.log(`created ${b.name}: ${b.extra.stateCode} (${b.extra.dnsName})`);
  while (b.state === LoadBalancerState.PENDING) {
    await sleep(pollIntervalMs);
    b = await driver.getBalancer(b.id);
  }
  console.log(`${b.name} is ${b.extra.stateCode}`);
  await driver.balancerAttachMember(b, { ip: '10.0.1.10', port: 8080 });
  const second = await driver.balancerAttachMember(b, { ip: '10.0.1.11', port: 8080 });
  for (let i = 0; i < 20; i++) {
    const members = await driver.balancerListMembers(b);
    console.log(members.map((m) => `  ${m.ip}:${m.port} ${m.extra.state}`).join('\n'));
    if (members.every((m) => m.extra.state === 'healthy')) break;
    await sleep(pollIntervalMs);
  }
  await driver.balancerDetachMember(b, { member: second });
  console.log(`members after detach: ${(await driver.balancerListMembers(b)).map((m) => m.id).join(', ')}`);
  await driver.destroyBalancer(b);
} finally {
  await close();
}
