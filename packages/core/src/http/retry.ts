import type { HttpMethod, RetryPolicy } from './types.js';

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

/** Fills a partial policy with defaults; `false` means no retries. */
export function resolveRetryPolicy(retry: Partial<RetryPolicy> | false | undefined): Readonly<RetryPolicy> {
  if (retry === false) return NO_RETRY;
  if (retry === undefined) return DEFAULT_RETRY_POLICY;
  const policy = { ...DEFAULT_RETRY_POLICY };
  for (const [key, value] of Object.entries(retry) as [keyof RetryPolicy, unknown][]) {
    if (value !== undefined) (policy as Record<string, unknown>)[key] = value;
  }
  return Object.freeze(policy);
}

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Whether a request may be repeated: the explicit flag, else true for GET/HEAD/PUT/DELETE/OPTIONS. */
export function isIdempotent(method: HttpMethod, flag: boolean | undefined): boolean {
  return flag ?? IDEMPOTENT_METHODS.has(method);
}

/** Full-jitter exponential backoff before retry number `retry` (1-based): random in [0, min(max, base·2^(retry-1))]. */
export function backoffDelay(policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, retry: number, random: () => number = Math.random): number {
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
  if ((code === undefined || code === 'ERR_GOT_REQUEST_ERROR' || code === 'ERR_READING_RESPONSE_STREAM') && typeof e?.cause === 'object' && e.cause !== null) {
    const inner = (e.cause as { code?: unknown }).code;
    if (typeof inner === 'string') code = inner;
  }
  const hangUp = /socket hang up|premature close|aborted|other side closed/i.test(message);
  const retryable = (code !== undefined && RETRYABLE_CODES.has(code)) || hangUp || code === 'ERR_READING_RESPONSE_STREAM';
  const notSent =
    (code !== undefined && NOT_SENT_CODES.has(code)) || (timeout && (phase === 'lookup' || phase === 'connect' || phase === 'secureConnect'));
  return { code, retryable: retryable || timeout, notSent, timeout, phase };
}
