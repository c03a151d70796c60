import { createHash } from 'node:crypto';
import { type HashedPart, HashedPartWriter } from '@cloudmux/core/storage';

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
const pattern = (n: number, seed = 7): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251));

/** A `send` that records each part (a copy: the buffer is reused) and how many ran at once. */
function recorder(delayMs = 2): {
  parts: { index: number; body: Buffer; md5: string }[];
  peak: () => number;
  send: (p: HashedPart) => Promise<void>;
} {
  const parts: { index: number; body: Buffer; md5: string }[] = [];
  let running = 0;
  let peak = 0;
  return {
    parts,
    peak: () => peak,
    send: async (p) => {
      running++;
      peak = Math.max(peak, running);
      parts.push({ index: p.index, body: Buffer.from(p.body), md5: p.md5 });
      await new Promise((r) => setTimeout(r, delayMs));
      running--;
    },
  };
}

describe('HashedPartWriter', () => {
  it('cuts the bytes at each part size, hashes every part and the whole, and bounds the parts in flight', async () => {
    const data = pattern(10_000);
    const r = recorder();
    const w = new HashedPartWriter({ partsInFlight: 2, partSize: (i) => (i < 3 ? 1000 : 2000), send: r.send });
    // Uneven writes: parts straddle them.
    for (let at = 0; at < data.length; at += 777) await w.write(data.subarray(at, Math.min(data.length, at + 777)));
    const result = await w.finish();
    expect(result).toEqual({ parts: 7, size: 10_000, md5: md5(data) });
    const sorted = [...r.parts].sort((a, b) => a.index - b.index);
    expect(sorted.map((p) => p.body.length)).toEqual([1000, 1000, 1000, 2000, 2000, 2000, 1000]);
    expect(Buffer.concat(sorted.map((p) => p.body)).equals(data)).toBe(true);
    for (const p of sorted) expect(p.md5).toBe(md5(p.body));
    expect(r.peak()).toBeLessThanOrEqual(2);
    expect(r.peak()).toBe(2);
  });

  it('rethrows the first failed part from write or finish, after aborting the others', async () => {
    const boom = new Error('part 1 refused');
    const aborted: number[] = [];
    const w = new HashedPartWriter({
      partsInFlight: 3,
      partSize: () => 100,
      send: async ({ index, signal }) => {
        if (index === 1) throw boom;
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            clearTimeout(t);
            aborted.push(index);
            resolve();
          };
          const t = setTimeout(resolve, 5_000);
          // A part sent after the abort stops at once (no timer left to keep the process up).
          if (signal.aborted) stop();
          else signal.addEventListener('abort', stop);
        });
      },
    });
    const failure = (async () => {
      for (let i = 0; i < 20; i++) await w.write(pattern(100, i));
      return w.finish();
    })();
    await expect(failure).rejects.toBe(boom);
    expect(aborted).toContain(0);
  });

  it('discard aborts the parts in flight, and the caller signal reaches every send', async () => {
    const caller = new AbortController();
    const signals: AbortSignal[] = [];
    const w = new HashedPartWriter({
      partsInFlight: 2,
      partSize: () => 10,
      signal: caller.signal,
      send: ({ signal }) => {
        signals.push(signal);
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    await w.write(pattern(20));
    while (signals.length < 2) await new Promise((r) => setTimeout(r, 1));
    caller.abort();
    expect(signals.every((s) => s.aborted)).toBe(true);
    await w.discard();
    await expect(w.finish()).rejects.toThrow('aborted');
  });
});
