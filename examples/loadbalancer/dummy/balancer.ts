/**
 * Load balancing on the Dummy drivers (in memory): the portable load-balancer API, with members
 * taken from compute nodes. Shows: `listProtocols`, `listSupportedAlgorithms`, `createBalancer`,
 * `balancerAttachComputeNode`, `balancerAttachMember`, `balancerListMembers`, `balancerDetachMember`,
 * `updateBalancer`, `destroyBalancer`.
 */
import { getDriver, loadbalancer, Provider } from 'cloudmux';

const Compute = getDriver(Provider.DUMMY);
const compute = new Compute('key');
const sizes = await compute.listSizes();
const images = await compute.listImages();
const web = await Promise.all(['web-1', 'web-2'].map((name) => compute.createNode({ name, size: sizes[0]!, image: images[0]! })));

const Lb = loadbalancer.getDriver(loadbalancer.Provider.DUMMY);
const lb = new Lb('key');
console.log(`protocols: ${(await lb.listProtocols()).join(', ')}; algorithms: ${(await lb.listSupportedAlgorithms()).join(', ')}`);
const balancer = await lb.createBalancer({ name: 'front', port: 80, protocol: 'http' });
for (const node of web) await lb.balancerAttachComputeNode(balancer, { node, port: 8080 });
const extra = await lb.balancerAttachMember(balancer, { ip: '192.0.2.99', port: 8080 });
for (const m of await lb.balancerListMembers(balancer)) console.log(`  member ${m.id} ${m.ip}:${m.port}`);

await lb.balancerDetachMember(balancer, { member: extra });
const renamed = await lb.updateBalancer(balancer, { name: 'front-v2' });
console.log(`${renamed.name} on port ${renamed.port}: ${(await lb.balancerListMembers(renamed)).length} members`);
await lb.destroyBalancer(renamed);
for (const node of web) await compute.destroyNode(node);
console.log(`balancers left: ${(await lb.listBalancers()).length}`);
