import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OffThreadHashingStream } from '@cloudmux/core/storage';

/** `data` as a stream of odd-sized chunks (so slots fill across chunk boundaries). */
function chunked(data: Buffer, size = 100_003): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

function sink(): Writable & { received: Buffer[] } {
  const received: Buffer[] = [];
  return Object.assign(
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        received.push(chunk);
        cb();
      },
    }),
    { received },
  );
}

describe('OffThreadHashingStream', () => {
  // More than the 8 slots of 1 MiB one stream may hold, so slots are reused.
  const data = randomBytes(11 * 1024 * 1024 + 5);

  it.each(['md5', 'sha256'] as const)('passes the bytes through unchanged and resolves the %s digest of them all', async (algorithm) => {
    const hasher = new OffThreadHashingStream(algorithm);
    expect(hasher.offThread).toBe(true);
    const out = sink();
    await pipeline(chunked(data), hasher, out);
    expect(Buffer.concat(out.received).equals(data)).toBe(true);
    expect(hasher.size).toBe(data.length);
    expect(await hasher.digest()).toBe(createHash(algorithm).update(data).digest('hex'));
  });

  it("ends with the error its check returns (the digest is still the bytes' own)", async () => {
    const wrong = new Error('not the digest we wanted');
    const hasher = new OffThreadHashingStream('md5', { check: (actual) => (actual === 'x' ? undefined : wrong) });
    await expect(pipeline(chunked(data), hasher, sink())).rejects.toBe(wrong);
    expect(await hasher.digest()).toBe(createHash('md5').update(data).digest('hex'));
  });

  it('with a size, takes the digest once that many bytes passed, even if the consumer then destroys it before its end', async () => {
    const hasher = new OffThreadHashingStream('md5', { size: data.length });
    const source = chunked(data);
    source.pipe(hasher);
    let seen = 0;
    // A consumer like an HTTP client: destroys its body stream as soon as it has read every byte.
    await new Promise<void>((resolve) =>
      hasher.on('data', (c: Buffer) => {
        seen += c.length;
        if (seen === data.length) {
          hasher.destroy();
          resolve();
        }
      }),
    );
    expect(await hasher.digest()).toBe(createHash('md5').update(data).digest('hex'));
    const over = new OffThreadHashingStream('md5', { size: 10 });
    await expect(pipeline(Readable.from([Buffer.alloc(11)]), over, sink())).rejects.toThrow('11 bytes passed where 10 were expected');
  });

  it('rejects the digest of a stream destroyed before its end (the source failed)', async () => {
    const hasher = new OffThreadHashingStream('md5');
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(pipeline(failing, hasher, sink())).rejects.toThrow('disk gone');
    await expect(hasher.digest()).rejects.toThrow('disk gone');
  });
});
