/**
 * Uploads a local directory tree to an Azure container (blob names mirror the relative paths), then
 * browses it one level at a time with `listContainerPrefixes` and `listContainerObjects({ delimiter: '/' })`
 * (List Blobs with `delimiter`: `<BlobPrefix>` entries are the "folders").
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, containerName, removeContainer } from './_connect.js';

function* walk(dir: string, base = dir): Generator<{ file: string; key: string }> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full, base);
    else yield { file: full, key: path.relative(base, full).split(path.sep).join('/') };
  }
}

const local = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-azure-dir-'));
const { driver, simulated, close } = await connect();
const container = containerName('site');
try {
  for (const d of ['css', 'img/icons']) mkdirSync(path.join(local, d), { recursive: true });
  writeFileSync(path.join(local, 'index.html'), '<h1>hello</h1>\n');
  writeFileSync(path.join(local, 'css/site.css'), 'h1 { color: teal }\n');
  writeFileSync(path.join(local, 'img/icons/dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');

  await driver.createContainer({ name: container });
  for (const { file, key } of walk(local)) {
    // `Source-Dir` is not an Azure metadata name (C# identifiers only): the driver escapes it and reads it back as given.
    const o = await driver.uploadObject(container, { name: key, filePath: file, meta: { 'Source-Dir': path.basename(local) } });
    console.log(`uploaded ${key} (${o.size} bytes, ${o.contentType}, MD5 ${o.hash})`);
  }
  console.log(`top level of ${container}${simulated ? ' (simulator)' : ''}:`);
  for (const p of await driver.listContainerPrefixes(container)) console.log(`  ${p.name}`);
  for (const o of await driver.listContainerObjects(container, { delimiter: '/' }))
    console.log(`  ${o.name}  meta ${JSON.stringify(o.meta)}`);
  console.log('under img/:', (await driver.listContainerPrefixes(container, { prefix: 'img/' })).map((p) => p.name).join(', '));
  await removeContainer(driver, container);
} finally {
  await close();
  rmSync(local, { recursive: true, force: true });
}
