/**
 * Downloads an object to a file while reporting progress: `downloadObjectAsStream` piped through a
 * counting transform into the file. (`downloadObject` does the same atomically without progress.)
 * The stream checks the bytes against the object's MD5 ETag at its end.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bucketName, connect, removeBucket } from './_connect.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-s3-dl-'));
const { driver, close } = await connect();
const bucket = bucketName('downloads');
try {
  await driver.createContainer({ name: bucket });
  const data = Buffer.alloc(3 * 1024 * 1024, 'cloudmux ');
  await driver.uploadObjectViaStream(bucket, { name: 'data/blob.bin', source: Readable.from([data]) });

  const object = await driver.getObject(bucket, { name: 'data/blob.bin' });
  let received = 0;
  let lastPercent = -1;
  const progress = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      received += chunk.length;
      const percent = Math.floor((received / object.size) * 100);
      if (percent >= lastPercent + 25) {
        lastPercent = percent;
        console.log(`progress: ${percent}% (${received}/${object.size} bytes)`);
      }
      cb(null, chunk);
    },
  });
  const dest = path.join(dir, 'blob.bin');
  await pipeline(await driver.downloadObjectAsStream(object), progress, createWriteStream(dest));
  console.log(`downloaded ${statSync(dest).size} bytes to ${dest}`);
  await removeBucket(driver, bucket);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
