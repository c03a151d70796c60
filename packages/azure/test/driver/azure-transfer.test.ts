import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AzureBlobsStorageDriver } from '@cloudmux/azure';
import { AzureBlobSimulator } from '@cloudmux/azure/simulator';
import { AbortError, BadRequestError, ChecksumMismatchError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';

let sim: AzureBlobSimulator;

beforeEach(async () => {
  sim = await AzureBlobSimulator.start();
});
afterEach(async () => {
  await sim.close();
});

function driverWith(blocksInFlight: number): AzureBlobsStorageDriver {
  return new AzureBlobsStorageDriver(sim.account, sim.key, {
    endpoint: sim.endpoint,
    singlePutThreshold: 1024,
    blockSize: 64 * 1024,
    blocksInFlight,
  });
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

const putBlocks = () => sim.server.requests.filter((r) => r.method === 'PUT' && r.path.includes('comp=block&'));

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('AzureBlobsStorageDriver transfers', () => {
  it('sends up to blocksInFlight blocks at once, and an abort while they are in flight commits nothing', async () => {
    const d = driverWith(3);
    await d.createContainer({ name: 'box' });
    // Every block request hangs: three go out, and no more until one is answered.
    sim.server.injectFault({ kind: 'hang', method: 'PUT', path: /\/box\/x\.bin$/, times: Infinity });
    const ac = new AbortController();
    const upload = d.uploadObjectViaStream('box', { name: 'x.bin', source: Readable.from([randomBytes(600_000)]), signal: ac.signal });
    const settled = upload.catch((e: unknown) => e);
    await until(() => putBlocks().length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(putBlocks().length).toBe(3);
    ac.abort();
    expect(await settled).toBeInstanceOf(AbortError);
    expect(sim.server.requests.some((r) => r.path.includes('comp=blocklist'))).toBe(false);
    await expect(d.getObject('box', { name: 'x.bin' })).rejects.toBeInstanceOf(NotFoundError);
    d.close();
  });

  it('with blocksInFlight 1, sends one block at a time', async () => {
    const d = driverWith(1);
    await d.createContainer({ name: 'box' });
    sim.server.injectFault({ kind: 'hang', method: 'PUT', path: /\/box\/x\.bin$/ });
    const ac = new AbortController();
    const settled = d
      .uploadObjectViaStream('box', { name: 'x.bin', source: Readable.from([randomBytes(600_000)]), signal: ac.signal })
      .catch((e: unknown) => e);
    await until(() => putBlocks().length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(putBlocks().length).toBe(1);
    ac.abort();
    expect(await settled).toBeInstanceOf(AbortError);
    d.close();
  });

  it('a failed block fails the upload with the service error; the block list is never sent', async () => {
    const d = driverWith(4);
    await d.createContainer({ name: 'box' });
    sim.server.injectFault({
      kind: 'status',
      status: 400,
      method: 'PUT',
      path: /\/box\/x\.bin$/,
      headers: { 'content-type': 'application/xml', 'x-ms-error-code': 'Md5Mismatch' },
      body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>Md5Mismatch</Code><Message>bad block</Message></Error>',
    });
    const err = await d
      .uploadObjectViaStream('box', { name: 'x.bin', source: Readable.from([randomBytes(500_000)]) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(sim.server.requests.some((r) => r.path.includes('comp=blocklist'))).toBe(false);
    await expect(d.getObject('box', { name: 'x.bin' })).rejects.toBeInstanceOf(NotFoundError);
    d.close();
  });

  it('stores every block in order with its Content-MD5 and the whole MD5 on commit, from odd-sized chunks', async () => {
    const d = driverWith(4);
    await d.createContainer({ name: 'box' });
    const data = randomBytes(64 * 1024 * 7 + 123);
    const chunks: Buffer[] = [];
    for (let i = 0; i < data.length; i += 10_007) chunks.push(data.subarray(i, i + 10_007));
    const o = await d.uploadObjectViaStream('box', { name: 'odd.bin', source: Readable.from(chunks) });
    expect(o.hash).toBe(createHash('md5').update(data).digest('hex'));
    for (const r of putBlocks()) expect(r.headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(putBlocks()).toHaveLength(8);
    expect(sim.state.containers.get('box')!.blobs.get('odd.bin')!.data.equals(data)).toBe(true);
    // A wrong expected md5 is refused before the commit.
    await expect(
      d.uploadObjectViaStream('box', { name: 'odd.bin', source: Readable.from([data.subarray(1)]), md5: 'f'.repeat(32) }),
    ).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect((await d.getObject('box', { name: 'odd.bin' })).hash).toBe(o.hash);
    d.close();
  });

  it('verifies large downloads (hashed off the event loop) and fails a corrupted one', async () => {
    const d = driverWith(4);
    await d.createContainer({ name: 'box' });
    const data = randomBytes(9 * 1024 * 1024 + 5);
    const o = await d.uploadObject('box', { name: 'big.bin', data });
    expect((await readAll(await d.downloadObjectAsStream(o))).equals(data)).toBe(true);
    sim.state.containers.get('box')!.blobs.get('big.bin')!.data[4_000_000] ^= 0xff;
    await expect(readAll(await d.downloadObjectAsStream(o))).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect((await readAll(await d.downloadObjectAsStream(o, { verifyHash: false }))).length).toBe(data.length);
    // A consumer that stops early releases the download.
    const early = await d.downloadObjectAsStream(o);
    for await (const chunk of early) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }
    expect(early.destroyed).toBe(true);
    d.close();
  });

  it('validates blocksInFlight', () => {
    expect(() => driverWith(0)).toThrow(InvalidArgumentError);
    expect(() => driverWith(65)).toThrow(/blocksInFlight/);
    expect(BadRequestError).toBeDefined();
  });
});
