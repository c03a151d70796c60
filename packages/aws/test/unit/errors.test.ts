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
import { classifyAwsErrorCode, mapAwsError, parseAwsErrorBody } from '../../src/errors.js';

const ec2Error = (code: string, message = 'msg', requestId = 'req-1') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;

function ctx(status: number, bodyText: string, extra: Partial<HttpErrorContext> = {}): HttpErrorContext {
  return {
    provider: 'ec2',
    status,
    headers: {},
    bodyText,
    method: 'POST',
    url: 'https://ec2.us-east-1.amazonaws.com/',
    requestId: undefined,
    retryAfterMs: undefined,
    ...extra,
  };
}

describe('parseAwsErrorBody', () => {
  it('reads EC2 <Response><Errors> bodies', () => {
    expect(parseAwsErrorBody(ec2Error('InvalidInstanceID.NotFound', "The instance ID 'i-1' does not exist", 'ea966190'))).toEqual({
      code: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-1' does not exist",
      requestId: 'ea966190',
    });
  });
  it('reads <ErrorResponse> (IAM/STS/ELB) and S3 <Error> bodies', () => {
    expect(
      parseAwsErrorBody(
        '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r2</RequestId></ErrorResponse>',
      ),
    ).toEqual({
      code: 'Throttling',
      message: 'Rate exceeded',
      requestId: 'r2',
    });
    expect(parseAwsErrorBody('<Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>r3</RequestId></Error>')).toEqual({
      code: 'NoSuchKey',
      message: 'gone',
      requestId: 'r3',
    });
  });
  it('returns undefined for non-XML or unrelated XML', () => {
    expect(parseAwsErrorBody('<html><body>Bad gateway</body></html>')).toBeUndefined();
    expect(parseAwsErrorBody('{"message":"x"}')).toBeUndefined();
    expect(parseAwsErrorBody('<Response><Errors><Error>')).toBeUndefined();
  });
});

describe('mapAwsError', () => {
  it.each([
    [401, 'AuthFailure', InvalidCredentialsError],
    [403, 'SignatureDoesNotMatch', InvalidCredentialsError],
    [403, 'InvalidClientTokenId', InvalidCredentialsError],
    [403, 'UnauthorizedOperation', InvalidCredentialsError],
    [400, 'RequestExpired', InvalidCredentialsError],
    [400, 'InvalidInstanceID.NotFound', NotFoundError],
    [400, 'InvalidAMIID.NotFound', NotFoundError],
    [400, 'InvalidVolume.NotFound', NotFoundError],
    [400, 'InvalidInstanceID.Malformed', NotFoundError],
    [400, 'InvalidKeyPair.Duplicate', AlreadyExistsError],
    [400, 'InvalidGroup.Duplicate', AlreadyExistsError],
    [503, 'RequestLimitExceeded', RateLimitError],
    [400, 'Throttling', RateLimitError],
    [400, 'InstanceLimitExceeded', QuotaExceededError],
    [400, 'AddressLimitExceeded', QuotaExceededError],
    [500, 'InsufficientInstanceCapacity', ServiceUnavailableError],
    [503, 'Unavailable', ServiceUnavailableError],
    [400, 'InvalidParameterValue', BadRequestError],
    [400, 'IncorrectInstanceState', BadRequestError],
  ])('HTTP %i %s → %p', (status, code, cls) => {
    const err = mapAwsError(ctx(status, ec2Error(code)), 'DescribeInstances');
    expect(err).toBeInstanceOf(cls);
    expect(err.providerCode).toBe(code);
    expect(err.requestId).toBe('req-1');
    expect(err.message).toBe(`ec2: DescribeInstances failed with HTTP ${status} ${code}: msg (request id req-1)`);
  });

  it('makes InternalError retryable and keeps Retry-After on throttling', () => {
    const internal = mapAwsError(ctx(500, ec2Error('InternalError')));
    expect(internal).toBeInstanceOf(ProviderError);
    expect(internal.retryable).toBe(true);
    const limited = mapAwsError(ctx(503, ec2Error('RequestLimitExceeded'), { retryAfterMs: 2000 }));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(2000);
  });

  it('falls back to the HTTP status for unknown codes and non-XML bodies, preferring the header request id', () => {
    const err = mapAwsError(ctx(404, '<html>nope</html>', { requestId: 'hdr-1' }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.requestId).toBe('hdr-1');
    expect(err.message).toBe('ec2: POST https://ec2.us-east-1.amazonaws.com/ failed with HTTP 404 (request id hdr-1)');
    expect(mapAwsError(ctx(409, ec2Error('SomethingNew')))).toBeInstanceOf(BadRequestError);
    expect(mapAwsError(ctx(502, ''))).toMatchObject({ retryable: true, status: 502 });
  });

  it('classifies codes from the data tables', () => {
    expect(classifyAwsErrorCode(undefined)).toBe('status');
    expect(classifyAwsErrorCode('AuthFailure.ServiceLinkedRoleCreationNotPermitted')).toBe('credentials');
    expect(classifyAwsErrorCode('VcpuLimitExceeded')).toBe('quota');
    expect(classifyAwsErrorCode('InsufficientHostCapacity')).toBe('unavailable');
  });
});

describe('mapAwsError with the request error context (issue #9)', () => {
  it('names the action from errorContext, without any ambient state', () => {
    const err = mapAwsError(ctx(400, ec2Error('InvalidParameterValue', 'bad'), { errorContext: { action: 'RunInstances' } }));
    expect(err.message).toMatch(/^ec2: RunInstances failed with HTTP 400 InvalidParameterValue: bad/);
    expect(mapAwsError(ctx(400, ec2Error('X')), 'Explicit').message).toMatch(/^ec2: Explicit failed/);
  });

  it.each(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown', 'RequestThrottled'])(
    'maps %s sent with HTTP 400 to a retryable RateLimitError',
    (code) => {
      const err = mapAwsError(ctx(400, ec2Error(code)));
      expect(err).toBeInstanceOf(RateLimitError);
      expect(err).toMatchObject({ status: 400, retryable: true, providerCode: code });
    },
  );
});
