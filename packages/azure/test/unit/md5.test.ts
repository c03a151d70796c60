import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ChecksumMismatchError } from '@cloudmux/core/errors';
import { OffThreadMd5, sharedBufferOf } from '../../src/blob/md5-worker.js';
import { OFF_THREAD_MIN_BYTES, verifyMd5 } from '../../src/blob/md5-check.js';

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** `data` as a stream of odd-sized chunks (so stages fill across chunk boundaries). */
function chunked(data: Buffer, size = 100_003): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

describe('OffThreadMd5', () => {
  it('hashes on the worker thread in order, with per-update block digests', async () => {
    const a = sharedBufferOf(300_000);
    const b = sharedBufferOf(5);
    randomBytes(300_000).copy(a);
    b.write('hello');
    const h = new OffThreadMd5();
    const [blockA, blockB] = await Promise.all([h.update(a, true), h.update(b, true)]);
    expect(blockA).toBe(createHash('md5').update(a).digest('base64'));
    expect(blockB).toBe(createHash('md5').update(b).digest('base64'));
    expect(await h.update(a.subarray(10, 20))).toBeUndefined();
    expect(await h.digest()).toBe(md5(Buffer.concat([a, b, a.subarray(10, 20)])));
  });

  it('keeps concurrent streams apart and refuses bytes outside shared memory', async () => {
    const x = new OffThreadMd5();
    const y = new OffThreadMd5();
    const one = sharedBufferOf(3);
    one.write('one');
    const two = sharedBufferOf(3);
    two.write('two');
    await Promise.all([x.update(one), y.update(two), x.update(two)]);
    expect(await y.digest()).toBe(md5(Buffer.from('two')));
    expect(await x.digest()).toBe(md5(Buffer.from('onetwo')));
    const z = new OffThreadMd5();
    await expect(z.update(Buffer.from('plain'))).rejects.toThrow(/SharedArrayBuffer/);
    z.discard();
  });
});

describe('verifyMd5', () => {
  const big = randomBytes(OFF_THREAD_MIN_BYTES + 3 * 1024 * 1024 + 17);
  const opts = (expected: string, size: number | undefined) => ({ expected, provider: 'azure', what: 'box/big.bin', size });

  it('passes large downloads through unchanged when the off-thread MD5 matches', async () => {
    const out = await readAll(verifyMd5(chunked(big), opts(md5(big).toUpperCase(), big.length)));
    expect(out.equals(big)).toBe(true);
  });

  it('fails a large download whose bytes differ, with ChecksumMismatchError naming both digests', async () => {
    const bad = Buffer.from(big);
    bad[bad.length - 1] ^= 1;
    const err = await readAll(verifyMd5(chunked(bad), opts(md5(big), big.length))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(err).toMatchObject({ algorithm: 'md5', expected: md5(big), actual: md5(bad), provider: 'azure' });
    expect((err as Error).message).toContain('box/big.bin');
  });

  it('hashes small and unknown-size downloads on the event loop, with the same error', async () => {
    const small = Buffer.from('abc');
    expect((await readAll(verifyMd5(chunked(small), opts(md5(small), 3)))).toString()).toBe('abc');
    await expect(readAll(verifyMd5(chunked(small), opts(md5(Buffer.from('abd')), undefined)))).rejects.toBeInstanceOf(
      ChecksumMismatchError,
    );
  });

  it('a source error ends the verified stream with that error', async () => {
    const source = new Readable({ read() {} });
    const verified = verifyMd5(source, opts(md5(big), big.length));
    source.push(big.subarray(0, 5_000_000));
    setImmediate(() => source.destroy(new Error('connection reset')));
    await expect(readAll(verified)).rejects.toThrow('connection reset');
  });
});
