import { joinedOnFirstRead } from '@cloudmux/core/testing';

describe('joinedOnFirstRead', () => {
  const parts = [Buffer.from('abc'), Buffer.from('de'), Buffer.from('f')];

  it('joins the parts when data is first read, then keeps that one buffer', () => {
    const o = joinedOnFirstRead({ data: Buffer.alloc(0), name: 'x' }, parts);
    expect(Object.getOwnPropertyDescriptor(o, 'data')?.get).toBeDefined();
    const first = o.data;
    expect(first.toString()).toBe('abcdef');
    expect(o.data).toBe(first);
    expect(Object.getOwnPropertyDescriptor(o, 'data')?.get).toBeUndefined();
    expect({ ...o }.data.toString()).toBe('abcdef');
  });

  it('takes an assignment before the first read, and a single part as it is', () => {
    const o = joinedOnFirstRead({ data: Buffer.alloc(0) }, parts);
    o.data = Buffer.from('new');
    expect(o.data.toString()).toBe('new');
    const one = joinedOnFirstRead({ data: Buffer.alloc(0) }, [parts[0]!]);
    expect(one.data).toBe(parts[0]);
    expect(joinedOnFirstRead({ data: Buffer.from('old') }, []).data.length).toBe(0);
  });
});
