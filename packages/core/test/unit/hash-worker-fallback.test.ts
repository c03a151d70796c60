import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { jest } from '@jest/globals';

// No worker thread can start here: every hash must be computed in line, with the same results.
jest.unstable_mockModule('node:worker_threads', () => ({
  Worker: class {
    constructor() {
      throw new Error('worker threads unavailable');
    }
  },
}));

const { OffThreadHash, verifyStreamOffThread } = await import('../../src/storage/index.js');
const { ChecksumMismatchError } = await import('../../src/errors/index.js');

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('off-thread hashing where no worker thread can start', () => {
  it('OffThreadHash hashes in line, block digests included', async () => {
    const h = new OffThreadHash('md5');
    expect(h.offThread).toBe(false);
    expect(await h.update(Buffer.from('ab'), true)).toBe(md5(Buffer.from('ab')));
    await h.update(Buffer.from('c'));
    expect(await h.digest()).toBe(md5(Buffer.from('abc')));
  });

  it('verifyStreamOffThread verifies in line with the same ChecksumMismatchError', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024, 9);
    const ok = verifyStreamOffThread(Readable.from([data]), { algorithm: 'md5', expected: md5(data), what: 'b/k', minOffThreadBytes: 0 });
    expect((await readAll(ok)).equals(data)).toBe(true);
    const bad = verifyStreamOffThread(Readable.from([data]), { algorithm: 'md5', expected: md5(Buffer.from('x')), what: 'b/k' });
    await expect(readAll(bad)).rejects.toBeInstanceOf(ChecksumMismatchError);
  });
});
