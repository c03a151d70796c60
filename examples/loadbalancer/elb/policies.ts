/**
 * Classic ELB listeners and policies: an extra TCP listener, duration-based cookie stickiness on the
 * HTTP listener, and a proxy-protocol policy. Shows: `exCreateListeners`, `exCreateStickinessPolicy`,
 * `exSetListenerPolicies`, `exCreatePolicy`, `exListPolicies`, `exDeleteListeners`.
 */
import { connect } from './_connect.js';

const { driver, close } = await connect();
try {
  const b = await driver.createBalancer({ name: 'cloudmux-example-sticky', port: 80, protocol: 'http' });
  await driver.exCreateListeners(b, [{ protocol: 'tcp', loadBalancerPort: 2222, instancePort: 22 }]);
  await driver.exCreateStickinessPolicy(b, 'sticky-10min', { cookieExpirationPeriodSec: 600 });
  await driver.exSetListenerPolicies(b, 80, ['sticky-10min']);
  await driver.exCreatePolicy(b, { name: 'proxy-v1', typeName: 'ProxyProtocolPolicyType', attributes: { ProxyProtocol: 'true' } });
  for (const p of await driver.exListPolicies(b)) console.log(`policy ${p.name} (${p.typeName}) ${JSON.stringify(p.attributes)}`);
  const got = await driver.getBalancer(b.id);
  for (const l of got.extra.listeners)
    console.log(
      `listener ${l.protocol}:${l.loadBalancerPort} -> ${l.instanceProtocol}:${l.instancePort} policies [${(l.policyNames ?? []).join(', ')}]`,
    );
  await driver.exDeleteListeners(b, [2222]);
  await driver.destroyBalancer(b);
} finally {
  await close();
}
