/**
 * Uploads a local directory tree into a container (object names are the relative paths), then lists
 * it one "directory" level at a time with `listContainerPrefixes` and a delimiter.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, containerNameFor, removeContainer } from './_connect.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-swift-dir-'));
mkdirSync(path.join(dir, 'img/2024'), { recursive: true });
writeFileSync(path.join(dir, 'index.html'), '<h1>hello</h1>');
writeFileSync(path.join(dir, 'img/logo.svg'), '<svg/>');
writeFileSync(path.join(dir, 'img/2024/a.png'), Buffer.alloc(2048, 1));

const { driver, close } = await connect();
const container = containerNameFor('site');
try {
  await driver.createContainer({ name: container });
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const name = path.relative(dir, full).split(path.sep).join('/');
    const o = await driver.uploadObject(container, { name, filePath: full });
    console.log(`uploaded ${o.name} (${o.size} bytes, ${o.contentType})`);
  }
  console.log(
    'top level objects:',
    (await driver.listContainerObjects(container, { delimiter: '/' })).map((o) => o.name),
  );
  console.log(
    'top level prefixes:',
    (await driver.listContainerPrefixes(container)).map((p) => p.name),
  );
  console.log(
    'under img/:',
    (await driver.listContainerPrefixes(container, { prefix: 'img/' })).map((p) => p.name),
  );
  await removeContainer(driver, container);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
