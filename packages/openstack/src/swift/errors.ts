import { BadRequestError, ChecksumMismatchError, QuotaExceededError, type ProviderError } from '@cloudmux/core/errors';
import { defaultErrorForStatus, type HttpErrorContext } from '@cloudmux/core/http';

/** Swift's short error reasons per status (its bodies are small HTML or text pages). */
const CODES: Readonly<Record<number, string>> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  411: 'LengthRequired',
  412: 'PreconditionFailed',
  413: 'EntityTooLarge',
  416: 'RequestedRangeNotSatisfiable',
  422: 'UnprocessableEntity',
  499: 'ClientDisconnect',
};

/** The text of a Swift error body: tags stripped, whitespace collapsed, at most 300 characters. */
export function swiftErrorText(body: string): string | undefined {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length === 0 ? undefined : text.slice(0, 300);
}

/**
 * Maps a failed Swift response onto a core error: 401/403 `InvalidCredentialsError`, 404 `NotFoundError`,
 * 409 (non-empty container, conflicting write) and 412 `BadRequestError`, 422 (ETag differs from the body)
 * `ChecksumMismatchError`, 413 (object or quota too large) `QuotaExceededError`, 429/498 `RateLimitError`,
 * 5xx retryable; the request id is `X-Trans-Id` / `X-Openstack-Request-Id`.
 */
export function mapSwiftError(ctx: HttpErrorContext): ProviderError {
  const providerCode = CODES[ctx.status];
  const providerMessage = swiftErrorText(ctx.bodyText);
  const action = ctx.errorContext?.action ?? `${ctx.method} request`;
  const message = `${action} failed: HTTP ${ctx.status}${providerCode ? ` ${providerCode}` : ''}${providerMessage ? `: ${providerMessage}` : ''}${ctx.requestId ? ` (request id ${ctx.requestId})` : ''}`;
  const options = {
    provider: ctx.provider,
    status: ctx.status,
    method: ctx.method,
    url: ctx.url,
    providerCode,
    providerMessage,
    requestId: ctx.requestId,
  };
  switch (ctx.status) {
    case 422:
      return new ChecksumMismatchError(message, { ...options, algorithm: 'md5' });
    case 412:
    case 409:
    case 411:
    case 416:
      return new BadRequestError(message, options);
    case 413:
      return new QuotaExceededError(message, options);
    case 498:
      return defaultErrorForStatus({ ...ctx, status: 429 }, { providerCode: 'RateLimited', providerMessage, message });
    default:
      return defaultErrorForStatus(ctx, { providerCode, providerMessage, message });
  }
}
