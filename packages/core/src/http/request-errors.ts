import type { Readable } from 'node:stream';
import { AbortError, type CloudError, TimeoutError } from '../errors/cloud-error.js';
import { MalformedResponseError, ProviderError } from '../errors/provider-error.js';
import { redactText, redactUrl } from './redact.js';
import type { NetworkFailure } from './retry.js';
import { sanitizeCause } from './sanitize-error.js';
import type { HttpMethod, RequestErrorContext } from './types.js';

// The errors a Connection builds for one request (malformed body, abort, deadline, network and TLS
// failures): messages name the provider, the operation and the redacted URL, and carry nothing signed.

/** TLS verification failures: retrying will not help, the message says what to change. */
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

/** The connection a request belongs to, as its error messages need it. */
export interface ErrorSite {
  /** Provider id. */
  readonly provider: string;
  /** Extra names redacted in URLs and texts. */
  readonly redact: readonly string[] | undefined;
}

/** What is fixed for every attempt of one request. */
export interface Prepared {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: Buffer | Readable | undefined;
  responseType: 'json' | 'text' | 'buffer' | 'stream';
  acceptStatus: readonly number[] | undefined;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  timeout: Record<string, number>;
  /** Per-phase timeouts (streams) rather than one for the whole attempt. */
  phased: boolean;
  /** Whole-call deadline (ms, may be `Infinity`). */
  deadlineMs: number;
  errorContext: RequestErrorContext | undefined;
  traceId: string;
}

/** The body as the request asked for it (buffer, text, JSON); a body that is not JSON is a `MalformedResponseError`. */
export function parseBody<T>(c: ErrorSite, p: Prepared, status: number, raw: Buffer, requestId: string | undefined): T {
  switch (p.responseType) {
    case 'buffer':
      return raw as T;
    case 'text':
      return raw.toString('utf8') as T;
    default: {
      if (raw.length === 0) return undefined as T;
      const text = raw.toString('utf8');
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        throw new MalformedResponseError(
          `${c.provider}: ${p.method} ${redactUrl(p.url, c.redact)} returned a body that is not valid JSON (HTTP ${status})`,
          redactText(text.slice(0, 1024), c.redact),
          { provider: c.provider, status, method: p.method, url: redactUrl(p.url, c.redact), requestId, cause: err },
        );
      }
    }
  }
}

/** The request was aborted through its `AbortSignal`. */
export function abortError(c: ErrorSite, p: Prepared, signal: AbortSignal | undefined): AbortError {
  return new AbortError(`${c.provider}: ${where(p, redactUrl(p.url, c.redact))} aborted`, {
    provider: c.provider,
    cause: signal?.reason,
  });
}

/** `METHOD url`, led by the operation's name when the request has one (`RunInstances (POST https://…)`). */
function where(p: Prepared, url: string): string {
  const action = p.errorContext?.action;
  return action ? `${action} (${p.method} ${url})` : `${p.method} ${url}`;
}

/** The whole-call deadline ended the call; `last` is the (sanitized) error of the attempt it cut short. */
export function deadlineError(c: ErrorSite, p: Prepared, last: CloudError, failure: NetworkFailure, attempts: number): TimeoutError {
  const url = redactUrl(p.url, c.redact);
  return new TimeoutError(
    `${c.provider}: ${where(p, url)} did not finish within its deadline of ${p.deadlineMs} ms (retry.deadlineMs) after ${attempts} attempt${attempts === 1 ? '' : 's'}` +
      `${failure.phase ? `; the last one was cut short waiting for ${failure.phase}` : ''}`,
    { provider: c.provider, cause: last, lastState: failure.phase },
  );
}

/** A network failure, timeout or TLS refusal as a core error whose `cause` carries diagnostics only. */
export function networkError(c: ErrorSite, p: Prepared, err: unknown, failure: NetworkFailure, attempts: number): CloudError {
  const url = redactUrl(p.url, c.redact);
  // got's error keeps the signed request (authorization, security tokens): the cause carries diagnostics only.
  const cause = sanitizeCause(err, c.redact);
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  if (failure.timeout) {
    return new TimeoutError(
      `${c.provider}: ${where(p, url)} timed out after ${p.timeoutMs} ms${failure.phase ? ` waiting for ${failure.phase}` : ''}${tries}`,
      {
        provider: c.provider,
        cause,
        lastState: failure.phase,
      },
    );
  }
  const code = failure.code;
  const detail = redactText(err instanceof Error ? err.message : String(err), c.redact);
  if (code !== undefined && TLS_CODES.test(code)) {
    return new ProviderError(
      `${c.provider}: ${where(p, url)}: TLS certificate verification failed (${code}: ${detail}); ` +
        'pass tls.ca with the server CA, or tls.rejectUnauthorized: false to turn verification off',
      { provider: c.provider, method: p.method, url, cause, retryable: false },
    );
  }
  return new ProviderError(`${c.provider}: ${where(p, url)} failed: ${code ? `${code} ` : ''}${detail}${tries}`, {
    provider: c.provider,
    method: p.method,
    url,
    cause,
    retryable: failure.retryable,
  });
}
