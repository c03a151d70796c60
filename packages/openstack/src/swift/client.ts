/**
 * The HTTP side of the Swift driver: one core `Connection` per storage URL, `X-Auth-Token` from the
 * {@link SwiftAuth}, a 401 answered by re-authenticating and repeating the request once (unless its
 * body was a stream already consumed), errors mapped by {@link mapSwiftError}, `X-Trans-Id` as request id.
 * @module
 */
import type { Readable } from 'node:stream';
import { Connection, type HttpMethod, type HttpResponse, type QueryValue } from '@cloudmux/core/http';
import type { SessionConnectionOptions } from '../identity/session.js';
import { isUnauthorized, type SwiftAuth } from './auth.js';
import { mapSwiftError } from './errors.js';
import { encodeObjectPath, encodeSegment } from './names.js';

/** Request-id headers Swift sends, best first. */
export const SWIFT_REQUEST_ID_HEADERS: readonly string[] = Object.freeze(['x-openstack-request-id', 'x-trans-id']);

/** One Swift request, relative to the account URL. */
export interface SwiftRequest {
  method: HttpMethod;
  /** Container, if the request addresses one. */
  container?: string | undefined;
  /** Object name, if the request addresses one. */
  object?: string | undefined;
  query?: Readonly<Record<string, QueryValue>> | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  body?: Buffer | string | Readable | undefined;
  responseType?: 'text' | 'json' | 'buffer' | 'stream' | undefined;
  acceptStatus?: readonly number[] | undefined;
  idempotent?: boolean | undefined;
  /** Operation name for error messages. */
  action: string;
  signal?: AbortSignal | undefined;
}

/** Path of an account, container or object relative to the account URL. */
export function swiftPath(container?: string, object?: string): string {
  if (container === undefined) return '';
  return object === undefined ? `/${encodeSegment(container)}` : `/${encodeSegment(container)}/${encodeObjectPath(object)}`;
}

/** Options of a {@link SwiftClient}. */
export interface SwiftClientOptions {
  provider: string;
  timeoutMs?: number | undefined;
  /** Connection settings of the identity session (TLS, retry, debug trace, headers), as OpenStack service clients inherit them. */
  inherited?: SessionConnectionOptions | undefined;
}

/** Authenticated requests to one Swift account. */
export class SwiftClient {
  /** Provider id. */
  readonly provider: string;
  readonly #auth: SwiftAuth;
  readonly #timeoutMs: number | undefined;
  readonly #inherited: SessionConnectionOptions;
  readonly #connections = new Map<string, Connection>();

  constructor(auth: SwiftAuth, options: SwiftClientOptions) {
    this.provider = options.provider;
    this.#auth = auth;
    this.#timeoutMs = options.timeoutMs ?? options.inherited?.timeoutMs;
    this.#inherited = options.inherited ?? {};
  }

  /** The account (storage) URL, authenticating when needed. */
  async storageUrl(signal?: AbortSignal): Promise<string> {
    return (await this.#auth.current(signal)).storageUrl;
  }

  /** A connection to `baseUrl` (kept for reuse). */
  connection(baseUrl: string): Connection {
    let conn = this.#connections.get(baseUrl);
    if (!conn) {
      const { timeoutMs: _t, redact, ...inherited } = this.#inherited;
      conn = new Connection({
        ...inherited,
        provider: this.provider,
        baseUrl,
        mapError: mapSwiftError,
        requestIdHeaders: SWIFT_REQUEST_ID_HEADERS,
        redact: ['temp_url_sig', 'x-account-meta-temp-url-key', 'x-account-meta-temp-url-key-2', 'x-auth-key', ...(redact ?? [])],
        ...(this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs }),
      });
      this.#connections.set(baseUrl, conn);
    }
    return conn;
  }

  /** Sends a request with the current token; a 401 re-authenticates and repeats it once (not for stream bodies). */
  async send<T = string>(r: SwiftRequest): Promise<HttpResponse<T>> {
    const once = async (): Promise<HttpResponse<T>> => {
      const creds = await this.#auth.current(r.signal);
      const headers: Record<string, string> = { ...r.headers, 'x-auth-token': creds.token };
      if (r.body === undefined && (r.method === 'PUT' || r.method === 'POST')) headers['content-length'] = '0';
      else if (Buffer.isBuffer(r.body)) headers['content-length'] = String(r.body.length);
      try {
        return await this.connection(creds.storageUrl).request<T>({
          method: r.method,
          path: swiftPath(r.container, r.object),
          query: r.query,
          headers,
          body: r.body,
          responseType: r.responseType ?? 'text',
          acceptStatus: r.acceptStatus,
          idempotent: r.idempotent,
          signal: r.signal,
          errorContext: { action: r.action },
        });
      } catch (err) {
        if (isUnauthorized(err)) this.#auth.invalidate(creds.token);
        throw err;
      }
    };
    try {
      return await once();
    } catch (err) {
      const replayable = r.body === undefined || typeof r.body === 'string' || Buffer.isBuffer(r.body);
      if (!isUnauthorized(err) || !replayable) throw err;
      return once();
    }
  }

  /** Sends a request whose response body is streamed. */
  stream(r: SwiftRequest): Promise<HttpResponse<Readable>> {
    return this.send<Readable>({ ...r, responseType: 'stream' });
  }

  /** Closes keep-alive sockets (the client stays usable). */
  close(): void {
    for (const c of this.#connections.values()) c.close();
    this.#auth.close();
  }
}
