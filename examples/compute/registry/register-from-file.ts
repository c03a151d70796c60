/**
 * `setDriver` + `getDriver`: register a driver that cloudmux does not bundle, from a file, then use
 * it like any provider. Shows: `setDriver(id, moduleSpecifier, exportName)` (nothing is loaded until
 * the first `getDriver`), `getDriver(id)`, a taken id refused unless `{ override: true }`,
 * registering a class directly, and `NotSupportedError` for a method the driver leaves out.
 */
import { fileURLToPath } from 'node:url';
import { getDriver, Provider, setDriver, type NodeDriverClass } from 'cloudmux';
import { NotSupportedError } from 'cloudmux';
import type { TinyCloudDriver } from './_tiny-cloud-driver.js';

// 1. By file: an absolute path (or a package name) and the export to take from it. The module is
//    required on the first getDriver('tinycloud'), not now.
const file = fileURLToPath(new URL('./_tiny-cloud-driver.js', import.meta.url));
setDriver('tinycloud', file, 'TinyCloudDriver');

// 2. getDriver types a runtime id as the base class; a type-only import gives the exact type.
const TinyCloud = getDriver('tinycloud') as unknown as typeof TinyCloudDriver;
const driver = new TinyCloud('my-api-key');
const node = await driver.createNode({ name: 'web-1', size: 'tiny-1', image: 'any' });
console.log(`created ${node.name} (${node.id}) on ${driver.providerId}: ${node.state} at ${node.publicIps.join(', ')}`);
console.log(`sizes: ${(await driver.listSizes()).map((s) => `${s.id} ${s.ramMb} MiB`).join(', ')}`);
console.log(`same node again equals it: ${(await driver.getNode(node.id)).equals(node)}`);
try {
  await driver.rebootNode(node);
} catch (e) {
  if (!(e instanceof NotSupportedError)) throw e;
  console.log(`rebootNode: ${e.message}`);
}

// 3. An id that is taken (here a bundled one) is refused unless { override: true }.
try {
  setDriver(Provider.DUMMY, file, 'TinyCloudDriver');
} catch (e) {
  console.log(`setDriver('${Provider.DUMMY}') refused: ${(e as Error).message}`);
}

// 4. A class already in hand is registered directly.
setDriver('tinycloud-2', TinyCloud as unknown as NodeDriverClass);
console.log(`tinycloud-2 is the same class: ${getDriver('tinycloud-2') === (TinyCloud as unknown as NodeDriverClass)}`);
