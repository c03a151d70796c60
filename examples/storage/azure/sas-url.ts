/**
 * Temporary URLs are service SAS URLs (signed with the account key): one that lets anyone `PUT` a
 * blob for 10 minutes (`sp=cw`; the PUT must say `x-ms-blob-type: BlockBlob`), one that lets anyone
 * `GET` it (`sp=r`); plain `fetch`, no credentials. A driver authorized by a SAS token cannot sign them.
 */
import { connect, containerName, removeContainer } from './_connect.js';

const { driver, close } = await connect();
const container = containerName('share');
try {
  await driver.createContainer({ name: container });
  const putUrl = await driver.getObjectTempUrl(container, { name: 'inbox/report.txt', method: 'PUT', expiresInMs: 10 * 60_000 });
  const put = await fetch(putUrl, {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'text/plain' },
    body: 'uploaded through a SAS URL\n',
  });
  console.log(`PUT through the SAS URL: HTTP ${put.status}`);
  if (put.status !== 201) throw new Error(`PUT failed: ${await put.text()}`);

  const getUrl = await driver.getObjectTempUrl(container, { name: 'inbox/report.txt', expiresInMs: 10 * 60_000 });
  console.log(`GET URL (valid 10 minutes): ${getUrl.replace(/sig=[^&]+/, 'sig=…')}`);
  const get = await fetch(getUrl);
  console.log(`GET: HTTP ${get.status}: ${(await get.text()).trim()}`);
  if (get.status !== 200) throw new Error('GET through the SAS URL failed');
  const refused = await fetch(getUrl, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'not allowed' });
  console.log(`PUT with the GET URL: HTTP ${refused.status} ${refused.headers.get('x-ms-error-code') ?? ''} (sp=r grants reading only)`);
  if (refused.status !== 403) throw new Error('a read-only SAS URL accepted a PUT');
  await removeContainer(driver, container);
} finally {
  await close();
}
