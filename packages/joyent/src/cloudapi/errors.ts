import {
  AlreadyExistsError,
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  type ProviderError,
  type ProviderErrorOptions,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { defaultErrorForStatus, type HttpErrorContext } from '@cloudmux/core/http';
import type { WireError } from './wire.js';

type ErrorClass = new (message: string, options: ProviderErrorOptions) => ProviderError;

/**
 * CloudAPI (restify) error codes → core error classes. Codes not listed fall back to the HTTP
 * status mapping of core's `defaultErrorForStatus`. A frozen, null-prototype {@link LookupTable}:
 * a code such as `constructor` or `__proto__` is simply not listed.
 */
export const CLOUDAPI_ERROR_CLASSES: LookupTable<ErrorClass> = lookupTable<ErrorClass>({
  ResourceNotFound: NotFoundError,
  InvalidCredentials: InvalidCredentialsError,
  NotAuthorized: InvalidCredentialsError,
  InvalidHeader: InvalidCredentialsError,
  BadRequest: BadRequestError,
  InvalidArgument: BadRequestError,
  MissingParameter: BadRequestError,
  InvalidState: BadRequestError,
  InvalidVersion: BadRequestError,
  WrongAccept: BadRequestError,
  BadMethod: BadRequestError,
  CannotDestroyMachine: BadRequestError,
  CannotDestroyMachineError: BadRequestError,
  VolumeInUse: BadRequestError,
  VolumeSizeNotAvailable: BadRequestError,
  VolumeAlreadyExists: AlreadyExistsError,
  ResourceAlreadyExists: AlreadyExistsError,
  QuotaExceeded: QuotaExceededError,
  InsufficientCapacity: ServiceUnavailableError,
  ServiceUnavailable: ServiceUnavailableError,
});

/** Parses a `{code, message}` body; `undefined` when the body is not one. */
export function parseErrorBody(text: string): WireError | undefined {
  if (!text || text[0] !== '{') return undefined;
  try {
    const body = JSON.parse(text) as unknown;
    return body && typeof body === 'object' ? (body as WireError) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps a failed CloudAPI response onto a core error carrying the request id, the CloudAPI code
 * and message. 429 and 420 ("Slow Down") are throttling: `RateLimitError` with `Retry-After`.
 */
export function mapCloudApiError(ctx: HttpErrorContext): ProviderError {
  const body = parseErrorBody(ctx.bodyText);
  const providerCode = typeof body?.code === 'string' ? body.code : undefined;
  const providerMessage = typeof body?.message === 'string' ? body.message : undefined;
  const action = ctx.errorContext?.action;
  const what = `CloudAPI ${action ? `${action} (${ctx.method} ${ctx.url})` : `${ctx.method} ${ctx.url}`} failed with ${ctx.status}${providerCode ? ` ${providerCode}` : ''}${providerMessage ? `: ${providerMessage}` : ''}${ctx.requestId ? ` (request id ${ctx.requestId})` : ''}`;
  const options: ProviderErrorOptions = {
    provider: ctx.provider,
    status: ctx.status,
    method: ctx.method,
    url: ctx.url,
    providerCode,
    providerMessage,
    requestId: ctx.requestId,
  };
  if (ctx.status === 429 || ctx.status === 420 || providerCode === 'RequestThrottled' || providerCode === 'TooManyRequests') {
    return new RateLimitError(what, { ...options, retryAfterMs: ctx.retryAfterMs });
  }
  const cls = lookup<ErrorClass | undefined>(CLOUDAPI_ERROR_CLASSES, providerCode, undefined);
  if (cls) return new cls(what, options);
  return defaultErrorForStatus(ctx, { providerCode, providerMessage, message: what });
}
