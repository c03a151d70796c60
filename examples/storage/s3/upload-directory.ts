/**
 * Uploads a local directory tree to an S3 bucket (keys mirror the relative paths), then browses it
 * one level at a time with `listContainerPrefixes` and `listContainerObjects({ delimiter: '/' })`.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bucketName, connect, removeBucket } from './_connect.js';

function* walk(dir: string, base = dir): Generator<{ file: string; key: string }> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full, base);
    else yield { file: full, key: path.relative(base, full).split(path.sep).join('/') };
  }
}

const local = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-s3-dir-'));
const { driver, simulated, close } = await connect();
const bucket = bucketName('site');
try {
  for (const d of ['css', 'img/icons']) mkdirSync(path.join(local, d), { recursive: true });
  writeFileSync(path.join(local, 'index.html'), '<h1>hello</h1>\n');
  writeFileSync(path.join(local, 'css/site.css'), 'h1 { color: teal }\n');
  writeFileSync(path.join(local, 'img/icons/dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');

  await driver.createContainer({ name: bucket });
  for (const { file, key } of walk(local)) {
    const o = await driver.uploadObject(bucket, { name: key, filePath: file, meta: { source: 'upload-directory' } });
    console.log(`uploaded ${key} (${o.size} bytes, ${o.contentType})`);
  }
  console.log(`top level of ${bucket}${simulated ? ' (simulator)' : ''}:`);
  for (const p of await driver.listContainerPrefixes(bucket)) console.log(`  ${p.name}`);
  for (const o of await driver.listContainerObjects(bucket, { delimiter: '/' })) console.log(`  ${o.name}`);
  console.log('under img/:', (await driver.listContainerPrefixes(bucket, { prefix: 'img/' })).map((p) => p.name).join(', '));
  await removeBucket(driver, bucket);
} finally {
  await close();
  rmSync(local, { recursive: true, force: true });
}
