/**
 * Launches an instance (RunInstances with an automatic idempotency token, so a retried launch never
 * starts two), waits until it runs with a public address, shows its console output and tags, then
 * terminates it.
 */
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({
    name: 'cloudmux-example',
    size,
    image,
    ex: { tags: { purpose: 'example' }, userData: '#!/bin/sh\necho "hello from cloudmux" > /tmp/hello\n' },
  });
  console.log(`launched ${node.id} (${node.state}), client token ${node.extra.clientToken ?? '-'}`);

  const [running] = await driver.waitUntilRunning([node], { pollIntervalMs, timeoutMs: 600_000 });
  console.log(`${running?.node.id} is ${running?.node.state} at ${running?.ips.join(', ')}`);
  console.log('tags:', await driver.exListMetadata(node));
  console.log('purpose:', await driver.exGetMetadata(node, 'purpose'));
  const output = await driver.exGetConsoleOutput(node);
  console.log(`console output: ${output.length} characters`);

  await node.destroy();
  console.log(`terminated ${node.id}`);
} finally {
  await close();
}
