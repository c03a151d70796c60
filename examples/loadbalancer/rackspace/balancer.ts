/**
 * A Cloud Load Balancer: an HTTP balancer with two nodes, a health monitor, cookie session persistence,
 * an access list, then draining one node and detaching it. Every write waits until the balancer is ACTIVE
 * again (Rackspace accepts one change at a time). Shows: `listProtocols`, `listSupportedAlgorithms`,
 * `createBalancer`, `exSetHealthMonitor`, `exSetSessionPersistence`, `exAddAccessListItems`,
 * `balancerAttachMember`, `exUpdateMember`, `balancerDetachMember`, `listBalancers`, `destroyBalancer`.
 */
import { Algorithm } from '@cloudmux/core/loadbalancer';
import { connect } from './_connect.js';

const { driver, close } = await connect();
try {
  console.log(`protocols: ${(await driver.listProtocols()).slice(0, 6).join(', ')}, …`);
  console.log(`algorithms: ${(await driver.listSupportedAlgorithms()).join(', ')}`);
  const b = await driver.createBalancer({
    name: `cloudmux-example-${Date.now().toString(36)}`,
    port: 80,
    protocol: 'http',
    algorithm: Algorithm.WEIGHTED_ROUND_ROBIN,
    members: [{ ip: '10.180.1.11', port: 8080 }],
  });
  console.log(`created ${b.name} (${b.id}) at ${b.ip}: ${b.extra.status}`);
  await driver.exSetHealthMonitor(b, { type: 'HTTP', path: '/health', delay: 10, timeout: 5, attemptsBeforeDeactivation: 3 });
  await driver.exSetSessionPersistence(b, { type: 'HTTP_COOKIE' });
  await driver.exAddAccessListItems(b, { items: [{ address: '192.0.2.0/24', type: 'DENY' }] });
  const second = await driver.balancerAttachMember(b, { ip: '10.180.1.12', port: 8080 });
  await driver.exUpdateMember(b, second, { weight: 3 });
  for (const m of await driver.balancerListMembers(b))
    console.log(`  node ${m.ip}:${m.port} ${m.extra.condition} weight ${m.extra.weight}`);
  // Take the second node out of rotation gracefully, then remove it.
  await driver.exUpdateMember(b, second, { condition: 'DRAINING' });
  await driver.balancerDetachMember(b, { member: second });
  for (const x of await driver.listBalancers()) console.log(`balancer ${x.name}: ${x.extra.status}, ${x.extra.nodeCount ?? 0} node(s)`);
  await driver.destroyBalancer(b);
  console.log(`destroyed ${b.name}`);
} finally {
  await close();
}
