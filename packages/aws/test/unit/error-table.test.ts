import { ProviderError } from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import { AWS_ERROR_CODES, classifyAwsErrorCode, mapAwsError } from '../../src/errors.js';

// Regression: the code → kind table was a plain object, so an AWS code naming an Object.prototype
// member (`constructor`, `toString`, `__proto__`) classified as a function or an object instead of
// falling back to the HTTP status. It is core's frozen, null-prototype lookup table now.

const body = (code: string) =>
  `<Response><Errors><Error><Code>${code}</Code><Message>m</Message></Error></Errors><RequestID>r-1</RequestID></Response>`;
function ctx(status: number, code: string): HttpErrorContext {
  return {
    provider: 'ec2',
    status,
    headers: {},
    bodyText: body(code),
    method: 'POST',
    url: 'https://ec2.us-east-1.amazonaws.com/',
    requestId: undefined,
    retryAfterMs: undefined,
  };
}

describe('AWS_ERROR_CODES', () => {
  it('is frozen and has no prototype', () => {
    expect(Object.isFrozen(AWS_ERROR_CODES)).toBe(true);
    expect(Object.getPrototypeOf(AWS_ERROR_CODES)).toBeNull();
    expect(AWS_ERROR_CODES['RequestLimitExceeded']).toBe('rate-limit');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('classifies %s by HTTP status', (code) => {
    expect(AWS_ERROR_CODES[code]).toBeUndefined();
    expect(classifyAwsErrorCode(code)).toBe('status');
  });

  it.each([
    [400, 'constructor'],
    [403, 'toString'],
    [404, '__proto__'],
    [500, 'valueOf'],
  ])('maps %i with code %s like an unknown code', (status, code) => {
    const err = mapAwsError(ctx(status, code));
    const unknown = mapAwsError(ctx(status, 'NoSuchCode'));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.constructor).toBe(unknown.constructor);
    expect(err).toMatchObject({ status, providerCode: code });
  });
});
