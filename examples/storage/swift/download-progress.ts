/**
 * Downloads an object to a file while reporting progress: `downloadObjectAsStream` piped through a
 * counting transform into the file. (`downloadObject` does the same atomically without progress.)
 * A whole-object stream is checked against the object's MD5 ETag at its end.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { connect, containerNameFor, removeContainer } from './_connect.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-swift-dl-'));
const { driver, close } = await connect();
const container = containerNameFor('downloads');
try {
  await driver.createContainer({ name: container });
  await driver.uploadObjectViaStream(container, {
    name: 'data/blob.bin',
    source: Readable.from([Buffer.alloc(3 * 1024 * 1024, 'cloudmux ')]),
  });

  const object = await driver.getObject(container, { name: 'data/blob.bin' });
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
  await removeContainer(driver, container);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
