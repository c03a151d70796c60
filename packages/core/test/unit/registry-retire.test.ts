import { DriverRegistry, InvalidArgumentError, UnknownProviderError } from '@cloudmux/core';
import { NodeDriver, type NodeDriverClass } from '@cloudmux/core/compute';
import { CloudError, NotSupportedError } from '@cloudmux/core/errors';

class ADriver extends NodeDriver {
  static override readonly provider = { id: 'a', name: 'A', api: 'test', regions: [] };
}
const A = ADriver as unknown as NodeDriverClass;
const MESSAGE = 'Old Cloud retired its v1 API in 2020; use "a" instead';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('DriverRegistry.retire', () => {
  it('makes get() throw NotSupportedError with the message, not UnknownProviderError', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    r.set('a', A);
    r.retire('old', MESSAGE);
    const err = thrown(() => r.get('old'));
    expect(err).toBeInstanceOf(NotSupportedError);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).not.toBeInstanceOf(UnknownProviderError);
    expect((err as NotSupportedError).code).toBe('ERR_NOT_SUPPORTED');
    expect((err as NotSupportedError).provider).toBe('old');
    expect((err as Error).message).toContain(MESSAGE);
    expect((err as Error).message).toContain('retired');
    expect((err as Error).message).toMatch(/^old /);
    // An id that was never known is still an unknown provider.
    expect(thrown(() => r.get('never'))).toBeInstanceOf(UnknownProviderError);
  });

  it('keeps retired ids out of ids() and has(), lists them in retiredIds()', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    r.set('a', A);
    r.retire('old', MESSAGE);
    expect(r.ids()).toEqual(['a']);
    expect(r.has('old')).toBe(false);
    expect(r.has('a')).toBe(true);
    expect(r.retiredIds()).toEqual(['old']);
    expect((thrown(() => r.get('nope')) as UnknownProviderError).registered).toEqual(['a']);
  });

  it('treats a retired id as taken: no silent replacement either way without override', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    r.set('a', A);
    expect(() => r.retire('a', MESSAGE)).toThrow(InvalidArgumentError);
    expect(r.get('a')).toBe(ADriver);
    r.retire('old', MESSAGE);
    expect(() => r.set('old', A)).toThrow(InvalidArgumentError);
    expect(() => r.retire('old', 'again')).toThrow(InvalidArgumentError);
    r.set('old', A, { override: true });
    expect(r.get('old')).toBe(ADriver);
    r.retire('a', MESSAGE, { override: true });
    expect(thrown(() => r.get('a'))).toBeInstanceOf(NotSupportedError);
  });

  it('validates the id and the message', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    expect(() => r.retire('', MESSAGE)).toThrow(InvalidArgumentError);
    expect(() => r.retire('old', '  ')).toThrow(/message/);
  });
});
