/**
 * Creates a server (flavor, image, key pair, metadata, user data), waits until it runs, prints its
 * addresses and console output, then deletes it.
 *   npx tsx examples/compute/openstack/create-and-wait.ts            # simulator
 *   OS_CLOUD=mycloud npx tsx examples/compute/openstack/create-and-wait.ts
 */
import { generateKeyPairSync } from 'node:crypto';
import { toOpenSshPublicKey } from '@cloudmux/core/ssh';
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const { publicKey } = generateKeyPairSync('ed25519');
  const key = await driver.importKeyPairFromString({
    name: `example-${Date.now()}`,
    publicKey: toOpenSshPublicKey(publicKey, 'example@cloudmux'),
  });
  const node = await driver.createNode({
    name: 'cloudmux-example',
    size,
    image,
    ex: { keyName: key.name, metadata: { purpose: 'example' }, userData: '#cloud-config\npackages: [nginx]\n' },
  });
  console.log(`created ${node.id} (${node.extra.status}, microversion ${driver.computeMicroversion ?? 'none'})`);
  const [running] = await driver.waitUntilRunning([node], { pollIntervalMs, timeoutMs: 600_000, sshInterface: 'private' });
  console.log(`running: private ${running?.node.privateIps.join(', ')}; public ${running?.node.publicIps.join(', ') || '-'}`);
  console.log(`console:\n${await driver.exGetConsoleOutput(node, { length: 5 })}`);
  await driver.destroyNode(node);
  await driver.deleteKeyPair(key);
  console.log('deleted');
} finally {
  await close();
}
