/**
 * Downloads a blob to a file while reporting progress: `downloadObjectAsStream` piped through a
 * counting transform into the file. (`downloadObject` does the same atomically without progress.)
 * A whole download is checked against the blob's `Content-MD5` at the end of the stream; a byte
 * range (`x-ms-range`) is shown too.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { connect, containerName, removeContainer } from './_connect.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-azure-dl-'));
const { driver, close } = await connect();
const container = containerName('downloads');
try {
  await driver.createContainer({ name: container });
  const data = Buffer.alloc(3 * 1024 * 1024, 'cloudmux ');
  await driver.uploadObjectViaStream(container, { name: 'data/blob.bin', source: Readable.from([data]) });

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
  console.log(`downloaded ${statSync(dest).size} bytes to ${dest} (MD5 ${object.hash} verified)`);

  const chunks: Buffer[] = [];
  for await (const c of await driver.downloadObjectAsStream(object, { start: 0, end: 7 })) chunks.push(c as Buffer);
  console.log(`bytes 0-7: ${JSON.stringify(Buffer.concat(chunks).toString())}`);
  await removeContainer(driver, container);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
