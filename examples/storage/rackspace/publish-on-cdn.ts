/**
 * Publishes a file on the Cloud Files CDN: uploads it, CDN-enables its container with a one-hour TTL,
 * prints the object's CDN URLs (https and http), the container's CDN settings, then takes the container off
 * the CDN and purges the object from the edge caches.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, containerNameFor } from './_connect.js';

const { driver, simulated, close } = await connect();
const container = containerNameFor('cdn');
const dir = await mkdtemp(path.join(tmpdir(), 'cloudmux-cdn-'));
try {
  const file = path.join(dir, 'hello.html');
  await writeFile(file, '<h1>Hello from Cloud Files</h1>\n');
  await driver.createContainer({ name: container });
  const object = await driver.uploadObject(container, { name: 'site/hello.html', filePath: file });
  console.log(
    `uploaded ${object.name} (${object.size} bytes, ${object.contentType}) to ${driver.region}${simulated ? ' (simulator)' : ''}`,
  );

  await driver.enableContainerCdn(container, { ex: { ttl: 3600 } });
  console.log('CDN URL:', await driver.getObjectCdnUrl(object));
  console.log('http URL:', await driver.getObjectCdnUrl(object, { ex: { uriType: 'http' } }));
  const info = await driver.exGetContainerCdnInfo(container);
  console.log(`CDN settings: enabled=${info.enabled} ttl=${info.ttl}s logRetention=${info.logRetention}`);

  await driver.exDisableContainerCdn(container);
  await driver.exPurgeObjectFromCdn(container, object.name);
  console.log('CDN disabled and', object.name, 'purged from the edge');

  await driver.deleteObject(object);
  await driver.deleteContainer(container);
} finally {
  await rm(dir, { recursive: true, force: true });
  await close();
}
