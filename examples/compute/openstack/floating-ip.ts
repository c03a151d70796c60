/**
 * Gives a server a public address: allocates a floating IP from the external network, associates it with the
 * server's port, shows it on the node, then disassociates and releases it.
 */
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({ name: 'fip-example', size, image });
  await driver.waitUntilRunning([node], { pollIntervalMs, timeoutMs: 600_000, sshInterface: 'private' });
  const external = (await driver.exListNetworks()).find((n) => n.external);
  const ip = await driver.exAllocateFloatingIp(external ? { network: external.id } : {});
  console.log(`allocated ${ip.address}`);
  await driver.exAssociateFloatingIp(ip, node);
  const [withIp] = await driver.waitUntilRunning([node], { pollIntervalMs, timeoutMs: 600_000 });
  console.log(`${node.name} public IPs: ${withIp?.node.publicIps.join(', ')}`);
  await driver.exDisassociateFloatingIp(ip);
  await driver.exReleaseFloatingIp(ip);
  await driver.destroyNode(node);
  console.log('released and deleted');
} finally {
  await close();
}
