import http from 'node:http';
import https from 'node:https';
import { PassThrough, type Readable } from 'node:stream';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import got, { RequestError, type Got, type OptionsInit, type Request as GotRequest, type Response as GotResponse } from 'got';
import { AbortError, CloudError, InvalidArgumentError } from '../errors/cloud-error.js';
import { MalformedResponseError, ProviderError } from '../errors/provider-error.js';
import { sleep } from '../common/abort.js';
import { VERSION } from '../version.js';
import type {
  ConnectionOptions,
  ErrorMapper,
  HttpErrorContext,
  HttpHeaders,
  HttpRequest,
  HttpResponse,
  QueryValue,
  RequestSigner,
  RetryPolicy,
  SignableRequest,
} from './types.js';
import { defaultErrorForStatus, headerValue, parseRetryAfter } from './default-error.js';
import {
  NO_RETRY,
  annotateOutcome,
  backoffDelay,
  checkDurationMs,
  classifyNetworkError,
  defaultDeadlineMs,
  isIdempotent,
  resolveRetryPolicy,
  retryableResponse,
  uncertainResponse,
} from './retry.js';
import { DebugTrace, resolveDebugFile } from './debug-trace.js';
import { redactUrl } from './redact.js';
import { abortError, deadlineError, networkError, parseBody, type ErrorSite, type Prepared } from './request-errors.js';
import { joinUrl } from './url.js';
import { nativeRequest } from './native-request.js';

/** Response headers read for a request id when `requestIdHeaders` is not given. */
export const DEFAULT_REQUEST_ID_HEADERS: readonly string[] = Object.freeze([
  'x-request-id',
  'request-id',
  'x-amz-request-id',
  'x-amzn-requestid',
  'x-openstack-request-id',
  'x-compute-request-id',
  'x-trans-id',
]);

/** Bytes of an error body given to error mappers. */
const ERROR_BODY_BYTES = 65_536;

/** Outcome of one attempt that got an HTTP response. */
type AttemptResult<T> =
  | { ok: true; status: number; headers: HttpHeaders; body: T; requestId: string | undefined }
  | { ok: false; status: number; error: ProviderError; retryAfterMs: number | undefined };

/**
 * An HTTP connection to one provider endpoint: one got instance with keep-alive agents, per-attempt signing,
 * an explicit retry policy (network errors, 408/429/5xx and provider-classified throttling on idempotent
 * requests, `Retry-After`, full-jitter backoff bounded by attempts and total time), per-attempt timeouts, a
 * whole-call deadline (`retry.deadlineMs`, default max(60 s, 2 × `timeoutMs`)), `AbortSignal` support, error
 * mapping onto core errors (with `mayHaveSucceeded`/`clientToken` on failed writes), and an optional redacted
 * debug trace (`CLOUDMUX_DEBUG`).
 */
export class Connection {
  /** Provider id. */
  readonly provider: string;
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Effective retry policy. */
  readonly retryPolicy: Readonly<RetryPolicy>;
  /** Default per-attempt timeout. */
  readonly timeoutMs: number;
  /** Default whole-call deadline: `retry.deadlineMs`, else max(60000, 2 × `timeoutMs`); `Infinity` when turned off. */
  readonly deadlineMs: number;
  /** Debug trace file, when tracing is on. */
  readonly debugFile: string | undefined;

  private readonly client: Got;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly signer: RequestSigner | undefined;
  private readonly mapError: ErrorMapper;
  private readonly requestIdHeaders: readonly string[];
  private readonly baseHeaders: Readonly<Record<string, string>>;
  private readonly redact: readonly string[] | undefined;
  private readonly site: ErrorSite;
  private readonly trace: DebugTrace | undefined;
  private readonly defaultTimeout: Record<string, number>;
  private seq = 0;

