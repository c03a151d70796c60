import { carriesRequest, sanitizeCause } from '../http/sanitize-error.js';

/** Brand shared by every copy of `@cloudmux/core`, so `instanceof` survives duplicate installs. */
const BRAND = Symbol.for('cloudmux.error');
const KIND = Symbol.for('cloudmux.error.kinds');

/**
 * A cause that is safe to print: an HTTP client error (got's `RequestError` family keeps the signed request
 * options: `authorization`, `x-amz-security-token`) or a `JSON.parse` error (V8 quotes the body) is replaced by a
 * sanitized copy with its diagnostics (`code`, `syscall`, `errno`...); anything else is kept as it is.
 */
function safeCause(cause: unknown): unknown {
  return carriesRequest(cause) || cause instanceof SyntaxError ? sanitizeCause(cause) : cause;
}

/** Options common to every cloudmux error. */
export interface CloudErrorOptions {
  /** Provider id the error concerns, when there is one. */
  provider?: string | undefined;
  /** Underlying error. */
  cause?: unknown;
  /** See {@link CloudError.mayHaveSucceeded} (default false). */
  mayHaveSucceeded?: boolean | undefined;
  /** See {@link CloudError.clientToken}. */
  clientToken?: string | undefined;
}

/**
 * Base class of every error cloudmux throws. `code` is stable (`ERR_*`) and safe to switch on.
 * `instanceof` works across duplicate installs of `@cloudmux/core` (branded with `Symbol.for`).
 */
export class CloudError extends Error {
  /** Stable machine-readable code, e.g. `ERR_NOT_SUPPORTED`. */
  readonly code: string = 'ERR_CLOUD';
  /** Provider id the error concerns, if any. */
  readonly provider: string | undefined;
  /**
   * `true` when the call changes something (a create, an action), was not known to be safe to repeat, and
   * failed in a way that leaves open whether the provider carried it out: the connection dropped or timed
   * out after the request was sent, the provider answered 5xx, or the call was aborted in flight. The
   * resource may exist: check (the message says how) before calling again, or repeat with
   * {@link CloudError.clientToken} where the provider supports one. `false` when the failure proves nothing
   * happened (connection refused, throttled, a 4xx answer) or the call only reads.
   */
  readonly mayHaveSucceeded: boolean;
  /**
   * Idempotency token the failed call carried (EC2 `ClientToken`, set by drivers whose creates use one).
   * Repeating the call with the same token (EC2: `createNode({ ..., ex: { clientToken } })`) returns what the
   * first call created instead of creating it again.
   */
  readonly clientToken: string | undefined;

  constructor(message: string, options: CloudErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: safeCause(options.cause) });
    this.provider = options.provider;
    this.mayHaveSucceeded = options.mayHaveSucceeded ?? false;
    this.clientToken = options.clientToken;
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
    const kinds = new Set<string>();
    for (let p: unknown = new.target; typeof p === 'function' && p !== Error; p = Object.getPrototypeOf(p))
      kinds.add((p as { name: string }).name);
    Object.defineProperty(this, BRAND, { value: true });
    Object.defineProperty(this, KIND, { value: kinds });
  }

  /** Brand-aware `instanceof`: matches errors from any copy of this class. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const kinds = (value as Record<symbol, unknown>)[KIND];
    if (!(kinds instanceof Set) || (value as Record<symbol, unknown>)[BRAND] !== true) {
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    return kinds.has(this.name);
  }
}

/** A caller passed a bad value; the message names the value and what would be valid. */
export class InvalidArgumentError extends CloudError {
  override readonly code: string = 'ERR_INVALID_ARGUMENT';
}

/** `getDriver` was asked for an id nobody registered; the message lists the registered ids. */
export class UnknownProviderError extends CloudError {
  override readonly code: string = 'ERR_UNKNOWN_PROVIDER';
  /** Ids registered at the time of the call. */
  readonly registered: readonly string[];
  constructor(id: string, registered: readonly string[], api: string) {
    super(`Unknown ${api} provider "${id}". Registered providers: ${registered.join(', ') || '(none)'}`);
    this.registered = registered;
  }
}

/** The provider (or this driver) does not support the method called. */
export class NotSupportedError extends CloudError {
  override readonly code: string = 'ERR_NOT_SUPPORTED';
  /** Name of the unsupported method. */
  readonly method: string;
  constructor(provider: string, method: string, detail?: string) {
    super(`${provider} does not support ${method}${detail ? `: ${detail}` : ''}`, { provider });
    this.method = method;
  }
}

/** An operation did not finish in time; `lastState` says what was seen last. */
export class TimeoutError extends CloudError {
  override readonly code: string = 'ERR_TIMEOUT';
  /** Last observed state (a node state, an HTTP phase...), if known. */
  readonly lastState: string | undefined;
  constructor(message: string, options: CloudErrorOptions & { lastState?: string | undefined } = {}) {
    super(message, options);
    this.lastState = options.lastState;
  }
}

/** The operation was aborted through its `AbortSignal`. */
export class AbortError extends CloudError {
  override readonly code: string = 'ERR_ABORTED';
}
