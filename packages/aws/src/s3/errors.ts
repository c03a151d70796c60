import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import {
  AlreadyExistsError,
  BadRequestError,
  ChecksumMismatchError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  RateLimitError,
  ServiceUnavailableError,
  type ProviderErrorOptions,
} from '@cloudmux/core/errors';
import { defaultErrorForStatus, type HttpErrorContext } from '@cloudmux/core/http';
import { parseAwsErrorBody } from '../errors.js';
import { parseXml, xmlObject, xmlText } from '../xml/index.js';

/** Which core error an S3 error code becomes. */
type S3ErrorKind = 'credentials' | 'not-found' | 'exists' | 'rate-limit' | 'unavailable' | 'checksum' | 'bad-request' | 'internal';

/** S3 error codes (`<Error><Code>`) mapped onto core errors; others go by HTTP status. */
export const S3_ERROR_CODES: LookupTable<S3ErrorKind> = lookupTable<S3ErrorKind>({
  AccessDenied: 'credentials',
  AllAccessDisabled: 'credentials',
  InvalidAccessKeyId: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  ExpiredToken: 'credentials',
  InvalidToken: 'credentials',
  RequestTimeTooSkewed: 'credentials',
  AccountProblem: 'credentials',
  NoSuchKey: 'not-found',
  NoSuchBucket: 'not-found',
  NoSuchUpload: 'not-found',
  NoSuchVersion: 'not-found',
  NotFound: 'not-found',
  BucketAlreadyExists: 'exists',
  BucketAlreadyOwnedByYou: 'exists',
  SlowDown: 'rate-limit',
  TooManyRequests: 'rate-limit',
  RequestLimitExceeded: 'rate-limit',
  ServiceUnavailable: 'unavailable',
  InternalError: 'internal',
  BadDigest: 'checksum',
  InvalidDigest: 'checksum',
  XAmzContentSHA256Mismatch: 'checksum',
  BucketNotEmpty: 'bad-request',
  InvalidPart: 'bad-request',
  InvalidPartOrder: 'bad-request',
  EntityTooSmall: 'bad-request',
});

/** Codes that mean "this bucket lives in another region". */
const REDIRECT_CODES = new Set(['PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException']);

/** The region a failed response points to (`x-amz-bucket-region` or `<Region>`), when it is a region redirect. */
export function redirectRegion(ctx: Pick<HttpErrorContext, 'status' | 'headers' | 'bodyText'>): string | undefined {
  const header = ctx.headers['x-amz-bucket-region'];
  const fromHeader = typeof header === 'string' ? header : undefined;
  let code: string | undefined;
  let fromBody: string | undefined;
  if (ctx.bodyText.trimStart().startsWith('<')) {
    try {
      const err = xmlObject(parseXml(ctx.bodyText, new Set()).Error);
      code = xmlText(err?.Code);
      fromBody = xmlText(err?.Region);
    } catch {
      // status and header decide
    }
  }
  const isRedirect = ctx.status === 301 || (code !== undefined && REDIRECT_CODES.has(code));
  if (!isRedirect) return undefined;
  const region = fromHeader ?? fromBody;
  return region && /^[a-z0-9-]{1,40}$/.test(region) ? region : undefined;
}

/**
 * Maps a failed S3 response onto a core error: `NoSuchKey`/`NoSuchBucket` → `NotFoundError`,
 * `AccessDenied`/`SignatureDoesNotMatch`/`InvalidAccessKeyId` → `InvalidCredentialsError`,
 * `BucketAlreadyExists`/`BucketAlreadyOwnedByYou` → `AlreadyExistsError`, `SlowDown` and 503 →
 * `RateLimitError`/`ServiceUnavailableError` (retried by the connection), `BadDigest` →
 * `ChecksumMismatchError`, `BucketNotEmpty` → `BadRequestError`. Bodiless answers (HEAD) go by
 * status (404 → `NotFoundError`, 403 → `InvalidCredentialsError`).
 */
export function mapS3Error(ctx: HttpErrorContext): ProviderError {
  const body = parseAwsErrorBody(ctx.bodyText);
  const code = body?.code;
  const requestId = ctx.requestId ?? body?.requestId;
  const action = ctx.errorContext?.action ?? `${ctx.method} request`;
  const what = `${ctx.provider}: ${action} failed with HTTP ${ctx.status}${code ? ` ${code}` : ''}${body?.message ? `: ${body.message}` : ''}${requestId ? ` (request id ${requestId})` : ''}`;
  const options: ProviderErrorOptions = {
    provider: ctx.provider,
    status: ctx.status,
    method: ctx.method,
    url: ctx.url,
    providerCode: code,
    providerMessage: body?.message,
    requestId,
  };
  switch (lookup<S3ErrorKind | undefined>(S3_ERROR_CODES, code, undefined)) {
    case 'credentials':
      return new InvalidCredentialsError(what, options);
    case 'not-found':
      return new NotFoundError(what, options);
    case 'exists':
      return new AlreadyExistsError(what, options);
    case 'rate-limit':
      return new RateLimitError(what, { ...options, retryAfterMs: ctx.retryAfterMs });
    case 'unavailable':
      return new ServiceUnavailableError(what, options);
    case 'internal':
      return new ProviderError(what, { ...options, retryable: true });
    case 'checksum':
      return new ChecksumMismatchError(what, { ...options, algorithm: 'md5' });
    case 'bad-request':
      return new BadRequestError(what, options);
    default:
      if (ctx.status === 403) return new InvalidCredentialsError(what, options);
      if (ctx.status === 503) return new RateLimitError(what, { ...options, retryAfterMs: ctx.retryAfterMs });
      return defaultErrorForStatus({ ...ctx, requestId }, { providerCode: code, providerMessage: body?.message, message: what });
  }
}
