import type { Readable } from 'node:stream';
import type { CloudError } from '../errors/cloud-error.js';
import type { ProviderError } from '../errors/provider-error.js';

/** HTTP methods the connection layer sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

/** Query values; arrays repeat the key, `undefined` is skipped. */
export type QueryValue = string | number | boolean | undefined | readonly string[];

/** One request through a {@link Connection}. */
export interface HttpRequest {
  /** Method. */
  method: HttpMethod;
  /** Path relative to the connection's base URL (leading `/` allowed). */
  path: string;
  /** Query parameters. */
  query?: Readonly<Record<string, QueryValue>> | undefined;
  /** Extra headers (lower-case names recommended). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Body serialized as JSON (sets `content-type: application/json`). */
  json?: unknown;
  /** Raw body. */
  body?: string | Buffer | Readable | undefined;
  /** How to read the response body (default `json`). `stream` resolves once headers arrive. */
  responseType?: 'json' | 'text' | 'buffer' | 'stream' | undefined;
  /** Whether repeating the request is safe; default true for GET/HEAD/PUT/DELETE/OPTIONS. */
  idempotent?: boolean | undefined;
  /** Non-2xx statuses to return instead of throwing (e.g. `[410]`). */
  acceptStatus?: readonly number[] | undefined;
  /** Per-attempt timeout overriding the connection's (1 to 2147483647 ms). */
  timeoutMs?: number | undefined;
  /** Whole-call deadline overriding the connection's {@link RetryPolicy.deadlineMs} (> 0 ms, `Infinity` for none). */
  deadlineMs?: number | undefined;
  /** Aborts the request (and its retries). */
  signal?: AbortSignal | undefined;
  /**
   * Decides whether a failed attempt is retried, replacing the connection's own decision (which it is given
   * as `retryByDefault`). The policy's bounds (attempts, deadline, `maxRetryAfterMs`) still apply. Typical use:
   * `(err, d) => d.retryByDefault || err instanceof RateLimitError` for a write the provider refuses before
   * running it when throttled.
   */
  retryable?: RetryPredicate | undefined;
  /** What errors of this request should say: the operation's name, how to check an uncertain create, its idempotency token. */
  errorContext?: RequestErrorContext | undefined;
}

/** Names a request in errors, and tells the caller what to do when a create may have succeeded. */
export interface RequestErrorContext {
  /** Operation name (`RunInstances`, `CreateMachine`), shown in network, timeout and mapped error messages. */
  action?: string | undefined;
  /**
   * How to find out whether the call took effect, appended to the message of an error with
   * `mayHaveSucceeded` (e.g. `look for a machine named "web-1" with listNodes({ ex: { name: "web-1" } })`).
   */
  checkHint?: string | undefined;
  /** Idempotency token the request carries (EC2 `ClientToken`): copied onto every error as `clientToken`. */
  clientToken?: string | undefined;
}

/** What a {@link RetryPredicate} is told about a failed attempt. */
export interface RetryDecision {
  /** 1-based number of the attempt that failed. */
  attempt: number;
  /** Whether the connection itself would retry (status list, mapped error, idempotency, network failure kind). */
  retryByDefault: boolean;
  /** Whether the request counts as idempotent. */
  idempotent: boolean;
  /** The request certainly never reached the server (connection refused, DNS failure, connect timeout). */
  notSent: boolean;
}

/** Per-request retry classification: `true` to retry the failed attempt (within the policy's bounds). */
export type RetryPredicate = (error: CloudError, decision: RetryDecision) => boolean;

/** Response headers, lower-case names. */
export type HttpHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A response from a {@link Connection}. */
export interface HttpResponse<T> {
  /** Status code. */
  status: number;
  /** Headers. */
  headers: HttpHeaders;
  /** Parsed body (`undefined` for an empty JSON body). */
  body: T;
  /** Provider request id from the configured headers, if any. */
  requestId: string | undefined;
  /** Number of attempts made (1 = no retry). */
  attempts: number;
}

