/**
 * A client for one OpenStack service on core's `Connection`: the base URL comes from the session's catalog
 * (resolved once, lazily), the token is added by the connection's signer before every attempt, and a 401 drops
 * the token and repeats the request exactly once with a fresh one.
 * @module
 */
import { InvalidCredentialsError } from '@cloudmux/core/errors';
import { Connection, type ConnectionOptions, type HttpRequest, type HttpResponse, type SignableRequest } from '@cloudmux/core/http';
import type { DiscoveryResult, IdentitySession } from '../identity/session.js';
import type { ServiceSelector } from '../identity/types.js';
import { mapOpenStackError } from './errors.js';

/** Request ids OpenStack services send, best first. */
export const OPENSTACK_REQUEST_ID_HEADERS: readonly string[] = Object.freeze([
  'x-openstack-request-id',
  'x-compute-request-id',
  'x-trans-id',
  'x-request-id',
]);

/** Options of a {@link ServiceClient}. */
export interface ServiceClientOptions extends Pick<
  ConnectionOptions,
  'retry' | 'timeoutMs' | 'tls' | 'debugFile' | 'redact' | 'keepAlive'
> {
  /** Provider id for errors and traces (e.g. `openstack`). */
  provider: string;
  /** Which catalog service to talk to. */
  selector: ServiceSelector;
  /** Headers sent on every request (e.g. `OpenStack-API-Version: compute 2.79`); added to the session's. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * Header that carries a call's id from {@link ServiceClient.request} to its signer, which removes it before the
 * request is traced or sent (cheaper than AsyncLocalStorage, which slows every promise on Node 20).
 */
const CALL_HEADER = 'x-cloudmux-openstack-call';

/** Per-call state the signer reads: the caller's signal, and the token the last attempt carried. */
interface CallState {
  signal: AbortSignal | undefined;
  token: string | undefined;
}

/**
 * Requests to one service of the catalog. Unset connection options (TLS, retry, timeouts, debug file) come from
 * the session's. Safe to share between concurrent callers.
 */
export class ServiceClient {
  /** Provider id. */
  readonly provider: string;
  /** The catalog selector. */
  readonly selector: Readonly<ServiceSelector>;

  readonly #session: IdentitySession;
  readonly #options: ServiceClientOptions;
  readonly #calls = new Map<string, CallState>();
  #seq = 0;
  #connection: Promise<Connection> | undefined;
  #headers: Record<string, string>;

  constructor(session: IdentitySession, options: ServiceClientOptions) {
    this.provider = options.provider;
    this.selector = Object.freeze({ ...options.selector });
    this.#session = session;
    this.#options = options;
    this.#headers = { ...options.headers };
  }

  /** Base URL of the service (catalog or override, version-discovered), no trailing slash. */
  async baseUrl(signal?: AbortSignal): Promise<string> {
    return (await this.#conn(signal)).baseUrl;
  }

  /**
   * The service's version document as discovery read it: the version in use and its microversion range (Nova
   * `min_version`/`version`), for negotiating `OpenStack-API-Version`. See {@link IdentitySession.discover}.
   */
  discover(signal?: AbortSignal): Promise<DiscoveryResult> {
    return this.#session.discover(this.selector, signal);
  }

  /** Sets (or, with `undefined`, removes) a header sent on every later request, e.g. the negotiated microversion. */
  setHeader(name: string, value: string | undefined): void {
    const headers = { ...this.#headers };
    const lower = name.toLowerCase();
    for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
    if (value !== undefined) headers[lower] = value;
    this.#headers = headers;
  }

  /**
   * Sends a core HttpRequest whose path is relative to the service base URL (or an absolute URL, e.g. a `next`
   * link). Adds `X-Auth-Token`; on 401 invalidates the token and retries exactly once; errors are mapped by
   * {@link mapOpenStackError}; the request id comes from `x-openstack-request-id` / `x-compute-request-id`.
   */
  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const conn = await this.#conn(req.signal);
    const state: CallState = { signal: req.signal, token: undefined };
    const id = String(++this.#seq);
    const full: HttpRequest = { ...req, headers: { ...this.#headers, ...req.headers, [CALL_HEADER]: id } };
    this.#calls.set(id, state);
    try {
      try {
        return await conn.request<T>(full);
      } catch (err) {
        if (!(err instanceof InvalidCredentialsError) || err.status !== 401 || state.token === undefined) throw err;
        // A streamed body was consumed by the first attempt and cannot be sent again.
        if (req.body !== undefined && typeof req.body !== 'string' && !Buffer.isBuffer(req.body)) throw err;
        // The token was refused (revoked or expired early): drop it and try once more with a new one.
        this.#session.invalidate(state.token);
        state.token = undefined;
        return await conn.request<T>(full);
      }
    } finally {
      this.#calls.delete(id);
    }
  }

  /** Closes keep-alive sockets (the client stays usable). */
  async close(): Promise<void> {
    const pending = this.#connection;
    if (!pending) return;
    try {
      (await pending).close();
    } catch {
      // never connected
    }
  }

  #conn(signal: AbortSignal | undefined): Promise<Connection> {
    if (!this.#connection) {
      const work = this.#open(signal);
      this.#connection = work;
      work.catch(() => {
        if (this.#connection === work) this.#connection = undefined;
      });
    }
    return this.#connection;
  }

  async #open(signal: AbortSignal | undefined): Promise<Connection> {
    const baseUrl = await this.#session.endpoint(this.selector, signal);
    const inherited = this.#session.connectionOptions();
    const o = this.#options;
    return new Connection({
      provider: this.provider,
      baseUrl,
      signer: (r) => this.#sign(r),
      mapError: mapOpenStackError,
      requestIdHeaders: OPENSTACK_REQUEST_ID_HEADERS,
      retry: o.retry ?? inherited.retry,
      timeoutMs: o.timeoutMs ?? inherited.timeoutMs,
      tls: o.tls ?? inherited.tls,
      headers: inherited.headers,
      debugFile: o.debugFile ?? inherited.debugFile,
      redact: o.redact ?? inherited.redact,
      keepAlive: o.keepAlive ?? inherited.keepAlive,
    });
  }

  async #sign(request: SignableRequest): Promise<void> {
    const id = request.headers[CALL_HEADER];
    delete request.headers[CALL_HEADER];
    const state = id === undefined ? undefined : this.#calls.get(id);
    const token = await this.#session.token(state?.signal);
    if (state) state.token = token;
    request.headers['x-auth-token'] = token;
  }
}
