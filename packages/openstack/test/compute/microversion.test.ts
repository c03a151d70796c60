import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import { CLIENT_MAX_MICROVERSION, microversionAtLeast, negotiateMicroversion } from '../../src/compute/microversion.js';

describe('negotiateMicroversion', () => {
  it('picks min(client max, server max)', () => {
    expect(negotiateMicroversion('os', '2.1', '2.96')).toBe(CLIENT_MAX_MICROVERSION);
    expect(negotiateMicroversion('os', '2.1', '2.60')).toBe('2.60');
    expect(negotiateMicroversion('os', '2.1', '2.9')).toBe('2.9');
  });
  it('sends none to a cloud without microversions', () => {
    expect(negotiateMicroversion('os', '', '')).toBeUndefined();
    expect(negotiateMicroversion('os', undefined, undefined)).toBeUndefined();
  });
  it('refuses a server whose minimum is above what cloudmux speaks', () => {
    expect(() => negotiateMicroversion('os', '2.95', '2.99')).toThrow(NotSupportedError);
  });
  it('honours a pinned version inside the range, and latest', () => {
    expect(negotiateMicroversion('os', '2.1', '2.96', '2.53')).toBe('2.53');
    expect(negotiateMicroversion('os', '2.1', '2.96', 'latest')).toBe('2.96');
    expect(() => negotiateMicroversion('os', '2.1', '2.50', '2.60')).toThrow(/2\.1 to 2\.50/);
    expect(() => negotiateMicroversion('os', '2.1', '2.50', 'v2')).toThrow(InvalidArgumentError);
  });
  it('compares numerically, not as text', () => {
    expect(microversionAtLeast('2.100', 2, 9)).toBe(true);
    expect(microversionAtLeast('2.9', 2, 26)).toBe(false);
    expect(microversionAtLeast(undefined, 2, 1)).toBe(true);
  });
});