/** The request as a signer sees it; the signer adds or changes headers in place. */
export interface SignableRequest {
  /** Upper-case method. */
  method: string;
  /** Full URL including query. */
  url: URL;
  /** Headers (lower-case names), mutable. */
  headers: Record<string, string>;
  /** Body bytes, if the body is not a stream. */
  body: Buffer | undefined;
}

/** Signs a request before each attempt (a fresh date per attempt). */
export type RequestSigner = (request: SignableRequest) => void | Promise<void>;

/** What an error mapper receives about a failed response. */
export interface HttpErrorContext {
  /** Provider id. */
  provider: string;
  /** Status code. */
  status: number;
  /** Response headers. */
  headers: HttpHeaders;
  /** Body text (first 64 KiB). */
  bodyText: string;
  /** Request method. */
  method: string;
  /** Redacted request URL. */
  url: string;
  /** Request id, if any. */
  requestId: string | undefined;
  /** Parsed `Retry-After`, in ms. */
  retryAfterMs: number | undefined;
  /** The request's {@link HttpRequest.errorContext} (e.g. `action` to name the operation in the message). */
  errorContext?: RequestErrorContext | undefined;
}

/** Turns a failed response into a core error. */
export type ErrorMapper = (context: HttpErrorContext) => ProviderError;

/**
 * Retry policy; defaults in parentheses. An idempotent request is retried after a network failure, a status
 * in `statusCodes`, or an error the provider's mapper classified as transient whatever its status (a
 * `RateLimitError` such as AWS `RequestLimitExceeded` sent with HTTP 400, or `retryable` below HTTP 500);
 * a non-idempotent one only when it certainly never reached the server, or its {@link HttpRequest.retryable} says so.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (3), a whole number >= 0. */
  limit: number;
  /** First backoff (250 ms), doubled each time, with full jitter. */
  baseDelayMs: number;
  /** Backoff ceiling (20000 ms). */
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt (120000 ms; see `deadlineMs` for the hard bound). */
  maxTotalMs: number;
  /** Statuses that are retried ([408, 429, 500, 502, 503, 504]). */
  statusCodes: readonly number[];
  /** Longest `Retry-After` honoured; longer ones fail at once with RateLimitError (60000 ms). */
  maxRetryAfterMs: number;
  /**
   * Whole-call deadline in ms: every attempt, backoff and `Retry-After` wait of one call fits in it; the attempt
   * in flight is cut short and a `TimeoutError` says how many attempts were made. Default: the larger of
   * 60000 ms and twice the connection's `timeoutMs` (so a hung server blocks a call about 60 s, not
   * 4 × 30 s). `Infinity` turns it off.
   */
  deadlineMs?: number | undefined;
}

/** Options of a {@link Connection}. */
export interface ConnectionOptions {
  /** Provider id, for errors, traces and the User-Agent. */
  provider: string;
  /** Base URL every path is relative to. */
  baseUrl: string;
  /** Per-attempt signer (auth). */
  signer?: RequestSigner | undefined;
  /** Provider error mapping; default maps by status only. */
  mapError?: ErrorMapper | undefined;
  /** Response headers that carry a request id, first found wins. */
  requestIdHeaders?: readonly string[] | undefined;
  /** Retry policy overrides, or `false` for none. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Per-attempt timeout (30000 ms): a finite number of ms from 1 to 2147483647, else `InvalidArgumentError`. */
  timeoutMs?: number | undefined;
  /** TLS: verification is on unless `rejectUnauthorized: false` is passed explicitly. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Headers sent on every request. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Debug trace file; default `process.env.CLOUDMUX_DEBUG`. */
  debugFile?: string | undefined;
  /** Extra names to redact in traces and errors (headers, query parameters, JSON keys). */
  redact?: readonly string[] | undefined;
  /** Reuse connections (true). */
  keepAlive?: boolean | undefined;
}
