import { PartBuffer, toBuffer } from '@cloudmux/core/storage';

describe('PartBuffer', () => {
  it('hands out fixed-size parts across chunk boundaries and keeps the rest', () => {
    const b = new PartBuffer();
    b.push('abc');
    b.push(new Uint8Array([100, 101, 102, 103]));
    b.push(Buffer.from('hij'));
    expect(b.size).toBe(10);
    expect(b.take(4).toString()).toBe('abcd');
    expect(b.size).toBe(6);
    expect(b.take(4).toString()).toBe('efgh');
    expect(b.take().toString()).toBe('ij');
    expect(b.size).toBe(0);
    expect(b.take().length).toBe(0);
  });

  it('wraps a Uint8Array view without copying it', () => {
    const backing = new Uint8Array([1, 2, 3, 4, 5]);
    const view = backing.subarray(1, 4);
    const buf = toBuffer(view);
    backing[2] = 9;
    expect([...buf]).toEqual([2, 9, 4]);
    expect(toBuffer('é').length).toBe(2);
  });
});
