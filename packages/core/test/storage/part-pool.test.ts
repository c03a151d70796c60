import { PartPool } from '@cloudmux/core/storage';

describe('PartPool', () => {
  it('allocates at most count buffers, reuses released ones, and makes acquire wait while all are in use', async () => {
    const pool = new PartPool(2);
    const a = await pool.acquire(16);
    const b = await pool.acquire(16);
    expect(a).not.toBe(b);
    let third: Buffer | undefined;
    const waiting = pool.acquire(16).then((c) => (third = c));
    await new Promise((r) => setImmediate(r));
    expect(third).toBeUndefined();
    pool.release(a);
    await waiting;
    expect(third).toBe(a);
  });

  it('drops smaller buffers when the size grows, and allocates shared memory when asked', async () => {
    const pool = new PartPool(1, { shared: true });
    const small = await pool.acquire(8);
    expect(small.buffer).toBeInstanceOf(SharedArrayBuffer);
    pool.release(small);
    const big = await pool.acquire(32);
    expect(big).not.toBe(small);
    expect(big.length).toBeGreaterThanOrEqual(32);
    pool.release(big);
    expect(await pool.acquire(8)).toBe(big);
    expect((await new PartPool(1).acquire(4)).buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });
});
