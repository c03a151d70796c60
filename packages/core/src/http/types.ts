import type { Readable } from 'node:stream';
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
  /** Per-attempt timeout overriding the connection's. */
  timeoutMs?: number | undefined;
  /** Aborts the request (and its retries). */
  signal?: AbortSignal | undefined;
}

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
}

/** Turns a failed response into a core error. */
export type ErrorMapper = (context: HttpErrorContext) => ProviderError;

/** Retry policy; defaults in parentheses. */
export interface RetryPolicy {
  /** Retries after the first attempt (3). */
  limit: number;
  /** First backoff (250 ms), doubled each time, with full jitter. */
  baseDelayMs: number;
  /** Backoff ceiling (20000 ms). */
  maxDelayMs: number;
  /** Give up retrying once this much time has passed since the first attempt (120000 ms). */
  maxTotalMs: number;
  /** Statuses that are retried ([408, 429, 500, 502, 503, 504]). */
  statusCodes: readonly number[];
  /** Longest `Retry-After` honoured; longer ones fail at once with RateLimitError (60000 ms). */
  maxRetryAfterMs: number;
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
  /** Per-attempt timeout (30000 ms). */
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
