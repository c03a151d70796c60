/**
 * Create a machine and wait for it with visible progress, then delete it.
 * Shows: regex search over packages and images, `createNode` with Joyent `ex` options,
 * `waitUntilRunning` with an `onPoll` progress callback, and `exWaitForState` on deletion.
 * The portable types come from the umbrella package's root (`cloudmux` is `cloudmux/compute`).
 */
import { NodeState, type Node } from 'cloudmux';
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({
    name: `example-${Date.now().toString(36)}`,
    size,
    image,
    ex: { tags: { example: 'create-and-wait' }, firewallEnabled: false },
  });
  console.log(`created ${node.name} (${node.id}), state ${node.state}`);
  const [running] = await driver.waitUntilRunning([node], {
    pollIntervalMs,
    timeoutMs: 600_000,
    onPoll: (nodes: readonly Node[]) => console.log(`  ... ${nodes.map((n) => `${n.name}: ${n.state}`).join(', ')}`),
  });
  if (running?.node.state !== NodeState.RUNNING) throw new Error(`expected a running node, got ${running?.node.state}`);
  console.log(`running with public IPs ${running.ips.join(', ')}`);
  await driver.destroyNode(node);
  const gone = await driver.exWaitForState(node, 'terminated', { pollIntervalMs });
  console.log(`deleted: ${gone.state}`);
} finally {
  await close();
}
