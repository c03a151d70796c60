/**
 * Storage on the Local driver (a directory as the cloud): containers and objects with the portable
 * storage API. Shows: `createContainer`, `uploadObject` (a file) and `uploadObjectViaStream`,
 * `listContainerObjects`, `getObject` (size, hash, metadata), `downloadObject` and
 * `downloadObjectAsStream`, `deleteObject`, `deleteContainer`. Any other storage driver takes the same calls.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { storage } from 'cloudmux';

const root = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-local-'));
try {
  const Local = storage.getDriver(storage.Provider.LOCAL);
  // The root directory holds one subdirectory per container; it must exist.
  const cloud = path.join(root, 'cloud');
  mkdirSync(cloud);
  const driver = new Local(cloud);
  const container = await driver.createContainer({ name: 'backups' });

  const src = path.join(root, 'report.txt');
  writeFileSync(src, 'quarterly numbers\n');
  await driver.uploadObject(container, { name: 'reports/q1.txt', filePath: src, meta: { owner: 'finance' } });
  await driver.uploadObjectViaStream(container, { name: 'logs/app.log', source: Readable.from(['line 1\n', 'line 2\n']) });

  for (const o of await driver.listContainerObjects(container)) console.log(`  ${o.name} ${o.size} bytes, hash ${o.hash}`);
  const report = await driver.getObject(container, { name: 'reports/q1.txt' });
  console.log(`reports/q1.txt owner=${report.meta['owner']}, type ${report.contentType}`);

  const copy = path.join(root, 'q1-copy.txt');
  await driver.downloadObject(report, { destinationPath: copy });
  console.log(`downloaded: ${JSON.stringify(readFileSync(copy, 'utf8'))}`);
  const log = await driver.getObject(container, { name: 'logs/app.log' });
  let text = '';
  for await (const chunk of await driver.downloadObjectAsStream(log)) text += String(chunk);
  console.log(`streamed logs/app.log: ${text.split('\n').filter(Boolean).length} lines`);

  for (const o of await driver.listContainerObjects(container)) await driver.deleteObject(o);
  await driver.deleteContainer(container);
  console.log(`containers left: ${(await driver.listContainers()).length}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
