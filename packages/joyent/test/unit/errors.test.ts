import {
  AlreadyExistsError,
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import { mapCloudApiError } from '../../src/cloudapi/errors.js';

function ctx(status: number, body: unknown, extra: Partial<HttpErrorContext> = {}): HttpErrorContext {
  return {
    provider: 'joyent',
    status,
    headers: {},
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    method: 'GET',
    url: 'https://cloudapi.example/demo/machines',
    requestId: 'req-123',
    retryAfterMs: undefined,
    ...extra,
  };
}

describe('mapCloudApiError', () => {
  it.each([
    [404, 'ResourceNotFound', NotFoundError],
    [401, 'InvalidCredentials', InvalidCredentialsError],
    [403, 'NotAuthorized', InvalidCredentialsError],
    [400, 'InvalidHeader', InvalidCredentialsError],
    [409, 'InvalidArgument', BadRequestError],
    [409, 'MissingParameter', BadRequestError],
    [409, 'InvalidState', BadRequestError],
    [400, 'InvalidVersion', BadRequestError],
    [409, 'CannotDestroyMachineError', BadRequestError],
    [503, 'InsufficientCapacity', ServiceUnavailableError],
    [409, 'ResourceAlreadyExists', AlreadyExistsError],
    [403, 'QuotaExceeded', QuotaExceededError],
  ] as const)('%i %s', (status, code, cls) => {
    const err = mapCloudApiError(ctx(status, { code, message: 'text from CloudAPI' }));
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({
      status,
      providerCode: code,
      providerMessage: 'text from CloudAPI',
      requestId: 'req-123',
      provider: 'joyent',
    });
    expect(err.message).toContain('req-123');
    expect(err.message).toContain(code);
  });

  it('treats 429 and 420 as throttling with Retry-After', () => {
    const e1 = mapCloudApiError(ctx(429, { code: 'TooManyRequests', message: 'slow' }, { retryAfterMs: 2000 }));
    expect(e1).toBeInstanceOf(RateLimitError);
    expect((e1 as RateLimitError).retryAfterMs).toBe(2000);
    expect(e1.retryable).toBe(true);
    expect(mapCloudApiError(ctx(420, 'Slow Down'))).toBeInstanceOf(RateLimitError);
  });

  it('falls back to the status for unknown codes and non-JSON bodies', () => {
    expect(mapCloudApiError(ctx(404, '<html>'))).toBeInstanceOf(NotFoundError);
    const e = mapCloudApiError(ctx(500, { code: 'InternalError', message: 'boom' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.providerCode).toBe('InternalError');
    expect(e.retryable).toBe(true);
  });
});
