import { redactText } from '../http/redact.js';
import { CloudError, type CloudErrorOptions } from './cloud-error.js';

/** What a driver knows about a failed provider call. */
export interface ProviderErrorOptions extends CloudErrorOptions {
  /** HTTP status, when the error came from an HTTP response. */
  status?: number | undefined;
  /** HTTP method of the failed request. */
  method?: string | undefined;
  /** Request URL with secrets redacted. */
  url?: string | undefined;
  /** Provider's own error code (`ResourceNotFound`, `AuthFailure`...). */
  providerCode?: string | undefined;
  /** Provider's own error message. */
  providerMessage?: string | undefined;
  /** Provider request id, for support tickets. */
  requestId?: string | undefined;
  /** Whether repeating the same request may succeed. */
  retryable?: boolean | undefined;
}

/** The provider answered with an error. Subclasses say what kind. */
export class ProviderError extends CloudError {
  override readonly code: string = 'ERR_PROVIDER';
  /** HTTP status, if any. */
  readonly status: number | undefined;
  /** HTTP method, if any. */
  readonly method: string | undefined;
  /** Redacted request URL, if any. */
  readonly url: string | undefined;
  /** Provider's own error code. */
  readonly providerCode: string | undefined;
  /** Provider's own error message. */
  readonly providerMessage: string | undefined;
  /** Provider request id. */
  readonly requestId: string | undefined;
  /** Whether the same request may succeed if repeated. */
  readonly retryable: boolean;

  constructor(message: string, options: ProviderErrorOptions = {}) {
    super(message, options);
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.providerCode = options.providerCode;
    this.providerMessage = options.providerMessage;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
  }
}

/** Credentials were rejected (bad key, bad signature, expired token). */
export class InvalidCredentialsError extends ProviderError {
  override readonly code: string = 'ERR_INVALID_CREDENTIALS';
}

/** The resource does not exist. */
export class NotFoundError extends ProviderError {
  override readonly code: string = 'ERR_NOT_FOUND';
}

/** A resource with that name or id already exists. */
export class AlreadyExistsError extends ProviderError {
  override readonly code: string = 'ERR_ALREADY_EXISTS';
}

/** The provider throttled the request; `retryAfterMs` says how long to wait, when it said. */
export class RateLimitError extends ProviderError {
  override readonly code: string = 'ERR_RATE_LIMIT';
  /** Milliseconds the provider asked us to wait, if it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: ProviderErrorOptions & { retryAfterMs?: number | undefined } = {}) {
    super(message, { retryable: true, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** An account quota or limit was reached. */
export class QuotaExceededError extends ProviderError {
  override readonly code: string = 'ERR_QUOTA_EXCEEDED';
}

/** The provider is unavailable or out of capacity (5xx, maintenance). */
export class ServiceUnavailableError extends ProviderError {
  override readonly code: string = 'ERR_SERVICE_UNAVAILABLE';
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** The provider's answer could not be understood; `snippet` holds its first bytes, redacted (structurally: whole secret values). */
export class MalformedResponseError extends ProviderError {
  override readonly code: string = 'ERR_MALFORMED_RESPONSE';
  /** First bytes of the body (redacted). */
  readonly snippet: string;
  constructor(message: string, snippet: string, options: ProviderErrorOptions = {}) {
    // Callers redact with their driver's extra names; this catches what every driver must hide
    // (whole `credentials`/password/secret/token values, also in truncated JSON or XML, PEM private keys).
    const safe = redactText(snippet).slice(0, 200);
    super(`${message}; body starts: ${JSON.stringify(safe)}`, options);
    this.snippet = safe;
  }
}

/** The request's input was refused by the provider (400/409/422 with no better class). */
export class BadRequestError extends ProviderError {
  override readonly code: string = 'ERR_BAD_REQUEST';
}

/** Options for {@link DeploymentError}. */
export interface DeploymentErrorOptions extends CloudErrorOptions {
  /** Name of the failed step. */
  step: string;
  /** Index of the failed step in the deployment (0-based). */
  stepIndex?: number | undefined;
  /** Exit status of the failed command, if it ran. */
  exitCode?: number | null | undefined;
  /** Last part of the step's standard output. */
  stdoutTail?: string | undefined;
  /** Last part of the step's standard error. */
  stderrTail?: string | undefined;
  /** The node being deployed (type left open to avoid a cycle with compute). */
  node?: unknown;
  /** Results of the steps that ran, in order. */
  results?: readonly unknown[] | undefined;
}

/** A deployment step failed; says which, its exit status and the tails of its output. */
export class DeploymentError extends CloudError {
  override readonly code: string = 'ERR_DEPLOYMENT';
  /** Name of the failed step. */
  readonly step: string;
  /** Index of the failed step. */
  readonly stepIndex: number | undefined;
  /** Exit status of the failed command. */
  readonly exitCode: number | null | undefined;
  /** Tail of stdout. */
  readonly stdoutTail: string;
  /** Tail of stderr. */
  readonly stderrTail: string;
  /** The node being deployed. */
  readonly node: unknown;
  /** Results of the steps that ran. */
  readonly results: readonly unknown[];
  constructor(message: string, options: DeploymentErrorOptions) {
    super(message, options);
    this.step = options.step;
    this.stepIndex = options.stepIndex;
    this.exitCode = options.exitCode;
    this.stdoutTail = options.stdoutTail ?? '';
    this.stderrTail = options.stderrTail ?? '';
    this.node = options.node;
    this.results = options.results ?? [];
  }
}
