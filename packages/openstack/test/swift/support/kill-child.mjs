// Child process of kill.test.ts: uploads a slow stream (static large object, small segments) or
// downloads an object, printing progress lines; the test SIGKILLs it half-way.
// Usage: node kill-child.mjs upload|download  (settings in CMX_* environment variables)
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

const { OpenStackSwiftStorageDriver } = await import(pathToFileURL(process.env.CMX_DIST).href);
const env = process.env;
const driver = new OpenStackSwiftStorageDriver(env.CMX_USER, env.CMX_KEY, {
  authUrl: env.CMX_AUTH_URL,
  sloThreshold: 64 * 1024,
  segmentSize: 64 * 1024,
  segmentConcurrency: 1,
});

if (process.argv[2] === 'upload') {
  async function* slow() {
    for (let i = 0; i < 400; i++) {
      yield Buffer.alloc(32 * 1024, i & 0xff);
      if (i % 2 === 1) process.stdout.write(`chunk ${i}\n`);
      await sleep(10);
    }
  }
  await driver.uploadObjectViaStream(env.CMX_CONTAINER, { name: env.CMX_NAME, source: slow() });
  process.stdout.write('upload finished\n');
} else {
  // Kill ourselves as soon as the temporary download file exists: the download is then half-way.
  const dest = env.CMX_DEST;
  const dir = path.dirname(dest);
  const timer = setInterval(() => {
    if (readdirSync(dir).some((f) => f.endsWith('.cloudmux-part'))) {
      process.stdout.write('part file seen\n');
      process.kill(process.pid, 'SIGKILL');
    }
  }, 1);
  const object = await driver.getObject(env.CMX_CONTAINER, { name: env.CMX_NAME });
  await driver.downloadObject(object, { destinationPath: dest });
  clearInterval(timer);
  process.stdout.write('download finished\n');
}
driver.close();
