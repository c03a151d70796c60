import { ProviderError } from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import { CLOUDAPI_ERROR_CLASSES, mapCloudApiError } from '../../src/cloudapi/errors.js';

// Regression: the code → error class table was a plain object, so a CloudAPI code naming an
// Object.prototype member (`constructor`) picked `Object` and the mapper returned a `String` object.
// It is core's frozen, null-prototype lookup table now.

function ctx(status: number, code: string): HttpErrorContext {
  return {
    provider: 'joyent',
    status,
    headers: {},
    bodyText: JSON.stringify({ code, message: 'text from CloudAPI' }),
    method: 'GET',
    url: 'https://cloudapi.example/demo/machines',
    requestId: 'req-1',
    retryAfterMs: undefined,
  };
}

describe('CLOUDAPI_ERROR_CLASSES', () => {
  it('is frozen and has no prototype', () => {
    expect(Object.isFrozen(CLOUDAPI_ERROR_CLASSES)).toBe(true);
    expect(Object.getPrototypeOf(CLOUDAPI_ERROR_CLASSES)).toBeNull();
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('does not list %s', (code) => {
    expect(CLOUDAPI_ERROR_CLASSES[code]).toBeUndefined();
  });

  it.each([
    [400, 'constructor'],
    [404, 'toString'],
    [409, '__proto__'],
    [500, 'valueOf'],
  ])('maps %i with code %s like an unknown code (by status)', (status, code) => {
    const err = mapCloudApiError(ctx(status, code));
    const unknown = mapCloudApiError(ctx(status, 'NoSuchCode'));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.constructor).toBe(unknown.constructor);
    expect(err).toMatchObject({ status, providerCode: code, requestId: 'req-1' });
  });
});
