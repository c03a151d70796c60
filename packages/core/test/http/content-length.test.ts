import { contentLength } from '@cloudmux/core/http';

describe('contentLength', () => {
  it('reads a byte count, and nothing from an absent, malformed or negative header', () => {
    expect(contentLength({ 'content-length': '268435456' })).toBe(268_435_456);
    expect(contentLength({ 'content-length': '0' })).toBe(0);
    expect(contentLength({ 'content-length': ['12', '12'] })).toBe(12);
    expect(contentLength({})).toBeUndefined();
    expect(contentLength({ 'content-length': 'abc' })).toBeUndefined();
    expect(contentLength({ 'content-length': '-1' })).toBeUndefined();
    expect(contentLength({ 'content-length': '1.5' })).toBeUndefined();
  });
});
