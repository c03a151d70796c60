/**
 * Uploads a large file: above `singlePutThreshold` the driver stages it as blocks of `blockSize`
 * bytes (Put Block, each with its `Content-MD5`) and commits them with Put Block List, so memory
 * stays near one block whatever the file size. Nothing is visible before the commit: a failure
 * leaves the previous blob (if any) as it was, and uncommitted blocks are discarded by the service.
 * Small sizes here keep the example quick (defaults: 4 MiB threshold, 4 MiB blocks).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { connect, containerName, removeContainer } from './_connect.js';

const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-azure-blocks-'));
const { driver, sim, close } = await connect({ singlePutThreshold: MiB, blockSize: MiB });
const container = containerName('large');
try {
  // A 6 MiB local file, written in 1 MiB chunks.
  const file = path.join(dir, 'large.bin');
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < 6; i++) yield Buffer.alloc(MiB, i);
      })(),
    ),
    createWriteStream(file),
  );
  await driver.createContainer({ name: container });
  const o = await driver.uploadObject(container, { name: 'backups/large.bin', filePath: file });
  console.log(`uploaded ${o.size} bytes in 1 MiB blocks (MD5 of the whole blob ${o.hash})`);
  console.log('memory held by the upload: about one 1 MiB block, whatever the file size');
  const head = await driver.getObject(container, { name: 'backups/large.bin' });
  console.log(`stored: ${head.size} bytes, ${head.contentType}, ${head.extra.blobType ?? 'block blob'}, MD5 ${head.hash}`);
  if (head.hash !== o.hash || head.size !== 6 * MiB) throw new Error('the stored blob differs from the upload');
  if (sim) {
    // The simulator's request log shows the wire calls: six Put Block, one Put Block List, no Put Blob.
    const comps = sim.server.requests
      .filter((r) => r.method === 'PUT' && r.path.includes('/backups/large.bin'))
      .map((r) => new URL(r.path, 'http://sim').searchParams.get('comp'));
    const blocks = comps.filter((c) => c === 'block').length;
    const commits = comps.filter((c) => c === 'blocklist').length;
    console.log(`simulator saw ${blocks} Put Block and ${commits} Put Block List requests`);
    if (blocks !== 6 || commits !== 1 || comps.length !== 7) throw new Error('expected a staged block upload');
  }
  await removeContainer(driver, container);
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
