import { Connection, type HttpRequest, type HttpResponse, type RequestErrorContext } from '@cloudmux/core/http';
import { createHttpSigner } from '../auth/http-signature.js';
import type { CloudApiCredentials } from '../auth/credentials.js';
import { mapCloudApiError } from './errors.js';
import type { JoyentDriverOptions, ResolvedSettings } from './options.js';

/** Response headers that carry CloudAPI's request id (8.x+ and pre-8.0 names). */
export const REQUEST_ID_HEADERS = ['request-id', 'x-request-id'] as const;

/** Error context of CreateMachine: the machine's name tells the caller what to look for. */
function createMachineContext(body: unknown): RequestErrorContext {
  const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || name === '')
    return { action: 'CreateMachine', checkHint: 'look for the new machine with listNodes() before creating it again' };
  const n = JSON.stringify(name);
  return {
    action: 'CreateMachine',
    checkHint: `look for a machine named ${n} with listNodes({ ex: { name: ${n} } }) before creating it again`,
  };
}

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
    options: Pick<JoyentDriverOptions, 'tls' | 'timeoutMs' | 'retry' | 'debug'>,
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
      debugFile: options.debug?.file,
      // Boot scripts often carry passwords; `*_pw`/`*_pass` metadata and `credentials` are redacted by core.
      redact: ['user-script'],
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

  /**
   * Sends a request (adds `as-role` when configured). CreateMachine is named in its errors, which say how to
   * find the machine when the call may have succeeded (`mayHaveSucceeded`: connection lost after sending, timeout, 5xx).
   */
  request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    if (this.#asRole) req = { ...req, query: { ...req.query, 'as-role': this.#asRole } };
    if (req.errorContext === undefined && req.method === 'POST' && req.path === `${this.#prefix}/machines`)
      req = { ...req, errorContext: createMachineContext(req.json) };
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
