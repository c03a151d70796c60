/**
 * Connect from the environment and look around.
 *
 * Set TRITON_URL / TRITON_ACCOUNT / TRITON_KEY_ID (or SDC_URL / SDC_ACCOUNT / SDC_KEY_ID, or a
 * Triton CLI profile) to use a real cloud: the key is found in the ssh-agent or ~/.ssh by its
 * fingerprint. Without them, this runs against an in-process CloudAPI simulator.
 * Shows: the signing key in use, the account, datacenters, package prices and images.
 */
import { connect } from './_connect.js';

const { driver, simulated, close } = await connect();
try {
  const key = await driver.exGetKeyInfo();
  console.log(
    `${simulated ? 'simulator' : driver.url}: signing as ${key.keyId} (${key.algorithm}, ${key.sha256Fingerprint}, from ${key.source})`,
  );
  const account = await driver.exGetAccount();
  console.log(`account ${account.login} (${account.id})`);
  for (const dc of await driver.exListDatacenters()) console.log(`datacenter ${dc.name}: ${dc.url}`);
  for (const size of await driver.listSizes()) {
    const price = size.price === undefined ? 'price unknown' : `$${size.price.toFixed(4)}/h`;
    console.log(`package ${size.name.padEnd(18)} ${String(size.ramMb).padStart(6)} MiB  ${String(size.diskGb).padStart(6)} GiB  ${price}`);
  }
  for (const image of await driver.listImages())
    console.log(`image ${image.name}@${image.extra.version ?? '?'} (${image.extra.os}, ${image.extra.type})`);
  console.log(`machines: ${await driver.exCountNodes()}`);
} finally {
  await close();
}
