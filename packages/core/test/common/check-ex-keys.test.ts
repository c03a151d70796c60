import { checkExKeys, InvalidArgumentError } from '@cloudmux/core';

// The one unknown-`ex`-key check every driver runs before any request.
const where = { method: 'createNode', provider: 'acme' };

describe('checkExKeys', () => {
  it('passes undefined and known keys through unchanged', () => {
    expect(checkExKeys(undefined, ['tags'], where)).toBeUndefined();
    const ex = { tags: { a: 'b' }, userData: 'x' };
    expect(checkExKeys(ex, ['tags', 'userData'], where)).toBe(ex);
    expect(checkExKeys({}, [], where)).toEqual({});
  });

  it('names the unknown key, the method and the valid keys (sorted)', () => {
    const err = (() => {
      try {
        checkExKeys({ tags: {}, colour: 'red' }, ['userData', 'tags', 'keyName'], where);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).message).toBe('createNode ex: unknown option "colour". Valid options: keyName, tags, userData');
    expect((err as InvalidArgumentError).provider).toBe('acme');
  });

  it('says when a method takes no ex options', () => {
    expect(() => checkExKeys({ notAnOption: 1 }, [], { method: 'createZone' })).toThrow(
      'createZone ex: unknown option "notAnOption". Valid options: (none: createZone takes no ex options)',
    );
  });

  it('does not accept inherited names as options', () => {
    expect(() => checkExKeys(JSON.parse('{"__proto__": 1}') as object, ['tags'], where)).toThrow(/unknown option "__proto__"/);
    expect(() => checkExKeys({ constructor: 1 }, ['tags'], where)).toThrow(/unknown option "constructor"/);
  });

  it.each([null, 'x', 3, ['tags']])('refuses %p as ex', (bad) => {
    expect(() => checkExKeys(bad as never, ['tags'], where)).toThrow(InvalidArgumentError);
    expect(() => checkExKeys(bad as never, ['tags'], where)).toThrow(/createNode: "ex" must be an object of provider options/);
  });
});
