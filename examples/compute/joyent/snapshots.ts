/**
 * Machine snapshots: take one, roll back to it, delete it.
 * Shows: `exCreateSnapshot`, `exWaitForSnapshot`, `exListSnapshots`, stopping a machine and
 * waiting for `stopped`, `exStartFromSnapshot`, `exDeleteSnapshot`.
 */
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({ size, image });
  await driver.exWaitForState(node, 'running', { pollIntervalMs });

  const snap = await driver.exCreateSnapshot(node, { name: 'before-upgrade' });
  console.log(`snapshot ${snap.name}: ${snap.state}`);
  await driver.exWaitForSnapshot(node, snap, { pollIntervalMs });
  for (const s of await driver.exListSnapshots(node)) console.log(`  ${s.name} ${s.state} ${s.created?.toISOString() ?? ''}`);

  await driver.stopNode(node);
  await driver.exWaitForState(node, 'stopped', { pollIntervalMs });
  await driver.exStartFromSnapshot(node, snap);
  const back = await driver.exWaitForState(node, 'running', { pollIntervalMs });
  console.log(`booted from ${snap.name}: ${back.state}`);

  await driver.exDeleteSnapshot(node, snap);
  console.log(`snapshots left: ${(await driver.exListSnapshots(node)).length}`);
  await driver.destroyNode(node);
} finally {
  await close();
}
