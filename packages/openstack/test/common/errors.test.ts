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
import { mapOpenStackError, parseOpenStackError } from '../../src/common/errors.js';

function ctx(status: number, body: unknown, extra: Partial<HttpErrorContext> = {}): HttpErrorContext {
  return {
    provider: 'openstack',
    status,
    headers: {},
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    method: 'GET',
    url: 'https://nova.example/v2.1/servers/x',
    requestId: 'req-1234',
    retryAfterMs: undefined,
    ...extra,
  };
}

describe('parseOpenStackError', () => {
  it.each([
    [
      'Nova fault',
      { itemNotFound: { code: 404, message: 'Instance x could not be found.' } },
      'itemNotFound',
      'Instance x could not be found.',
    ],
    [
      'Neutron',
      { NeutronError: { type: 'NetworkNotFound', message: 'Network n could not be found.', detail: '' } },
      'NetworkNotFound',
      'Network n could not be found.',
    ],
    [
      'Keystone',
      { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
      'Unauthorized',
      'The request you have made requires authentication.',
    ],
    [
      'API-SIG',
      { errors: [{ status: 404, title: 'Not Found', detail: 'No resource provider', code: 'placement.undefined_code' }] },
      'placement.undefined_code',
      'No resource provider',
    ],
    ['faultstring', { faultcode: 'Client', faultstring: 'Invalid input' }, 'Client', 'Invalid input'],
  ])('%s', (_what, body, code, message) => {
    expect(parseOpenStackError(JSON.stringify(body))).toEqual({ code, message });
  });

  it("keeps Rackspace's details and validation messages", () => {
    expect(parseOpenStackError(JSON.stringify({ code: 400, message: 'Validation error', details: 'Invalid TTL: 5' }))).toEqual({
      code: '400',
      message: 'Validation error: Invalid TTL: 5',
    });
    expect(
      parseOpenStackError(
        JSON.stringify({
          validationErrors: { messages: ['port must be 1-65535', 'bad protocol'] },
          message: 'Validation Failure',
          code: 400,
        }),
      ),
    ).toEqual({ code: '400', message: 'Validation Failure: port must be 1-65535; bad protocol' });
  });

  it('reads Glance HTML and plain text bodies', () => {
    expect(
      parseOpenStackError(
        '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID abc<br /><br />\n\n\n\n </body>\n</html>',
      ),
    ).toEqual({ code: undefined, message: 'No image found with ID abc' });
    expect(
      parseOpenStackError(
        '401 Unauthorized\n\nThis server could not verify that you are authorized to access the document you requested.\n\n   ',
      ),
    ).toEqual({
      code: undefined,
      message: 'This server could not verify that you are authorized to access the document you requested.',
    });
    expect(parseOpenStackError('')).toEqual({ code: undefined, message: undefined });
  });
});

describe('mapOpenStackError', () => {
  it.each([
    [400, { badRequest: { code: 400, message: 'Invalid flavorRef provided.' } }, BadRequestError],
    [401, 'Authentication required', InvalidCredentialsError],
    [
      403,
      { forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:servers:create to be performed." } },
      InvalidCredentialsError,
    ],
    [
      403,
      { forbidden: { code: 403, message: 'Quota exceeded for cores: Requested 8, but already used 20 of 20 cores' } },
      QuotaExceededError,
    ],
    [404, { itemNotFound: { code: 404, message: 'Instance x could not be found.' } }, NotFoundError],
    [409, { conflictingRequest: { code: 409, message: "Key pair 'k' already exists." } }, AlreadyExistsError],
    [
      409,
      { NeutronError: { type: 'SecurityGroupRuleExists', message: 'Security group rule already exists. Rule id is r.', detail: '' } },
      AlreadyExistsError,
    ],
    [409, { conflictingRequest: { code: 409, message: "Cannot 'delete' instance x while it is in task_state deleting" } }, BadRequestError],
    [409, { NeutronError: { type: 'OverQuota', message: 'Quota exceeded for resources: floatingip.', detail: '' } }, QuotaExceededError],
    [413, { overLimit: { code: 413, message: 'Quota exceeded for instances.' } }, QuotaExceededError],
    [429, { overLimit: { code: 429, message: 'Rate limited' } }, RateLimitError],
    [503, { serviceUnavailable: { code: 503, message: 'down' } }, ServiceUnavailableError],
  ])('%i %j', (status, body, cls) => {
    const err = mapOpenStackError(ctx(status, body));
    expect(err).toBeInstanceOf(cls);
    expect(err.status).toBe(status);
    expect(err.requestId).toBe('req-1234');
    expect(err.message).toContain('(request id req-1234)');
  });

  it('keeps provider code and message and names the action', () => {
    const err = mapOpenStackError(
      ctx(404, { itemNotFound: { code: 404, message: 'Instance x could not be found.' } }, { errorContext: { action: 'GetServer' } }),
    );
    expect(err.providerCode).toBe('itemNotFound');
    expect(err.providerMessage).toBe('Instance x could not be found.');
    expect(err.message).toBe(
      'openstack: GetServer (GET https://nova.example/v2.1/servers/x) failed with HTTP 404 itemNotFound: Instance x could not be found. (request id req-1234)',
    );
  });

  it('turns a 413 with Retry-After into a RateLimitError', () => {
    const err = mapOpenStackError(
      ctx(413, { overLimit: { code: 413, message: 'This request was rate-limited.' } }, { retryAfterMs: 3000 }),
    );
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(3000);
  });

  it('marks 5xx retryable and 4xx not', () => {
    const e500 = mapOpenStackError(ctx(500, { computeFault: { code: 500, message: 'Unexpected API Error.' } }));
    expect(e500).toBeInstanceOf(ProviderError);
    expect(e500.retryable).toBe(true);
    expect(e500.providerCode).toBe('computeFault');
    expect(mapOpenStackError(ctx(400, {})).retryable).toBe(false);
  });
});
