import {
  AlreadyExistsError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  type ProviderErrorOptions,
} from '@cloudmux/core/errors';
import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { defaultErrorForStatus, type HttpErrorContext } from '@cloudmux/core/http';
import { parseXml, xmlObject, xmlText } from './xml/index.js';

/** An AWS error body's fields. */
export interface AwsErrorBody {
  /** Error code (`InvalidInstanceID.NotFound`). */
  code: string | undefined;
  /** Error message. */
  message: string | undefined;
  /** Request id from the body (`RequestID`/`RequestId`). */
  requestId: string | undefined;
}

/** Which core error an AWS error code becomes. */
export type AwsErrorKind = 'credentials' | 'not-found' | 'exists' | 'rate-limit' | 'quota' | 'unavailable' | 'internal' | 'status';

/**
 * Codes mapped one by one; anything not here goes through {@link AWS_ERROR_PATTERNS}, then the HTTP
 * status. A frozen, null-prototype {@link LookupTable}: a code such as `constructor` is simply not listed.
 */
export const AWS_ERROR_CODES: LookupTable<AwsErrorKind> = lookupTable<AwsErrorKind>({
  AuthFailure: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  InvalidClientTokenId: 'credentials',
  UnrecognizedClientException: 'credentials',
  IncompleteSignature: 'credentials',
  MissingAuthenticationToken: 'credentials',
  RequestExpired: 'credentials',
  ExpiredToken: 'credentials',
  InvalidToken: 'credentials',
  UnauthorizedOperation: 'credentials',
  OptInRequired: 'credentials',
  Blocked: 'credentials',
  RequestLimitExceeded: 'rate-limit',
  Throttling: 'rate-limit',
  ThrottlingException: 'rate-limit',
  RequestThrottled: 'rate-limit',
  TooManyRequestsException: 'rate-limit',
  SlowDown: 'rate-limit',
  InsufficientFreeAddressesInSubnet: 'quota',
  MaxSpotInstanceCountExceeded: 'quota',
  Unavailable: 'unavailable',
  ServiceUnavailable: 'unavailable',
  InternalError: 'internal',
  InternalFailure: 'internal',
});

/** Suffix/prefix rules, checked in order after {@link AWS_ERROR_CODES}. */
export const AWS_ERROR_PATTERNS: readonly (readonly [RegExp, AwsErrorKind])[] = Object.freeze([
  [/^AuthFailure\./, 'credentials'],
  [/\.NotFound$/, 'not-found'],
  // A malformed id (`InvalidInstanceID.Malformed`) names a resource that cannot exist: treat like a missing one.
  [/^Invalid[A-Za-z]*ID\.Malformed$/, 'not-found'],
  [/^InvalidAMIID\.Unavailable$/, 'not-found'],
  [/\.Duplicate$/, 'exists'],
  [/LimitExceeded$/, 'quota'],
  [/^Insufficient[A-Za-z]*Capacity$/, 'unavailable'],
] as const);

/** Which kind of core error `code` maps to (`status` = decide by HTTP status). */
export function classifyAwsErrorCode(code: string | undefined): AwsErrorKind {
  if (code === undefined) return 'status';
  const exact = lookup<AwsErrorKind | undefined>(AWS_ERROR_CODES, code, undefined);
  if (exact !== undefined) return exact;
  for (const [pattern, kind] of AWS_ERROR_PATTERNS) if (pattern.test(code)) return kind;
  return 'status';
}

/**
 * Reads an AWS XML error body: EC2's `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`
 * or the `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>` / S3 `<Error>` forms. `undefined` if it is neither.
 */
export function parseAwsErrorBody(text: string): AwsErrorBody | undefined {
  if (!text.trimStart().startsWith('<')) return undefined;
  let doc;
  try {
    doc = parseXml(text, new Set(['Error']));
  } catch {
    return undefined;
  }
  const root = xmlObject(doc.Response) ?? xmlObject(doc.ErrorResponse) ?? (doc.Error !== undefined ? doc : undefined);
  if (root === undefined) return undefined;
  const errors = xmlObject(root.Errors) ?? root;
  const list = errors.Error;
  const first = xmlObject(Array.isArray(list) ? list[0] : list);
  if (first === undefined) return undefined;
  return {
    code: xmlText(first.Code),
    message: xmlText(first.Message),
    requestId: xmlText(root.RequestID) ?? xmlText(root.RequestId) ?? xmlText(first.RequestId),
  };
}

/**
 * Maps a failed AWS response onto a core error: credentials problems → `InvalidCredentialsError`,
 * `*.NotFound`/malformed ids → `NotFoundError`, `*.Duplicate` → `AlreadyExistsError`, throttling →
 * `RateLimitError`, `*LimitExceeded` → `QuotaExceededError`, insufficient capacity / unavailable →
 * `ServiceUnavailableError`, internal errors → retryable `ProviderError`, anything else by HTTP status.
 * Throttling codes (`RequestLimitExceeded`, `Throttling`, `ThrottlingException`, `TooManyRequestsException`,
 * `SlowDown`, `RequestThrottled`) become `RateLimitError` whatever the status (EC2 sends 503, Route 53/ELB 400),
 * which the core connection retries. `what` (default: the request's `errorContext.action`, e.g. the EC2
 * action name) prefixes the message.
 */
export function mapAwsError(context: HttpErrorContext, what?: string): ProviderError {
  const body = parseAwsErrorBody(context.bodyText);
  const requestId = context.requestId ?? body?.requestId;
  const ctx = requestId === context.requestId ? context : { ...context, requestId };
  const code = body?.code;
  const where = what ?? context.errorContext?.action ?? `${context.method} ${context.url}`;
  const message =
    `${context.provider}: ${where} failed with HTTP ${context.status}${code ? ` ${code}` : ''}` +
    (body?.message ? `: ${body.message}` : '') +
    (requestId ? ` (request id ${requestId})` : '');
  const options: ProviderErrorOptions = {
    provider: context.provider,
    status: context.status,
    method: context.method,
    url: context.url,
    providerCode: code,
    providerMessage: body?.message,
    requestId,
  };
  switch (classifyAwsErrorCode(code)) {
    case 'credentials':
      return new InvalidCredentialsError(message, options);
    case 'not-found':
      return new NotFoundError(message, options);
    case 'exists':
      return new AlreadyExistsError(message, options);
    case 'rate-limit':
      return new RateLimitError(message, { ...options, retryAfterMs: context.retryAfterMs });
    case 'quota':
      return new QuotaExceededError(message, options);
    case 'unavailable':
      return new ServiceUnavailableError(message, options);
    case 'internal':
      return new ProviderError(message, { ...options, retryable: true });
    default:
      return defaultErrorForStatus(ctx, { providerCode: code, providerMessage: body?.message, message });
  }
}
