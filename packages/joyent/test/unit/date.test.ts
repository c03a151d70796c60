import { describe, expect, it } from '@jest/globals';
import { toDate } from '../../src/cloudapi/date.js';

describe('toDate', () => {
  it('reads CloudAPI timestamps exactly like the generic Date parser', () => {
    const samples = [
      '2024-01-02T03:04:05.000Z',
      '1999-12-31T23:59:59.999Z',
      '2024-02-29T12:00:00.123Z',
      '2023-02-30T00:00:00.000Z',
      '2024-04-31T10:00:00.000Z',
      '0050-01-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-02T03:04:05Z',
      '2024-01-02T03:04:05.000+02:00',
    ];
    for (const s of samples) expect(toDate(s)?.getTime()).toBe(new Date(s).getTime());
  });

  it('gives undefined for absent or invalid values', () => {
    for (const s of [undefined, '', 'yesterday', '2024-13-01T00:00:00.000Z', '2024-01-02T03:04:65.000Z', '2024-01-0xT03:04:05.000Z'])
      expect(toDate(s)).toBeUndefined();
  });
});
