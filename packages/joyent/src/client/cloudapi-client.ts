import { Connection, type HttpRequest, type HttpResponse } from '@cloudmux/core/http';
import { createHttpSigner } from '../auth/http-signature.js';
import type { CloudApiCredentials } from '../auth/credentials.js';
import { mapCloudApiError } from '../errors.js';
import type { JoyentDriverOptions } from '../driver/options.js';
import type { ResolvedSettings } from '../driver/settings.js';

/** Response headers that carry CloudAPI's request id (8.x+ and pre-8.0 names). */
export const REQUEST_ID_HEADERS = ['request-id', 'x-request-id'] as const;

/**
 * One CloudAPI endpoint: a core `Connection` whose signer adds HTTP Signature auth, with the
 * version header, `as-role` and the account path prefix applied to every request.
 */
export class CloudApiClient {
  /** The underlying connection. */
  readonly connection: Connection;
  readonly #prefix: string;
  readonly #asRole: string | undefined;

  constructor(
    readonly settings: ResolvedSettings,
    readonly credentials: CloudApiCredentials,
    options: Pick<JoyentDriverOptions, 'tls' | 'timeoutMs' | 'retry'>,
  ) {
    this.#prefix = `/${encodeURIComponent(settings.login)}`;
    this.#asRole = settings.asRole;
    this.connection = new Connection({
      provider: 'joyent',
      baseUrl: settings.url,
      signer: createHttpSigner(credentials, settings.legacy65 ? 'legacy' : 'modern'),
      mapError: mapCloudApiError,
      requestIdHeaders: REQUEST_ID_HEADERS,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
      headers: {
        accept: 'application/json',
        [settings.legacy65 ? 'x-api-version' : 'accept-version']: settings.apiVersion,
      },
    });
  }

  /** `/<login>/<segments...>`, each segment URI-encoded. */
  path(...segments: string[]): string {
    let p = this.#prefix;
    for (const s of segments) p += `/${encodeURIComponent(s)}`;
    return p;
  }

  /** Sends a request (adds `as-role` when configured). */
  request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    if (this.#asRole) req = { ...req, query: { ...req.query, 'as-role': this.#asRole } };
    const settings = this.settings;
    if (settings.datacenter !== undefined) return this.connection.request<T>(req);
    return this.connection.request<T>(req).then((res) => {
      const dc = res.headers['triton-datacenter-name'];
      if (typeof dc === 'string' && dc && settings.datacenter === undefined) settings.datacenter = dc;
      return res;
    });
  }

  /** Closes pooled connections. */
  close(): void {
    this.connection.close();
  }
}
