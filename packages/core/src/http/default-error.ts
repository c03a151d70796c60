import {
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  RateLimitError,
  ServiceUnavailableError,
  type ProviderErrorOptions,
} from '../errors/provider-error.js';
import type { HttpErrorContext, HttpHeaders } from './types.js';

/** What a driver's error parser found in an error body, for {@link defaultErrorForStatus}. */
export interface ErrorDetails {
  /** Provider's own error code (`ResourceNotFound`, `AuthFailure`...). */
  providerCode?: string | undefined;
  /** Provider's own error message. */
  providerMessage?: string | undefined;
  /** Full message to use instead of the generated one. */
  message?: string | undefined;
}

/**
 * Parses a `Retry-After` value (delay in seconds, or an HTTP date) into milliseconds from `now`.
 * Returns `undefined` when absent or unparseable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, now: number = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value) as string | undefined;
  if (v === undefined) return undefined;
  const s = v.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (!/[A-Za-z]/.test(s)) return undefined;
  const date = Date.parse(s);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** First of `names` present in `headers`, as a string. */
export function headerValue(headers: HttpHeaders, names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = headers[name];
    if (v === undefined) continue;
    return Array.isArray(v) ? v[0] : (v as string);
  }
  return undefined;
}

/**
 * Provider error codes that mean "throttled" whatever the HTTP status they come with (AWS-style APIs send
 * several with 400, Google-style ones with 403): {@link defaultErrorForStatus} maps them to `RateLimitError`.
 */
const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'TooManyRequests',
  'TooManyRequestsException',
  'SlowDown',
  'RateLimitExceeded',
  'rateLimitExceeded',
  'userRateLimitExceeded',
]);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

/**
 * Best-effort code and message from a generic JSON error body:
 * `{ code, message }`, `{ error: { code, message } }`, `{ error: "..." , error_description }`, `{ errors: [{...}] }`.
 */
export function genericErrorDetails(bodyText: string): ErrorDetails {
  const t = bodyText.trimStart();
  if (!t.startsWith('{')) return {};
  let body: unknown;
  try {
    body = JSON.parse(t);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  let o = body as Record<string, unknown>;
  if (Array.isArray(o.errors) && typeof o.errors[0] === 'object' && o.errors[0] !== null) o = o.errors[0] as Record<string, unknown>;
  const err = o.error;
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>;
    return { providerCode: str(e.code) ?? str(e.type), providerMessage: str(e.message) };
  }
  return {
    providerCode: str(o.code) ?? str(err),
    providerMessage: str(o.message) ?? str(o.error_description) ?? str(o.detail),
  };
}

/**
 * Maps a failed response onto a core error by status: 400/409/422 → BadRequestError, 401/403 →
 * InvalidCredentialsError, 404/410 → NotFoundError, 429/420 → RateLimitError (with `retryAfterMs`),
 * 503 → ServiceUnavailableError, other 5xx and 408 → retryable ProviderError, anything else → ProviderError.
 * A throttling provider code (`Throttling`, `RequestLimitExceeded`, `TooManyRequests`, `SlowDown`…) gives a
 * RateLimitError whatever the status, which the connection retries.
 * Without `details`, a generic JSON error body (`{code, message}`, `{error: {...}}`) is read for them.
 */
export function defaultErrorForStatus(context: HttpErrorContext, details?: ErrorDetails): ProviderError {
  const d = details ?? genericErrorDetails(context.bodyText);
  const { status } = context;
  const what = d.providerCode ? `HTTP ${status} ${d.providerCode}` : `HTTP ${status}`;
  const message =
    d.message ??
    `${context.provider}: ${context.method} ${context.url} failed with ${what}` +
      (d.providerMessage ? `: ${d.providerMessage}` : '') +
      (context.requestId ? ` (request id ${context.requestId})` : '');
  const options: ProviderErrorOptions = {
    provider: context.provider,
    status,
    method: context.method,
    url: context.url,
    providerCode: d.providerCode,
    providerMessage: d.providerMessage,
    requestId: context.requestId,
  };
  if (d.providerCode !== undefined && THROTTLING_CODES.has(d.providerCode))
    return new RateLimitError(message, { ...options, retryAfterMs: context.retryAfterMs });
  switch (status) {
    case 400:
    case 409:
    case 422:
      return new BadRequestError(message, options);
    case 401:
    case 403:
      return new InvalidCredentialsError(message, options);
    case 404:
    case 410:
      return new NotFoundError(message, options);
    case 420:
    case 429:
      return new RateLimitError(message, { ...options, retryAfterMs: context.retryAfterMs });
    case 503:
      return new ServiceUnavailableError(message, options);
    default:
      return new ProviderError(message, { ...options, retryable: status >= 500 || status === 408 });
  }
}
