/**
 * EBS: creates a volume in the instance's zone, attaches it, snapshots it, restores the snapshot into a
 * new volume, then cleans everything up.
 */
import { StorageVolumeState } from '@cloudmux/core/compute';
import type { Ec2NodeDriver } from '@cloudmux/aws';
import { connect, pickSizeAndImage } from './_connect.js';

async function waitForVolume(driver: Ec2NodeDriver, id: string, state: StorageVolumeState, pollMs: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await driver.exGetVolume(id)).state === state) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`volume ${id} never became ${state}`);
}

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({ name: 'cloudmux-ebs-example', size, image });
  const [running] = await driver.waitUntilRunning([node], { pollIntervalMs, requireIp: false });
  const zone = running?.node.locationId;

  const volume = await driver.createVolume({ name: 'cloudmux-data', sizeGb: 8, location: zone, ex: { volumeType: 'gp3' } });
  await waitForVolume(driver, volume.id, StorageVolumeState.AVAILABLE, pollIntervalMs);
  await driver.attachVolume(volume, { node }); // first free device of /dev/sdf-/dev/sdp
  await waitForVolume(driver, volume.id, StorageVolumeState.INUSE, pollIntervalMs);
  console.log(`attached ${volume.id} to ${node.id}`);

  const snapshot = await driver.createVolumeSnapshot(volume, { name: 'cloudmux-data-backup' });
  console.log(`snapshot ${snapshot.id} (${snapshot.state})`);
  const restored = await driver.createVolume({ name: 'cloudmux-restored', sizeGb: 8, location: zone, snapshot });
  console.log(`restored into ${restored.id}`);
  console.log(
    'snapshots of the volume:',
    (await driver.listVolumeSnapshots({ volume })).map((s) => s.id),
  );

  await driver.detachVolume(volume);
  await waitForVolume(driver, volume.id, StorageVolumeState.AVAILABLE, pollIntervalMs);
  await waitForVolume(driver, restored.id, StorageVolumeState.AVAILABLE, pollIntervalMs);
  await driver.destroyVolume(volume);
  await driver.destroyVolume(restored);
  await driver.destroyVolumeSnapshot(snapshot);
  await node.destroy();
  console.log('cleaned up');
} finally {
  await close();
}
