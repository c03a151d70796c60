/**
 * A static large object: a 12 MiB file uploaded with a 4 MiB threshold and 4 MiB segments (the defaults
 * are 1 GiB and 4 MiB). The segments go to `<container>_segments`, two at a time (memory stays about
 * segment size × 3), then a manifest makes them one object; a failure deletes the stored segments.
 * Deleting the object removes its segments too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { segmentContainerOf } from '@cloudmux/openstack';
import { connect, containerNameFor, removeContainer } from './_connect.js';

const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-swift-slo-'));
const file = path.join(dir, 'big.bin');
writeFileSync(file, randomBytes(12 * MiB));

const { driver, close } = await connect({ sloThreshold: 4 * MiB, segmentSize: 4 * MiB, segmentConcurrency: 2 });
const container = containerNameFor('large');
try {
  await driver.createContainer({ name: container });
  const o = await driver.uploadObject(container, { name: 'backups/big.bin', filePath: file });
  console.log(`stored ${o.name}: ${o.size} bytes, static large object: ${o.extra.staticLargeObject}`);
  const segments = await driver.listContainerObjects(segmentContainerOf(container));
  console.log(
    `${segments.length} segments in ${segmentContainerOf(container)}:`,
    segments.map((s) => s.size),
  );
  const dest = path.join(dir, 'copy.bin');
  await driver.downloadObject(await driver.getObject(container, { name: 'backups/big.bin' }), { destinationPath: dest });
  console.log('downloaded back to', dest);
  await removeContainer(driver, container);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
