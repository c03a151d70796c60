import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ChecksumMismatchError } from '@cloudmux/core/errors';
import { OFF_THREAD_MIN_BYTES, verifyStreamOffThread, type VerifyOffThreadOptions } from '@cloudmux/core/storage';

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** `data` as a stream of odd-sized chunks (so slots fill across chunk boundaries). */
function chunked(data: Buffer, size = 100_003): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

const digest = (algorithm: string, b: Uint8Array): string => createHash(algorithm).update(b).digest('hex');

describe('verifyStreamOffThread', () => {
  // More than the 8 slots of 1 MiB one download may hold, so slots are reused.
  const big = randomBytes(OFF_THREAD_MIN_BYTES + 3 * 1024 * 1024 + 17);
  const opts = (expected: string, size: number | undefined, extra: Partial<VerifyOffThreadOptions> = {}): VerifyOffThreadOptions => ({
    algorithm: 'md5',
    expected,
    provider: 'acme',
    what: 'box/big.bin',
    size,
    ...extra,
  });

  it('passes large downloads through unchanged when the digest matches (case ignored)', async () => {
    const out = await readAll(verifyStreamOffThread(chunked(big), opts(digest('md5', big).toUpperCase(), big.length)));
    expect(out.equals(big)).toBe(true);
  });

  it('fails a download whose bytes differ with ChecksumMismatchError naming both digests', async () => {
    const bad = Buffer.from(big);
    bad[bad.length - 1]! ^= 1;
    const err = await readAll(verifyStreamOffThread(chunked(bad), opts(digest('md5', big), undefined))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(err).toMatchObject({ algorithm: 'md5', expected: digest('md5', big), actual: digest('md5', bad), provider: 'acme' });
    expect((err as Error).message).toContain('box/big.bin');
  });

  it('verifies SHA-256 and empty streams off-thread too', async () => {
    const data = randomBytes(1_500_000);
    const sha = opts(digest('sha256', data), undefined, { algorithm: 'sha256' });
    expect((await readAll(verifyStreamOffThread(chunked(data), sha))).equals(data)).toBe(true);
    const empty = Buffer.alloc(0);
    expect((await readAll(verifyStreamOffThread(Readable.from([]), opts(digest('md5', empty), 0, { minOffThreadBytes: 0 })))).length).toBe(
      0,
    );
    await expect(
      readAll(verifyStreamOffThread(Readable.from([]), opts(digest('md5', big), 0, { minOffThreadBytes: 0 }))),
    ).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it('verifies small downloads of known size in line, with the same error', async () => {
    const small = Buffer.from('abc');
    expect((await readAll(verifyStreamOffThread(chunked(small), opts(digest('md5', small), 3)))).toString()).toBe('abc');
    await expect(readAll(verifyStreamOffThread(chunked(small), opts(digest('md5', Buffer.from('abd')), 3)))).rejects.toBeInstanceOf(
      ChecksumMismatchError,
    );
  });

  it('a source error ends the verified stream with that error', async () => {
    const source = new Readable({ read() {} });
    const verified = verifyStreamOffThread(source, opts(digest('md5', big), big.length));
    source.push(big.subarray(0, 5_000_000));
    setImmediate(() => source.destroy(new Error('connection reset')));
    await expect(readAll(verified)).rejects.toThrow('connection reset');
  });

  it('a consumer that stops early destroys the source', async () => {
    const source = chunked(big);
    const verified = verifyStreamOffThread(source, opts(digest('md5', big), big.length));
    for await (const chunk of verified) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }
    expect(verified.destroyed).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(source.destroyed).toBe(true);
  });
});
