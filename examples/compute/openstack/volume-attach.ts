/**
 * Creates a Cinder volume, attaches it to a server through Nova, snapshots it, then cleans up.
 */
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitVolume(id: string, state: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const v = await driver.exGetVolume(id);
    if (v.state === state) return;
    await sleep(pollIntervalMs);
  }
  throw new Error(`volume ${id} never became ${state}`);
}

try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({ name: 'volume-example', size, image });
  await driver.waitUntilRunning([node], { pollIntervalMs, timeoutMs: 600_000, sshInterface: 'private' });
  const volume = await driver.createVolume({ name: 'data', sizeGb: 1 });
  await waitVolume(volume.id, 'available');
  await driver.attachVolume(volume, { node });
  await waitVolume(volume.id, 'inuse');
  console.log(`attached ${volume.id} to ${node.id}: ${(await driver.getNode(node.id)).extra.volumesAttached.join(', ')}`);
  await driver.detachVolume(volume);
  await waitVolume(volume.id, 'available');
  const snapshot = await driver.createVolumeSnapshot(volume, { name: 'data-snap' });
  console.log(`snapshot ${snapshot.id} (${snapshot.state})`);
  await driver.destroyVolumeSnapshot(snapshot).catch(() => undefined);
  await driver.destroyNode(node);
  console.log('done');
} finally {
  await close();
}
