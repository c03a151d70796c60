/**
 * Presigned URLs (SigV4 query authentication): one that lets anyone `PUT` an object for 10
 * minutes, one that lets anyone `GET` it; plain `fetch`, no credentials.
 */
import { bucketName, connect, removeBucket } from './_connect.js';

const { driver, close } = await connect();
const bucket = bucketName('share');
try {
  await driver.createContainer({ name: bucket });
  const putUrl = await driver.getObjectTempUrl(bucket, { name: 'inbox/report.txt', method: 'PUT', expiresInMs: 10 * 60_000 });
  const put = await fetch(putUrl, { method: 'PUT', body: 'uploaded through a presigned URL\n' });
  console.log(`PUT through the presigned URL: HTTP ${put.status}`);

  const getUrl = await driver.getObjectTempUrl(bucket, { name: 'inbox/report.txt', expiresInMs: 10 * 60_000 });
  console.log(`GET URL (valid 10 minutes): ${getUrl.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=…')}`);
  const get = await fetch(getUrl);
  console.log(`GET: HTTP ${get.status}: ${(await get.text()).trim()}`);
  const refused = await fetch(getUrl, { method: 'PUT', body: 'not allowed' });
  console.log(`PUT with the GET URL: HTTP ${refused.status} (the signature covers the method)`);
  await removeBucket(driver, bucket);
} finally {
  await close();
}
