/**
 * Allocates an Elastic IP, associates it with a new instance, moves it off again and releases it.
 */
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({ name: 'cloudmux-eip-example', size, image });
  await driver.waitUntilRunning([node], { pollIntervalMs, requireIp: false });

  const address = await driver.exAllocateAddress();
  console.log(`allocated ${address.publicIp} (${address.allocationId ?? 'classic'})`);
  const associationId = await driver.exAssociateAddress(address, node);
  console.log(`associated with ${node.id}: ${associationId}`);
  console.log('node addresses now:', (await node.refresh()).publicIps);

  await driver.exDisassociateAddress(address.publicIp);
  await driver.exReleaseAddress(address);
  console.log(`released ${address.publicIp}`);
  await node.destroy();
} finally {
  await close();
}
