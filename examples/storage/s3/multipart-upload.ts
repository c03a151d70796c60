/**
 * Uploads a large file: above `multipartThreshold` the driver switches to a multipart upload, sending
 * `partsInFlight` parts of `partSize` bytes at a time, so memory stays near partsInFlight × partSize
 * whatever the file size. A failure aborts the upload (AbortMultipartUpload): nothing is left behind.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { bucketName, connect, removeBucket } from './_connect.js';

const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-s3-mp-'));
const { driver, close } = await connect({ multipartThreshold: 8 * MiB, partSize: 8 * MiB, partsInFlight: 2 });
const bucket = bucketName('large');
try {
  // A 40 MiB local file, written in 1 MiB chunks.
  const file = path.join(dir, 'large.bin');
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < 40; i++) yield Buffer.alloc(MiB, i);
      })(),
    ),
    createWriteStream(file),
  );
  await driver.createContainer({ name: bucket });
  const o = await driver.uploadObject(bucket, { name: 'backups/large.bin', filePath: file });
  console.log(`uploaded ${o.size} bytes as ${o.hash.endsWith('-5') ? '5 parts' : 'one object'} (ETag ${o.hash})`);
  console.log('memory held by the upload: at most 2 parts in flight × 8 MiB + one part being filled, whatever the file size');
  const head = await driver.getObject(bucket, { name: 'backups/large.bin' });
  console.log(`stored: ${head.size} bytes, ${head.contentType}`);
  await removeBucket(driver, bucket);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
