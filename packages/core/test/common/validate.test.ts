import {
  InvalidArgumentError,
  MAX_DURATION_MS,
  MIN_POLL_INTERVAL_MS,
  requireDuration,
  requireId,
  requireNonBlank,
  requirePathSegment,
  requireRefId,
  resolvePollInterval,
} from '@cloudmux/core';

// The core id/duration checks every driver (and third-party ones) runs before any request.
const where = { method: 'exDeleteTag', provider: 'joyent', what: 'tag key' };

describe('requireId / requirePathSegment', () => {
  it('returns a good id unchanged', () => {
    for (const ok of ['i-0abc', 'node-1', 'a.b', 'SHA256:abc+def=', 'aa:bb:cc', '...', 'a..b', ' x '])
      expect(requireId(ok, 'id', where)).toBe(ok);
    expect(requirePathSegment).toBe(requireId);
  });

  it.each([
    ['', /exDeleteTag: "key" must be a non-empty tag key, got ""/],
    ['   ', /non-empty tag key, got " {3}"/],
    ['\t\n', /non-empty tag key/],
    ['.', /relative path/],
    ['..', /relative path/],
    ['%2e%2E', /relative path/],
    ['/', /without "\/"/],
    ['a/b', /without "\/"/],
    ['a%2Fb', /without "\/"/],
    ['a%2fb', /without "\/"/],
    ['a\\b', /without "\/" or "\\"/],
    ['a\u0000b', /control characters/],
    ['a\nb', /control characters/],
    ['a\u007fb', /control characters/],
  ])('refuses %j with an InvalidArgumentError naming the method and argument', (bad, message) => {
    let err: unknown;
    try {
      requireId(bad, 'key', where);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).message).toMatch(/^exDeleteTag: "key" must be /);
    expect((err as InvalidArgumentError).message).toMatch(message);
    expect((err as InvalidArgumentError).provider).toBe('joyent');
  });

  it('refuses non-strings, saying what it got', () => {
    expect(() => requireId(undefined, 'id', { method: 'getNode' })).toThrow('getNode: "id" must be a id (a string), got undefined');
    expect(() => requireId(5, 'id', { method: 'getNode', what: 'node id' })).toThrow('got number 5');
    expect(() => requireId(null, 'id', { method: 'getNode' })).toThrow('got null');
    expect(() => requireId({}, 'id', { method: 'getNode' })).toThrow('got an object');
  });

  it('shortens a huge value in the message', () => {
    const err = (() => {
      try {
        requireId(`${'x'.repeat(10_000)}/`, 'id', { method: 'getNode' });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err?.message.length).toBeLessThan(300);
  });
});

describe('requireRefId', () => {
  it('takes a resource or an id and checks the id', () => {
    expect(requireRefId('node-1', 'node', { method: 'rebootNode' })).toBe('node-1');
    expect(requireRefId({ id: 'node-1', name: 'x' }, 'node', { method: 'rebootNode' })).toBe('node-1');
    expect(() => requireRefId({ id: '' }, 'node', { method: 'rebootNode' })).toThrow('rebootNode: "node.id" must be a non-empty id');
    expect(() => requireRefId({ id: '../x' }, 'node', { method: 'rebootNode' })).toThrow(InvalidArgumentError);
    expect(() => requireRefId('', 'node', { method: 'rebootNode' })).toThrow(InvalidArgumentError);
  });
});

describe('requireNonBlank', () => {
  it('allows "/" (EC2 tag keys) but not blank or control characters', () => {
    expect(requireNonBlank('aws:cloudformation/stack', 'tags', { method: 'exDeleteTags' })).toBe('aws:cloudformation/stack');
    expect(() => requireNonBlank('', 'tags', { method: 'exDeleteTags', what: 'tag key' })).toThrow(
      'exDeleteTags: "tags" must be a non-empty tag key, got ""',
    );
    expect(() => requireNonBlank(' ', 'tags', { method: 'exDeleteTags' })).toThrow(InvalidArgumentError);
    expect(() => requireNonBlank('a\rb', 'tags', { method: 'exDeleteTags' })).toThrow(InvalidArgumentError);
  });
});

describe('requireDuration', () => {
  const ctx = { method: 'waitUntilRunning' };
  it('accepts finite positive durations up to the timer limit', () => {
    expect(requireDuration(1, 'timeoutMs', ctx)).toBe(1);
    expect(requireDuration(30_000, 'timeoutMs', ctx)).toBe(30_000);
    expect(requireDuration(MAX_DURATION_MS, 'timeoutMs', ctx)).toBe(MAX_DURATION_MS);
    expect(requireDuration(0, 'delayMs', { ...ctx, min: 0 })).toBe(0);
  });
  it.each([0, -1, Number.NaN, Infinity, -Infinity, MAX_DURATION_MS + 1, '100', undefined, null])(
    'refuses %p with a clear message',
    (bad) => {
      expect(() => requireDuration(bad, 'timeoutMs', ctx)).toThrow(InvalidArgumentError);
      expect(() => requireDuration(bad, 'timeoutMs', ctx)).toThrow(
        /^waitUntilRunning: "timeoutMs" must be a finite number of milliseconds from 1 to 2147483647, got /,
      );
    },
  );
  it('honours min and max', () => {
    expect(() => requireDuration(50, 'timeoutMs', { ...ctx, min: 100 })).toThrow('from 100 to');
    expect(() => requireDuration(5000, 'timeoutMs', { ...ctx, max: 1000 })).toThrow('to 1000');
  });
});

describe('resolvePollInterval', () => {
  const ctx = { method: 'exWaitForState', provider: 'joyent' };
  it('defaults, and raises small intervals to the 100 ms floor', () => {
    expect(MIN_POLL_INTERVAL_MS).toBe(100);
    expect(resolvePollInterval(undefined, 2000, 'pollIntervalMs', ctx)).toBe(2000);
    expect(resolvePollInterval(1, 2000, 'pollIntervalMs', ctx)).toBe(100);
    expect(resolvePollInterval(250, 2000, 'pollIntervalMs', ctx)).toBe(250);
  });
  it.each([0, -5, Number.NaN, Infinity])('refuses %p', (bad) => {
    expect(() => resolvePollInterval(bad, 2000, 'pollIntervalMs', ctx)).toThrow(
      /^exWaitForState: "pollIntervalMs" must be a finite number/,
    );
  });
});
