import { lookup, lookupTable } from '@cloudmux/core';

describe('lookupTable', () => {
  const table = lookupTable({ running: 'R', stopped: 'S' });

  it('answers only its own keys: inherited names are misses, not functions', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(table[key]).toBeUndefined();
      expect(lookup(table, key, 'unknown')).toBe('unknown');
    }
    expect(lookup(table, 'running', 'unknown')).toBe('R');
    expect(lookup(table, undefined, 'unknown')).toBe('unknown');
  });

  it('is frozen, has no prototype and is a copy of its entries', () => {
    const entries: Record<string, string> = { a: '1' };
    const t = lookupTable(entries);
    entries.b = '2';
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.getPrototypeOf(t)).toBeNull();
    expect(Object.keys(t)).toEqual(['a']);
    expect(() => {
      (t as Record<string, string>).c = '3';
    }).toThrow(TypeError);
  });

  it('retries a miss in lower case only when asked', () => {
    expect(lookup(table, 'RUNNING', 'unknown')).toBe('unknown');
    expect(lookup(table, 'RUNNING', 'unknown', { caseInsensitive: true })).toBe('R');
    expect(lookup(table, 'Constructor', 'unknown', { caseInsensitive: true })).toBe('unknown');
  });
});