  constructor(options: ConnectionOptions) {
    if (!options.provider) throw new InvalidArgumentError('Connection: "provider" is required');
    let parsed: URL;
    try {
      parsed = new URL(options.baseUrl);
    } catch {
      throw new InvalidArgumentError(`Connection: invalid baseUrl "${redactUrl(String(options.baseUrl))}"`, { provider: options.provider });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new InvalidArgumentError(`Connection: baseUrl must be http(s), got "${parsed.protocol}"`, { provider: options.provider });
    }
    this.provider = options.provider;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retryPolicy = resolveRetryPolicy(options.retry, options.provider);
    this.timeoutMs = options.timeoutMs === undefined ? 30_000 : checkDurationMs('timeoutMs', options.timeoutMs, options.provider);
    this.deadlineMs = this.retryPolicy.deadlineMs ?? defaultDeadlineMs(this.timeoutMs);
    this.signer = options.signer;
    this.mapError = options.mapError ?? ((ctx) => defaultErrorForStatus(ctx));
    this.requestIdHeaders = (options.requestIdHeaders ?? DEFAULT_REQUEST_ID_HEADERS).map((h) => h.toLowerCase());
    this.redact = options.redact && options.redact.length > 0 ? [...options.redact] : undefined;
    this.site = { provider: this.provider, redact: this.redact };
    this.defaultTimeout = { request: this.timeoutMs };

    const headers: Record<string, string> = { 'user-agent': `cloudmux/${VERSION} (${options.provider}) node/${process.version}` };
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    this.baseHeaders = Object.freeze(headers);

    const rejectUnauthorized = options.tls?.rejectUnauthorized !== false;
    const keepAlive = options.keepAlive ?? true;
    let secureContext: SecureContext | undefined;
    const ca = options.tls?.ca;
    if (ca !== undefined) {
      const list = Array.isArray(ca) ? (ca as ReadonlyArray<string | Buffer>) : [ca as string | Buffer];
      // Keep the public roots too: a private CA is added, not substituted.
      secureContext = createSecureContext({ ca: [...rootCertificates, ...list.map((c) => c.toString())] });
    }
    this.httpAgent = new http.Agent({ keepAlive });
    this.httpsAgent = new https.Agent({ keepAlive, rejectUnauthorized, ...(secureContext ? { secureContext } : {}) });
    this.client = got.extend({
      agent: { http: this.httpAgent, https: this.httpsAgent },
      https: { rejectUnauthorized },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'buffer',
      allowGetBody: false,
      request: nativeRequest,
    });

    const debugFile = resolveDebugFile(options.debugFile);
    this.debugFile = debugFile;
    this.trace = debugFile ? new DebugTrace(debugFile, this.provider, this.redact, !rejectUnauthorized) : undefined;
  }

  /** The full URL a request path and query resolve to. */
  buildUrl(path: string, query?: Readonly<Record<string, QueryValue>>): string {
    return joinUrl(this.baseUrl, path, query);
  }

