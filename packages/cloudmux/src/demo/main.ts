/**
 * `npm run demo`: the main cloudmux job on the embedded Joyent CloudAPI simulator (no account
 * needed). Lists packages and images with prices, creates a machine with tags, metadata and a
 * boot script, waits for it with visible progress, snapshots it, lists, stops and deletes it —
 * all through `getDriver(Provider.JOYENT)` — then stores a report with the Local storage driver.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CloudApiSimulator } from '@cloudmux/joyent/simulator';
import { getDriver, Provider, storage } from '../index.js';
import { generateDemoKey } from './keys.js';
import { formatPrice, printTable } from './table.js';

const step = (n: number, text: string): void => console.log(`\n[${n}] ${text}`);

async function main(): Promise<void> {
  const key = generateDemoKey();
  const sim = await CloudApiSimulator.start({
    accounts: [{ login: 'demo', keys: [{ name: 'demo', key: key.publicOpenSsh }] }],
    provisionDelayMs: 1500,
    stopDelayMs: 600,
    deleteDelayMs: 300,
  });
  const Joyent = getDriver(Provider.JOYENT);
  const driver = new Joyent('demo', undefined, { url: sim.url, privateKey: key.privatePem, useAgent: false });
  console.log(`cloudmux demo — Joyent CloudAPI simulator at ${sim.url} (account "demo", HTTP Signature with an Ed25519 key)`);
  try {
    step(1, 'Packages (sizes) with prices');
    const sizes = await driver.listSizes();
    printTable(
      ['package', 'RAM', 'disk', 'vCPUs', 'price'],
      sizes.map((s) => [s.name, `${s.ramMb} MB`, `${s.diskGb} GB`, String(s.vcpus ?? '?'), formatPrice(s.price)]),
    );

    step(2, 'Images');
    const images = await driver.listImages();
    printTable(
      ['image', 'id', 'os'],
      images.map((i) => [i.name, i.id, String((i.extra as { os?: string }).os ?? '')]),
    );

    step(3, 'Create a machine with tags, metadata and a boot script');
    const size = sizes.find((s) => s.name === 'g4-highcpu-1G') ?? sizes[0];
    const image = images.find((i) => i.name.startsWith('base-64')) ?? images[0];
    if (!size || !image) throw new Error('the simulator offered no package or image');
    const node = await driver.createNode({
      name: 'demo-web-1',
      size,
      image,
      ex: {
        tags: { role: 'web', env: 'demo' },
        metadata: { owner: 'cloudmux-demo' },
        userScript: '#!/bin/sh\necho "hello from the boot script" > /var/tmp/hello\n',
      },
    });
    console.log(`created ${node.name} (${node.id}) in state ${node.state}, package ${size.name} at ${formatPrice(size.price)}`);

    step(4, 'Wait until it runs');
    const started = Date.now();
    const [running] = await driver.waitUntilRunning([node], {
      pollIntervalMs: 250,
      timeoutMs: 60_000,
      onPoll: (seen) => {
        for (const n of seen)
          console.log(
            `  ${((Date.now() - started) / 1000).toFixed(1)}s  ${n.name}: ${n.state}${n.publicIps.length ? ` ${n.publicIps.join(', ')}` : ''}`,
          );
      },
    });
    if (!running) throw new Error('waitUntilRunning returned nothing');
    console.log(`running at ${running.ips.join(', ')}; tags ${JSON.stringify(await driver.exListTags(node))}`);
    const metadata = await driver.exListMetadata(node);
    console.log(`metadata keys: ${Object.keys(metadata).sort().join(', ')}`);

    step(5, 'Snapshot it');
    const snapshot = await driver.exCreateSnapshot(node, { name: 'before-upgrade' });
    const ready = await driver.exWaitForSnapshot(node, snapshot, { pollIntervalMs: 100, timeoutMs: 30_000 });
    console.log(`snapshot ${ready.name ?? ready.id}: ${ready.state}`);

    step(6, 'List machines (all pages)');
    const nodes = await driver.listNodes();
    printTable(
      ['name', 'state', 'public IPs', 'package'],
      nodes.map((n) => [n.name, n.state, n.publicIps.join(', '), n.sizeId ?? '']),
    );

    step(7, 'Stop it');
    await driver.stopNode(node);
    const stopped = await driver.exWaitForState(node, 'stopped', { pollIntervalMs: 150, timeoutMs: 30_000 });
    console.log(`${stopped.name}: ${stopped.state}`);

    step(8, 'Delete it');
    await driver.destroyNode(node);
    const gone = await driver.exWaitForState(node, 'deleted', { pollIntervalMs: 150, timeoutMs: 30_000 });
    console.log(`${gone.name}: ${gone.state}; machines left: ${(await driver.listNodes()).length}`);

    step(9, 'Store a report with the Local storage driver');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cloudmux-demo-'));
    try {
      const Local = storage.getDriver(storage.Provider.LOCAL);
      const local = new Local(dir);
      const container = await local.createContainer({ name: 'reports' });
      const report = JSON.stringify({ machine: node.id, snapshot: ready.name ?? ready.id, finalState: gone.state }, null, 2);
      const object = await local.uploadObjectViaStream(container, {
        name: 'demo/run.json',
        source: Readable.from([Buffer.from(report)]),
        contentType: 'application/json',
      });
      console.log(`stored ${object.containerName}/${object.name}: ${object.size} bytes, ${object.extra.hashAlgorithm} ${object.hash}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    console.log('\ndemo finished: every call above went through the CloudAPI wire protocol with real signatures.');
  } finally {
    driver.close();
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exitCode = 1;
});
