/**
 * Temporary URLs: sets the account's temp URL key once (`exSetTempUrlKey`), then makes a GET URL that
 * anyone can fetch for 10 minutes and a PUT URL that accepts an upload without credentials.
 */
import { connect, containerNameFor, removeContainer } from './_connect.js';

const { driver, close } = await connect();
const container = containerNameFor('shared');
try {
  await driver.createContainer({ name: container });
  await driver.uploadObject(container, { name: 'report.txt', data: 'quarterly numbers' });
  if (!(await driver.exHasTempUrlKey())) await driver.exSetTempUrlKey(`key-${Date.now().toString(36)}`);

  const getUrl = await driver.getObjectTempUrl(container, { name: 'report.txt', expiresInMs: 10 * 60_000 });
  console.log('GET URL:', getUrl.replace(/temp_url_sig=[^&]+/, 'temp_url_sig=…'));
  console.log('fetched without credentials:', await (await fetch(getUrl)).text());

  const putUrl = await driver.getObjectTempUrl(container, { name: 'upload.txt', method: 'PUT', expiresInMs: 10 * 60_000 });
  const res = await fetch(putUrl, { method: 'PUT', body: 'sent through a temp URL' });
  console.log('PUT through the URL:', res.status, '→ stored', (await driver.getObject(container, { name: 'upload.txt' })).size, 'bytes');
  await removeContainer(driver, container);
} finally {
  await close();
}
