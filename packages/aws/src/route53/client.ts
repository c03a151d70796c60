import { MalformedResponseError, RateLimitError } from '@cloudmux/core/errors';
import { Connection, redactText, type HttpMethod, type RetryPolicy, type RetryPredicate } from '@cloudmux/core/http';
import { signRequestV4, type AwsCredentials } from '../signing/sigv4.js';
import { XmlSyntaxError, type XmlObject } from '../xml/index.js';
import { mapRoute53Error } from './errors.js';
import { parseRoute53, ROUTE53_API_VERSION } from './wire.js';

/** How a {@link Route53Client} reaches and signs for its endpoint. */
export interface Route53ClientOptions {
  /** Provider id for errors and the User-Agent. */
  provider: string;
  /** Base URL (`https://route53.amazonaws.com`). */
  endpoint: string;
  /** Credentials. */
  credentials: AwsCredentials;
  /** Region in SigV4 scopes (`us-east-1`: Route 53 is global). */
  signingRegion: string;
  /** Retry overrides. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Per-attempt timeout. */
  timeoutMs?: number | undefined;
  /** TLS options. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
}

/** One REST-XML call. */
export interface Route53Call {
  /** Operation name (`ListHostedZones`); the response root is `<{action}Response>`. */
  action: string;
  /** HTTP method. */
  method: HttpMethod;
  /** Path after `/2013-04-01/` (`hostedzone/Z1/rrset`). */
  path: string;
  /** Query parameters. */
  query?: Readonly<Record<string, string | number | undefined>> | undefined;
  /** XML request body. */
  body?: string | undefined;
  /** Read-only (retried on network errors and 5xx). */
  idempotent?: boolean | undefined;
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
}

/** A successful answer before parsing. */
export interface RawAnswer {
  /** HTTP status. */
  status: number;
  /** Body text. */
  text: string;
}

/** Throttled calls (`Throttling`, `PriorRequestNotComplete`) were refused before running: retried even when not idempotent. */
const RETRY_THROTTLED: RetryPredicate = (err, d) => d.retryByDefault || err instanceof RateLimitError;

/** The Route 53 REST-XML API over a core {@link Connection}: SigV4 (`route53`), XML bodies, Route 53 error mapping. */
export class Route53Client {
  /** The underlying connection. */
  readonly connection: Connection;
  readonly #options: Route53ClientOptions;

  constructor(options: Route53ClientOptions) {
    this.#options = options;
    const { credentials, signingRegion } = options;
    this.connection = new Connection({
      provider: options.provider,
      baseUrl: options.endpoint,
      signer: (req) => signRequestV4(req, credentials, { region: signingRegion, service: 'route53' }),
      mapError: (ctx) => mapRoute53Error(ctx),
      requestIdHeaders: ['x-amzn-requestid'],
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
    });
  }

  /** Sends a call and returns its `<{action}Response>` element. */
  async call(call: Route53Call): Promise<XmlObject> {
    return this.parse(call, await this.fetch(call));
  }

  /** Sends a call and returns the raw answer (status and text), errors mapped. */
  async fetch(call: Route53Call): Promise<RawAnswer> {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query[k] = String(v);
    const res = await this.connection.request<string>({
      method: call.method,
      path: `/${ROUTE53_API_VERSION}/${call.path}`,
      query,
      headers: call.body !== undefined ? { 'content-type': 'application/xml' } : undefined,
      body: call.body,
      responseType: 'text',
      idempotent: call.idempotent ?? false,
      retryable: call.idempotent ? undefined : RETRY_THROTTLED,
      errorContext: { action: call.action },
      signal: call.signal,
    });
    return { status: res.status, text: res.body };
  }

  /** Parses a raw answer of `call` into its `<{action}Response>` element. */
  parse(call: Route53Call, raw: RawAnswer): XmlObject {
    let root: XmlObject | undefined;
    try {
      root = parseRoute53(raw.text, `${call.action}Response`);
    } catch (err) {
      if (err instanceof XmlSyntaxError)
        throw this.#malformed(raw.status, call, `a body that is not well-formed XML (${err.message})`, raw.text, err);
      throw err;
    }
    if (root === undefined) throw this.#malformed(raw.status, call, `no <${call.action}Response> element`, raw.text);
    return root;
  }

  /** Closes keep-alive sockets. */
  close(): void {
    this.connection.close();
  }

  #malformed(status: number, call: Route53Call, what: string, body: string, cause?: unknown): MalformedResponseError {
    return new MalformedResponseError(`${this.#options.provider}: ${call.action} returned ${what}`, redactText(body.slice(0, 1024), []), {
      provider: this.#options.provider,
      status,
      method: call.method,
      url: `${this.#options.endpoint}/${ROUTE53_API_VERSION}/${call.path}`,
      cause,
    });
  }
}
