/**
 * Lists the flavors with their hourly prices, creates a Cloud Server (disk config AUTO, config drive), waits
 * until it runs, then deletes it.
 *   npx tsx examples/compute/rackspace/create-and-wait.ts                     # simulator
 *   RACKSPACE_USERNAME=me RACKSPACE_API_KEY=… RACKSPACE_REGION=ORD npx tsx examples/compute/rackspace/create-and-wait.ts
 */
import { connect } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const sizes = (await driver.listSizes()).sort((a, b) => a.ramMb - b.ramMb);
  for (const s of sizes)
    console.log(`${s.id.padEnd(16)} ${String(s.ramMb).padStart(7)} MB  ${s.price === undefined ? 'price unknown' : `$${s.price}/h`}`);
  const size = sizes.find((s) => s.ramMb >= 512) ?? sizes[0];
  const images = await driver.listImages({ ex: { status: 'active' } });
  const image = images.find((i) => /ubuntu|cirros/i.test(i.name)) ?? images[0];
  if (!size || !image) throw new Error('No flavor or active image in this region');
  const node = await driver.createNode({ name: 'cloudmux-example', size, image, ex: { diskConfig: 'AUTO', configDrive: true } });
  console.log(`created ${node.id} in ${driver.session.region ?? '?'} (${node.extra.status}, disk config ${node.extra.diskConfig ?? '?'})`);
  const [running] = await driver.waitUntilRunning([node], { pollIntervalMs, timeoutMs: 900_000, sshInterface: 'private' });
  console.log(`running: public ${running?.node.publicIps.join(', ') || '-'}; private ${running?.node.privateIps.join(', ') || '-'}`);
  await driver.destroyNode(node);
  console.log('deleted');
} finally {
  await close();
}
