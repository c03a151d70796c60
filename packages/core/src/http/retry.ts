import { InvalidArgumentError, type CloudError } from '../errors/cloud-error.js';
import { RateLimitError, type ProviderError } from '../errors/provider-error.js';
import { MAX_DURATION_MS, requireDuration } from '../common/validate.js';
import type { HttpMethod, RequestErrorContext, RetryPolicy } from './types.js';

/** Default whole-call deadline floor: {@link defaultDeadlineMs}. */
const MIN_DEFAULT_DEADLINE_MS = 60_000;

/** The default retry policy. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  limit: 3,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxTotalMs: 120_000,
  statusCodes: Object.freeze([408, 429, 500, 502, 503, 504]),
  maxRetryAfterMs: 60_000,
});

/** A policy that never retries. */
export const NO_RETRY: Readonly<RetryPolicy> = Object.freeze({ ...DEFAULT_RETRY_POLICY, limit: 0 });

/** What each retry policy number accepts: [min, max, whole number]. */
const POLICY_NUMBERS: Readonly<Record<string, readonly [number, number, boolean]>> = Object.freeze({
  limit: [0, Number.MAX_SAFE_INTEGER, true],
  baseDelayMs: [0, MAX_DURATION_MS, false],
  maxDelayMs: [0, MAX_DURATION_MS, false],
  maxTotalMs: [0, Infinity, false],
  maxRetryAfterMs: [0, MAX_DURATION_MS, false],
});
const POLICY_KEYS: readonly string[] = [...Object.keys(POLICY_NUMBERS), 'statusCodes', 'deadlineMs'];

function show(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined
      ? String(value)
      : typeof value;
}

function prefix(provider: string | undefined): string {
  return provider ? `${provider}: ` : '';
}

/**
 * Checks a duration option with core's {@link requireDuration}: a finite number of ms from 1 to
 * {@link MAX_DURATION_MS} (Node's timer limit), or also `Infinity` when `allowInfinity`.
 */
export function checkDurationMs(name: string, value: unknown, provider?: string, allowInfinity = false): number {
  return requireDuration(value, name, { method: provider ?? 'connection', provider, allowInfinity });
}

/** The whole-call deadline used when none is set: the larger of 60 s and twice the per-attempt timeout. */
export function defaultDeadlineMs(timeoutMs: number): number {
  return Math.max(MIN_DEFAULT_DEADLINE_MS, 2 * timeoutMs);
}

/**
 * Fills a partial policy with defaults; `false` means no retries. Every number is checked (`InvalidArgumentError`
 * naming `retry.<key>` and the valid range), and so are unknown keys. `deadlineMs` stays `undefined` unless given
 * (the connection derives it from its timeout).
 */
export function resolveRetryPolicy(retry: Partial<RetryPolicy> | false | undefined, provider?: string): Readonly<RetryPolicy> {
  if (retry === false) return NO_RETRY;
  if (retry === undefined) return DEFAULT_RETRY_POLICY;
  if (typeof retry !== 'object' || retry === null || Array.isArray(retry)) {
    throw new InvalidArgumentError(`${prefix(provider)}retry must be an object of policy overrides or false, got ${show(retry)}`, {
      provider,
    });
  }
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  for (const [key, value] of Object.entries(retry)) {
    if (!POLICY_KEYS.includes(key)) {
      throw new InvalidArgumentError(
        `${prefix(provider)}retry.${key} is not a retry policy option; valid ones: ${POLICY_KEYS.join(', ')}`,
        { provider },
      );
    }
    if (value === undefined) continue;
    if (key === 'deadlineMs') {
      policy.deadlineMs = checkDurationMs('retry.deadlineMs', value, provider, true);
    } else if (key === 'statusCodes') {
      if (!Array.isArray(value) || !value.every((c) => Number.isInteger(c) && c >= 100 && c <= 599)) {
        throw new InvalidArgumentError(
          `${prefix(provider)}retry.statusCodes must be an array of HTTP status codes (100-599), got ${JSON.stringify(value)}`,
          { provider },
        );
      }
      policy.statusCodes = Object.freeze([...(value as number[])]);
    } else {
      const [min, max, whole] = POLICY_NUMBERS[key] as readonly [number, number, boolean];
      if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
        const range = max === Infinity ? `>= ${min} (Infinity allowed)` : `from ${min} to ${max}`;
        throw new InvalidArgumentError(
          `${prefix(provider)}retry.${key} must be ${whole ? 'a whole number' : 'a number of milliseconds'} ${range}, got ${show(value)}`,
          { provider },
        );
      }
      (policy as unknown as Record<string, number>)[key] = value;
    }
  }
  return Object.freeze(policy);
}

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Whether a request may be repeated: the explicit flag, else true for GET/HEAD/PUT/DELETE/OPTIONS. */
export function isIdempotent(method: HttpMethod, flag: boolean | undefined): boolean {
  return flag ?? IDEMPOTENT_METHODS.has(method);
}

