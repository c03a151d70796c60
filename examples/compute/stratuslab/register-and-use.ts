/**
 * The third-party flow end to end: `setDriver('stratuslab', '@cloudmux/stratuslab', …)` (in
 * `_connect.ts`), `getDriver('stratuslab')`, then the portable API: clouds as locations,
 * instance types as sizes, Marketplace images, a VM with an SSH key in its context on each cloud
 * (node ids carry the cloud: `lal:0`, `ifca:0`), a PDisk volume attached and detached, clean-up.
 */
import { generateKeyPairSync } from 'node:crypto';
import { toOpenSshPublicKey } from '@cloudmux/core/ssh';
import { connect } from './_connect.js';

const { driver, pollIntervalMs, close } = await connect();
try {
  const locations = await driver.listLocations();
  console.log(`clouds: ${locations.map((l) => `${l.id}${l.extra.isDefault ? ' (default)' : ''}`).join(', ')}`);
  const sizes = await driver.listSizes();
  console.log(`instance types: ${sizes.map((s) => `${s.id} (${s.vcpus} CPU, ${s.ramMb} MiB, swap ${s.extra.swapMb} MiB)`).join('; ')}`);
  const images = await driver.listImages();
  const image = images[0];
  if (!image) throw new Error('the Marketplace lists no image');
  console.log(`image ${image.id}: ${image.name} (${image.extra.os} ${image.extra.osVersion}), SHA-1 ${image.extra.checksums['SHA-1']}`);

  const publicKey = toOpenSshPublicKey(generateKeyPairSync('ed25519').publicKey, 'example@cloudmux');
  const nodes = await Promise.all(
    locations.slice(0, 2).map((l) =>
      driver.createNode({
        name: `example-${l.id}`,
        size: 'm1.small',
        image: image.id,
        location: l,
        auth: { kind: 'ssh-key', publicKey },
      }),
    ),
  );
  console.log(`created ${nodes.map((n) => `${n.name} = ${n.id} (${n.publicIps.join(', ')})`).join(', ')}`);
  const running = await driver.waitUntilRunning(nodes, { pollIntervalMs, timeoutMs: 900_000 });
  console.log(`running: ${running.map((r) => `${r.node.id} at ${r.ips.join(', ')}`).join('; ')}`);
  console.log(`listNodes over every cloud: ${(await driver.listNodes()).map((n) => n.id).join(', ')}`);

  const first = await driver.getNode(running[0]!.node.id);
  console.log(`${first.id} runs on hypervisor ${first.extra.host}`);
  const volume = await driver.createVolume({ name: 'example-data', sizeGb: 1, location: first.locationId });
  await driver.attachVolume(volume, { node: first });
  const attached = (await driver.listVolumes()).find((v) => v.id === volume.id);
  console.log(`volume ${volume.id}: ${attached?.state} on ${attached?.attachedTo}`);
  await driver.detachVolume(volume);
  await driver.destroyVolume(volume);

  for (const n of nodes) await driver.destroyNode(n);
  console.log(`destroyed; nodes left: ${(await driver.listNodes()).length}`);
} finally {
  await close();
}
