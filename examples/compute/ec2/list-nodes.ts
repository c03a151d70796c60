/**
 * Lists instances: every page of DescribeInstances (listNodes), lazily page by page (iterateNodes),
 * and narrowed by EC2 filters. Run: node examples/dist/compute/ec2/list-nodes.js
 */
import { connect } from './_connect.js';

const { driver, simulated, close } = await connect();
try {
  console.log(`Region ${driver.region} (${simulated ? 'simulator' : driver.endpoint})`);
  const all = await driver.listNodes();
  for (const node of all)
    console.log(`${node.id}  ${node.name.padEnd(24)} ${node.state.padEnd(10)} ${node.sizeId ?? ''}  ${node.publicIps.join(',')}`);
  console.log(`${all.length} instance(s)`);

  // Lazily: stops fetching pages as soon as the loop breaks.
  for await (const node of driver.iterateNodes()) {
    console.log(`first instance: ${node.id} launched ${node.created?.toISOString() ?? '?'}`);
    break;
  }

  // EC2 filters go under `ex`.
  const running = await driver.listNodes({ ex: { filters: { 'instance-state-name': 'running' } } });
  console.log(`${running.length} running`);
} finally {
  await close();
}