  /**
   * Sends a request, retrying as the policy (or the request's `retryable` predicate) allows, within the
   * whole-call deadline, and returns the parsed response.
   * Throws core errors: the mapped {@link ProviderError} for error statuses, {@link TimeoutError},
   * {@link AbortError}, {@link MalformedResponseError}, or a `ProviderError` for network failures. The error of
   * a write whose effect is unknown has `mayHaveSucceeded: true` and says what to check; `clientToken` is set
   * from `errorContext.clientToken`.
   */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const signal = req.signal;
    if (signal?.aborted) throw new AbortError(`${this.provider}: ${req.method} aborted`, { provider: this.provider, cause: signal.reason });
    const p = this.prepare(req);
    const streamBody = p.body !== undefined && !Buffer.isBuffer(p.body);
    const policy = streamBody ? NO_RETRY : this.retryPolicy;
    const idempotent = isIdempotent(p.method, req.idempotent);
    // Writes whose repetition is not known to be harmless, or that are only safe thanks to a client token:
    // their final error says whether the provider may have acted.
    const watch = !idempotent || p.errorContext?.clientToken !== undefined;
    let uncertain = false;
    const finish = <E extends CloudError>(error: E): E => annotateOutcome(error, watch && uncertain, p.errorContext);
    const started = Date.now();
    const deadline = started + p.deadlineMs;
    for (let attempt = 1; ; attempt++) {
      let error: CloudError;
      let retryable: boolean;
      let retryAfterMs: number | undefined;
      let notSent = false;
      const budget = deadline - Date.now();
      try {
        const result = await this.attempt<T>(p, attempt, budget);
        if (result.ok)
          return { status: result.status, headers: result.headers, body: result.body, requestId: result.requestId, attempts: attempt };
        error = result.error;
        retryAfterMs = result.retryAfterMs;
        retryable = retryableResponse(policy, result.status, result.error, idempotent);
        if (uncertainResponse(result.status, result.error)) uncertain = true;
      } catch (err) {
        if (signal?.aborted) {
          uncertain = true;
          throw finish(abortError(this.site, p, signal));
        }
        // A body that could not be parsed came with a success status: the provider did act.
        if (err instanceof MalformedResponseError && watch) annotateOutcome(err, true, p.errorContext);
        // Errors from the signer, the error mapper or body parsing propagate as they are.
        if (!(err instanceof RequestError)) throw err;
        const failure = classifyNetworkError(err);
        notSent = failure.notSent;
        if (!notSent) uncertain = true;
        error = networkError(this.site, p, err, failure, attempt);
        // The deadline, not the per-attempt timeout, cut this attempt short.
        if (failure.timeout && budget < p.timeoutMs) throw finish(deadlineError(this.site, p, error, failure, attempt));
        retryable = failure.retryable && (idempotent || failure.notSent);
      }
      if (req.retryable) retryable = req.retryable(error, { attempt, retryByDefault: retryable, idempotent, notSent });
      if (!retryable || attempt > policy.limit) throw finish(error);
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) throw finish(error);
      const delay = retryAfterMs ?? backoffDelay(policy, attempt);
      const now = Date.now();
      if (now - started + delay > policy.maxTotalMs || now + delay >= deadline) throw finish(error);
      this.trace?.retry(p.traceId, delay, error.message);
      try {
        await sleep(delay, signal);
      } catch {
        throw finish(abortError(this.site, p, signal));
      }
    }
  }

  /** Destroys the keep-alive sockets. The connection can still be used afterwards (new sockets are opened). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private prepare(req: HttpRequest): Prepared {
    const responseType = req.responseType ?? 'json';
    let headers: Record<string, string> = this.baseHeaders as Record<string, string>;
    let copied = false;
    const own = (): Record<string, string> => {
      if (!copied) {
        headers = { ...headers };
        copied = true;
      }
      return headers;
    };
    if (req.headers) {
      const h = own();
      for (const name in req.headers) {
        const value = req.headers[name];
        if (value !== undefined) h[name.toLowerCase()] = value;
      }
    }
    let body: Buffer | Readable | undefined;
    if (req.json !== undefined) {
      body = Buffer.from(JSON.stringify(req.json));
      if (headers['content-type'] === undefined) own()['content-type'] = 'application/json';
    } else if (typeof req.body === 'string') {
      body = Buffer.from(req.body);
    } else {
      body = req.body;
    }
    if (responseType === 'json' && headers.accept === undefined) own().accept = 'application/json';
    const timeoutMs = req.timeoutMs === undefined ? this.timeoutMs : checkDurationMs('timeoutMs', req.timeoutMs, this.provider);
    const deadlineMs =
      req.deadlineMs !== undefined
        ? checkDurationMs('deadlineMs', req.deadlineMs, this.provider, true)
        : req.timeoutMs === undefined
          ? this.deadlineMs
          : (this.retryPolicy.deadlineMs ?? defaultDeadlineMs(timeoutMs));
    const phased = responseType === 'stream' || (body !== undefined && !Buffer.isBuffer(body));
    // Streams time out per phase (connect, headers, socket idle), never on total transfer time.
    const timeout = phased
      ? { lookup: timeoutMs, connect: timeoutMs, secureConnect: timeoutMs, socket: timeoutMs, response: timeoutMs }
      : timeoutMs === this.timeoutMs
        ? this.defaultTimeout
        : { request: timeoutMs };
    return {
      method: req.method,
      url: joinUrl(this.baseUrl, req.path, req.query),
      headers,
      body,
      responseType,
      acceptStatus: req.acceptStatus,
      signal: req.signal,
      timeoutMs,
      timeout,
      phased,
      deadlineMs,
      errorContext: req.errorContext,
      traceId: this.trace ? String(++this.seq) : '',
    };
  }

  /** The got timeouts of one attempt: the request's, shortened to what is left of the whole-call deadline. */
  private timeoutFor(p: Prepared, budget: number): Record<string, number> {
    if (!(budget < p.timeoutMs)) return p.timeout;
    const left = Math.max(1, Math.floor(budget));
    // Streams: only the phases up to the response headers; the body's transfer is not bounded by the deadline.
    return p.phased ? { ...p.timeout, lookup: left, connect: left, secureConnect: left, response: left } : { request: left };
  }

  private async attempt<T>(p: Prepared, attempt: number, budget: number): Promise<AttemptResult<T>> {
    const timeout = this.timeoutFor(p, budget);
    let url = p.url;
    let headers = p.headers;
    if (this.signer) {
      const signable: SignableRequest = {
        method: p.method,
        url: new URL(url),
        headers: { ...headers },
        body: Buffer.isBuffer(p.body) ? p.body : undefined,
      };
      await this.signer(signable);
      url = signable.url.href;
      headers = signable.headers;
    }
    const started = this.trace ? performance.now() : 0;
    this.trace?.request(p.traceId, attempt, p.method, url, headers, p.body);
    try {
      if (p.responseType === 'stream') return await this.attemptStream<T>(p, url, headers, started, timeout);
      // Only the keys that are set: got validates and merges every key it is given, per request.
      const options: OptionsInit = { method: p.method, headers, timeout };
      if (p.body !== undefined) options.body = p.body;
      if (p.signal !== undefined) options.signal = p.signal;
      const res = (await this.client(url, options)) as GotResponse<Buffer>;
      return this.finish<T>(p, res.statusCode, res.headers, res.body, started);
    } catch (err) {
      if (this.trace && err instanceof RequestError) this.trace.failure(p.traceId, performance.now() - started, err);
      throw err;
    }
  }

  private finish<T>(p: Prepared, status: number, headers: HttpHeaders, raw: Buffer, started: number): AttemptResult<T> {
    this.trace?.response(p.traceId, status, headers, performance.now() - started, raw);
    const requestId = headerValue(headers, this.requestIdHeaders);
    if ((status >= 200 && status < 300) || (p.acceptStatus !== undefined && p.acceptStatus.includes(status))) {
      return { ok: true, status, headers, body: parseBody<T>(this.site, p, status, raw, requestId), requestId };
    }
    return this.failed(p, status, headers, raw, requestId);
  }

  private failed(p: Prepared, status: number, headers: HttpHeaders, raw: Buffer, requestId: string | undefined): AttemptResult<never> {
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    const context: HttpErrorContext = {
      provider: this.provider,
      status,
      headers,
      bodyText: raw.subarray(0, ERROR_BODY_BYTES).toString('utf8'),
      method: p.method,
      url: redactUrl(p.url, this.redact),
      requestId,
      retryAfterMs,
      errorContext: p.errorContext,
    };
    return { ok: false, status, error: this.mapError(context), retryAfterMs };
  }

  private async attemptStream<T>(
    p: Prepared,
    url: string,
    headers: Record<string, string>,
    started: number,
    timeout: Record<string, number>,
  ): Promise<AttemptResult<T>> {
    const stream: GotRequest = this.client.stream(url, { method: p.method, headers, body: p.body, signal: p.signal, timeout });
    if (p.body === undefined && p.method !== 'GET' && p.method !== 'HEAD') stream.end();
    // One error listener for the stream's whole life, so no error is ever emitted unhandled.
    let onError: (err: Error) => void = () => undefined;
    let streamError: Error | undefined;
    stream.on('error', (err: Error) => {
      streamError ??= err;
      onError(err);
    });
    const res = await new Promise<GotResponse>((resolve, reject) => {
      onError = reject;
      stream.once('response', resolve);
    });
    const status = res.statusCode;
    if (!((status >= 200 && status < 300) || (p.acceptStatus !== undefined && p.acceptStatus.includes(status)))) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (size < ERROR_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      }
      const raw = Buffer.concat(chunks);
      this.trace?.response(p.traceId, status, res.headers, performance.now() - started, raw);
      return this.failed(p, status, res.headers, raw, headerValue(res.headers, this.requestIdHeaders));
    }
    this.trace?.response(p.traceId, status, res.headers, performance.now() - started, undefined);
    // Hand the caller a stream whose errors are core errors.
    const out = new PassThrough();
    onError = (err: Error) => {
      if (p.signal?.aborted) out.destroy(abortError(this.site, p, p.signal));
      else out.destroy(networkError(this.site, p, err, classifyNetworkError(err), 1));
    };
    if (streamError) onError(streamError);
    out.on('close', () => {
      if (!stream.readableEnded && !stream.destroyed) stream.destroy();
    });
    stream.pipe(out);
    return { ok: true, status, headers: res.headers, body: out as T, requestId: headerValue(res.headers, this.requestIdHeaders) };
  }
}
