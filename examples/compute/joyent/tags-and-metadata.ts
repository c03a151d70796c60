/**
 * Tags, metadata and the boot script of a machine.
 * Shows: tags at creation, add / replace / get / delete tags, filtering `listNodes` by tag,
 * metadata set / get / list / delete, and the `user-script` boot script.
 */
import { connect, pickSizeAndImage } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const { size, image } = await pickSizeAndImage(driver);
  const node = await driver.createNode({
    size,
    image,
    ex: {
      tags: { role: 'web', env: 'staging' },
      metadata: { owner: 'ops@example.com' },
      userScript: '#!/bin/sh\necho booted > /var/tmp/booted\n',
    },
  });
  await driver.exWaitForState(node, 'running', { pollIntervalMs });

  console.log('tags:', await driver.exAddTags(node, { version: 3, canary: true }));
  console.log('role tag:', await driver.exGetTag(node, 'role'));
  const web = await driver.listNodes({ ex: { tags: { role: 'web' } } });
  console.log(`machines tagged role=web: ${web.map((n) => n.name).join(', ')}`);
  await driver.exDeleteTag(node, 'canary');
  console.log('after replace:', await driver.exReplaceTags(node, { role: 'api' }));

  await driver.exSetMetadata(node, { 'build-id': '2024.06.1' });
  console.log('build-id:', await driver.exGetMetadata(node, 'build-id'));
  await driver.exSetBootScript(node, '#!/bin/sh\necho v2 > /var/tmp/booted\n');
  const metadata = await driver.exListMetadata(node);
  console.log('metadata keys:', Object.keys(metadata).sort().join(', '));
  await driver.exDeleteBootScript(node);
  await driver.exDeleteMetadata(node, 'build-id');
  console.log(
    'metadata keys now:',
    Object.keys(await driver.exListMetadata(node))
      .sort()
      .join(', '),
  );

  await driver.destroyNode(node);
} finally {
  await close();
}