/** Full-jitter exponential backoff before retry number `retry` (1-based): random in [0, min(max, base·2^(retry-1))]. */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  retry: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Network error codes worth retrying on an idempotent request. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

/** Codes that mean the request never reached the server, so even a non-idempotent request can be repeated. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** Classification of a transport failure. */
export interface NetworkFailure {
  /** Error code (`ECONNRESET`, `ETIMEDOUT`...), or `undefined`. */
  code: string | undefined;
  /** Retrying an idempotent request may succeed. */
  retryable: boolean;
  /** The request certainly never reached the server. */
  notSent: boolean;
  /** The per-attempt timeout fired; `phase` says where. */
  timeout: boolean;
  /** got's timeout phase (`request`, `connect`, `response`...). */
  phase: string | undefined;
}

/** Classifies an error thrown by got (or Node) for an attempt. */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const e = err as { code?: unknown; name?: unknown; message?: unknown; event?: unknown; cause?: unknown };
  let code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : '';
  const timeout = e?.name === 'TimeoutError' && code === 'ETIMEDOUT';
  const phase = timeout && typeof e.event === 'string' ? e.event : undefined;
  if (
    (code === undefined || code === 'ERR_GOT_REQUEST_ERROR' || code === 'ERR_READING_RESPONSE_STREAM') &&
    typeof e?.cause === 'object' &&
    e.cause !== null
  ) {
    const inner = (e.cause as { code?: unknown }).code;
    if (typeof inner === 'string') code = inner;
  }
  const hangUp = /socket hang up|premature close|aborted|other side closed/i.test(message);
  const retryable = (code !== undefined && RETRYABLE_CODES.has(code)) || hangUp || code === 'ERR_READING_RESPONSE_STREAM';
  const notSent =
    (code !== undefined && NOT_SENT_CODES.has(code)) ||
    (timeout && (phase === 'lookup' || phase === 'connect' || phase === 'secureConnect'));
  return { code, retryable: retryable || timeout, notSent, timeout, phase };
}

/**
 * The connection's own retry decision for an answered attempt: an idempotent request is retried on a status
 * in `statusCodes`, on a `RateLimitError` whatever its status (providers throttle with 400, 503…), and on an
 * error its mapper marked `retryable` below HTTP 500 (a provider code meaning "transient"). 5xx follow
 * `statusCodes`, so narrowing it narrows them.
 */
export function retryableResponse(
  policy: Pick<RetryPolicy, 'statusCodes'>,
  status: number,
  error: ProviderError,
  idempotent: boolean,
): boolean {
  if (!idempotent) return false;
  return policy.statusCodes.includes(status) || error instanceof RateLimitError || (error.retryable && status < 500);
}

/**
 * Whether an answered attempt leaves open that the provider acted on it: a 5xx other than throttling
 * (an error from an intermediary or from the service after it started the work).
 */
export function uncertainResponse(status: number, error: ProviderError): boolean {
  return status >= 500 && !(error instanceof RateLimitError);
}

/**
 * Sets the outcome fields of a call's final error and says so in its message (and stack): `clientToken`
 * from the request's error context, and `mayHaveSucceeded` with what to check when the call is a write
 * whose effect is unknown. Returns the same error.
 */
export function annotateOutcome<E extends CloudError>(error: E, mayHaveSucceeded: boolean, context: RequestErrorContext | undefined): E {
  const token = context?.clientToken;
  const fields = error as unknown as { mayHaveSucceeded: boolean; clientToken: string | undefined };
  let suffix = '';
  if (mayHaveSucceeded && !error.mayHaveSucceeded) {
    fields.mayHaveSucceeded = true;
    suffix += '; the provider may have carried out the request before it failed, so the resource may exist: ';
    suffix +=
      context?.checkHint ??
      (token !== undefined
        ? `repeat the call with the same client token "${token}" to get its result without creating anything twice`
        : 'check before repeating the call');
  } else if (token !== undefined && error.clientToken === undefined && error.mayHaveSucceeded === false) {
    suffix += `; client token "${token}"`;
  }
  if (token !== undefined && error.clientToken === undefined) fields.clientToken = token;
  if (suffix !== '') appendToMessage(error, suffix);
  return error;
}

/** Appends to an error's message, and to the message line of its stack. */
export function appendToMessage(error: Error, suffix: string): void {
  const before = error.message;
  const stack = error.stack;
  error.message = before + suffix;
  if (typeof stack === 'string') {
    const at = stack.indexOf(before);
    if (at >= 0) error.stack = stack.slice(0, at) + error.message + stack.slice(at + before.length);
  }
}
