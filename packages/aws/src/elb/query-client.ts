import { MalformedResponseError, RateLimitError, type ProviderError } from '@cloudmux/core/errors';
import { Connection, redactText, type HttpErrorContext, type RetryPolicy, type RetryPredicate } from '@cloudmux/core/http';
import { encodeParams, type Ec2Params } from '../ec2/params.js';
import { signRequestV4, type AwsCredentials } from '../signing/sigv4.js';
import { parseXml, xmlObject, xmlText, XmlSyntaxError, type XmlObject } from '../xml/index.js';

/** How an {@link AwsQueryClient} reaches and signs for its endpoint. */
export interface AwsQueryClientOptions {
  /** Provider id for errors and the User-Agent. */
  provider: string;
  /** Base URL (`https://elasticloadbalancing.us-east-1.amazonaws.com`). */
  endpoint: string;
  /** Credentials. */
  credentials: AwsCredentials;
  /** Region in SigV4 scopes. */
  signingRegion: string;
  /** Service in SigV4 scopes (`elasticloadbalancing`). */
  service: string;
  /** `Version` parameter. */
  apiVersion: string;
  /** Maps a failed response onto a core error. */
  mapError: (context: HttpErrorContext) => ProviderError;
  /** Retry overrides. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Per-attempt timeout. */
  timeoutMs?: number | undefined;
  /** TLS options. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
}

/** Per-call options. */
export interface QueryCallOptions {
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
  /** Read-only (retried on network errors and 5xx). */
  idempotent?: boolean | undefined;
}

/** Throttled calls were refused before running: retried even when not idempotent. */
const RETRY_THROTTLED: RetryPredicate = (err, d) => d.retryByDefault || err instanceof RateLimitError;
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
/** Query API list members: always arrays once parsed. */
const MEMBER_ARRAYS: ReadonlySet<string> = new Set(['member']);

/**
 * An AWS Query API client in the ELB style (`<XResponse><XResult>…</XResult><ResponseMetadata/>`,
 * lists as `<member>`, paging with `Marker`/`NextMarker`) over a core {@link Connection}: parameters
 * encoded as EC2 does, SigV4 for the given service, errors mapped by `mapError`.
 */
export class AwsQueryClient {
  /** The underlying connection. */
  readonly connection: Connection;
  readonly #options: AwsQueryClientOptions;

  constructor(options: AwsQueryClientOptions) {
    this.#options = options;
    const { credentials, signingRegion, service } = options;
    this.connection = new Connection({
      provider: options.provider,
      baseUrl: options.endpoint,
      signer: (req) => signRequestV4(req, credentials, { region: signingRegion, service }),
      mapError: options.mapError,
      requestIdHeaders: ['x-amzn-requestid'],
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
    });
  }

  /** Calls `action` and returns its `<{action}Result>` element (empty when the answer has none). */
  async call(action: string, params: Ec2Params = {}, options: QueryCallOptions = {}): Promise<XmlObject> {
    const res = await this.connection.request<string>({
      method: 'POST',
      path: '',
      headers: { 'content-type': FORM },
      body: encodeParams({ Action: action, Version: this.#options.apiVersion, ...params }),
      responseType: 'text',
      idempotent: options.idempotent ?? false,
      retryable: options.idempotent ? undefined : RETRY_THROTTLED,
      errorContext: { action },
      signal: options.signal,
    });
    let doc: XmlObject;
    try {
      doc = parseXml(res.body, MEMBER_ARRAYS);
    } catch (err) {
      if (err instanceof XmlSyntaxError)
        throw this.#malformed(res.status, action, `a body that is not well-formed XML (${err.message})`, res.body, err);
      throw err;
    }
    const root = xmlObject(doc[`${action}Response`]);
    if (root === undefined) throw this.#malformed(res.status, action, `no <${action}Response> element`, res.body);
    return xmlObject(root[`${action}Result`]) ?? {};
  }

  /**
   * Calls a `Describe*` action page by page (`PageSize`, `Marker`), yielding each `<{action}Result>`
   * until no `NextMarker` comes back. A marker seen twice is a malformed answer, not an endless loop.
   */
  async *pages(action: string, params: Ec2Params, pageSize: number | undefined, options: QueryCallOptions = {}): AsyncGenerator<XmlObject> {
    const seen = new Set<string>();
    let marker: string | undefined;
    for (;;) {
      const page = await this.call(action, { ...params, PageSize: pageSize, Marker: marker }, { idempotent: true, signal: options.signal });
      yield page;
      marker = xmlText(page.NextMarker);
      if (marker === undefined) return;
      if (seen.has(marker)) throw this.#malformed(200, action, 'the same NextMarker twice', marker);
      seen.add(marker);
    }
  }

  /** Closes keep-alive sockets. */
  close(): void {
    this.connection.close();
  }

  #malformed(status: number, action: string, what: string, body: string, cause?: unknown): MalformedResponseError {
    return new MalformedResponseError(`${this.#options.provider}: ${action} returned ${what}`, redactText(body.slice(0, 1024), []), {
      provider: this.#options.provider,
      status,
      method: 'POST',
      url: this.#options.endpoint,
      cause,
    });
  }
}
