import { execFileSync } from 'node:child_process';
import { shellJoin, shellQuote } from '@cloudmux/deploy';

describe('shell quoting', () => {
  it('leaves safe words alone and quotes the rest', () => {
    expect(shellQuote('abc/def-1.2')).toBe('abc/def-1.2');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('round-trips awkward arguments through a real sh', () => {
    const args = ['with space', "it's", 'dollar $HOME', 'back`tick`', 'new\nline', '*', '"double"', '', '-n', '\\'];
    const out = execFileSync('sh', ['-c', `for a in ${shellJoin(args)}; do printf '[%s]' "$a"; done`]).toString();
    expect(out).toBe(args.map((a) => `[${a}]`).join(''));
  });
});
