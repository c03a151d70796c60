import { MalformedResponseError, RateLimitError } from '@cloudmux/core/errors';
import { Connection, redactText, type RetryPredicate, type RetryPolicy, type SignableRequest } from '@cloudmux/core/http';
import { mapAwsError } from '../errors.js';
import { signRequestV2 } from '../signing/sigv2.js';
import { signRequestV4, type AwsCredentials } from '../signing/sigv4.js';
import { decodeXmlText, parseXml, xmlObject, xmlText, XmlSyntaxError, type XmlObject } from '../xml/index.js';
import { encodeParams, type Ec2Params } from './params.js';

/** Names redacted from debug traces and error messages besides the core's defaults. */
export const EC2_REDACT: readonly string[] = Object.freeze(['UserData', 'AWSAccessKeyId']);

/** How an {@link Ec2Client} reaches and signs for its endpoint. */
export interface Ec2ClientOptions {
  /** Provider id (`ec2`, `eucalyptus`…) for errors and the User-Agent. */
  provider: string;
  /** Base URL including the path (`https://ec2.us-east-1.amazonaws.com`, `http://h:8773/services/Eucalyptus`). */
  endpoint: string;
  /** Credentials. */
  credentials: AwsCredentials;
  /** Region in SigV4 credential scopes. */
  signingRegion: string;
  /** `Version` parameter. */
  apiVersion: string;
  /** 4 (POST form bodies, SigV4) or 2 (GET query strings, SigV2). */
  signatureVersion: 2 | 4;
  /** Retry overrides. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Per-attempt timeout. */
  timeoutMs?: number | undefined;
  /** TLS options. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
}

/** Per-call options. */
export interface Ec2CallOptions {
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
  /** Whether a retry is safe (read-only actions, or writes carrying a `ClientToken`). */
  idempotent?: boolean | undefined;
  /** Response elements the caller never reads: skipped while parsing. */
  skip?: ReadonlySet<string> | undefined;
  /**
   * How to check whether the call took effect when it may have (a write that failed after being sent),
   * appended to the error message, e.g. `look for the key pair with getKeyPair("k")`.
   */
  checkHint?: string | undefined;
}

/**
 * EC2 refuses a throttled call before running it (`RequestLimitExceeded`, whatever the HTTP status), so a
 * throttled write is retried like a read; other failures of a write follow the connection's rules.
 */
const RETRY_THROTTLED: RetryPredicate = (err, d) => d.retryByDefault || err instanceof RateLimitError;

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

/** Resolves on the next turn of the event loop (after pending I/O callbacks). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A successful answer before parsing. */
interface RawPage {
  status: number;
  text: string;
}

/** The top-level `<nextToken>` of a raw response (the last one in the text), decoded; `undefined` if none. */
export function peekNextToken(text: string): string | undefined {
  const open = text.lastIndexOf('<nextToken>');
  if (open < 0) return undefined;
  const close = text.indexOf('</nextToken>', open);
  if (close < 0) return undefined;
  const token = decodeXmlText(text.slice(open + 11, close));
  return token === '' ? undefined : token;
}

/**
 * The EC2 Query API over a core {@link Connection}: encodes `Action`/`Version` and parameters, signs
 * each attempt (SigV4, or SigV2 for legacy clouds), parses the XML answer and maps `<Errors>` onto core errors.
 */
export class Ec2Client {
  /** The underlying connection. */
  readonly connection: Connection;
  /** Options it was made with. */
  readonly options: Readonly<Ec2ClientOptions>;

  constructor(options: Ec2ClientOptions) {
    this.options = options;
    const { credentials, signingRegion } = options;
    const signer =
      options.signatureVersion === 2
        ? (req: SignableRequest) => signRequestV2(req, credentials)
        : (req: SignableRequest) => signRequestV4(req, credentials, { region: signingRegion, service: 'ec2' });
    this.connection = new Connection({
      provider: options.provider,
      baseUrl: options.endpoint,
      signer,
      mapError: (ctx) => mapAwsError(ctx),
      requestIdHeaders: ['x-amzn-requestid', 'x-amz-request-id'],
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
      redact: EC2_REDACT,
    });
  }

  /**
   * Calls `action` and returns its `<ActionResponse>` element. Retries happen in the connection's one loop:
   * throttled calls (`RequestLimitExceeded`…, with any HTTP status) were refused before running, so they are
   * retried even when not idempotent. Errors name the action; a `ClientToken` parameter is carried onto them.
   */
  async call(action: string, params: Ec2Params = {}, options: Ec2CallOptions = {}): Promise<XmlObject> {
    return this.parse(action, await this.fetch(action, params, options), options.skip);
  }

  /**
   * Calls a paginated `Describe*` action page by page (`MaxResults`/`NextToken`), yielding each page's
   * response element until no `nextToken` comes back. `pageSize` undefined sends no `MaxResults`.
   * With `readAhead`, the next page is requested as soon as the current one has arrived (its token is
   * read from the raw text, then checked against the parsed one), so the network works while the page
   * is parsed and consumed: for callers that drain every page anyway, never for lazy iteration.
   */
  async *paginate(
    action: string,
    params: Ec2Params,
    pageSize: number | undefined,
    options: Ec2CallOptions & { readAhead?: boolean | undefined } = {},
  ): AsyncGenerator<XmlObject> {
    const call = { idempotent: true, signal: options.signal };
    const fetchPage = (token: string | undefined): Promise<RawPage> =>
      this.fetch(action, { ...params, MaxResults: pageSize, NextToken: token }, call);
    const seen = new Set<string>();
    let pending = fetchPage(undefined);
    for (;;) {
      const raw = await pending;
      const peeked = options.readAhead ? peekNextToken(raw.text) : undefined;
      let ahead: Promise<RawPage> | undefined;
      if (peeked !== undefined && !seen.has(peeked)) {
        ahead = fetchPage(peeked);
        // An abandoned read-ahead must not surface as an unhandled rejection.
        ahead.catch(() => undefined);
        // Let the request go out before the synchronous parse below holds the event loop.
        await nextTurn();
      }
      const page = this.parse(action, raw, options.skip);
      const token = xmlText(page.nextToken);
      if (token !== undefined) {
        if (seen.has(token)) throw this.malformed(200, `${action} returned the same NextToken twice`, token);
        seen.add(token);
      }
      if (token !== peeked) ahead = undefined;
      yield page;
      if (token === undefined) return;
      pending = ahead ?? fetchPage(token);
    }
  }

  /** Closes keep-alive sockets. */
  close(): void {
    this.connection.close();
  }

  private async fetch(action: string, params: Ec2Params, options: Ec2CallOptions): Promise<RawPage> {
    const all: Ec2Params = { Action: action, Version: this.options.apiVersion, ...params };
    const v2 = this.options.signatureVersion === 2;
    const token = params.ClientToken;
    const res = await this.connection.request<string>({
      method: v2 ? 'GET' : 'POST',
      path: '',
      query: v2 ? all : undefined,
      headers: v2 ? undefined : { 'content-type': FORM },
      body: v2 ? undefined : encodeParams(all),
      responseType: 'text',
      idempotent: options.idempotent ?? false,
      retryable: options.idempotent ? undefined : RETRY_THROTTLED,
      errorContext: { action, checkHint: options.checkHint, clientToken: typeof token === 'string' ? token : undefined },
      signal: options.signal,
    });
    return { status: res.status, text: res.body };
  }

  private parse(action: string, raw: RawPage, skip?: ReadonlySet<string>): XmlObject {
    let doc: XmlObject;
    try {
      doc = parseXml(raw.text, undefined, skip);
    } catch (err) {
      if (err instanceof XmlSyntaxError)
        throw this.malformed(raw.status, `${action} returned a body that is not well-formed XML (${err.message})`, raw.text, err);
      throw err;
    }
    const root = xmlObject(doc[`${action}Response`]);
    if (root === undefined) throw this.malformed(raw.status, `${action} returned no <${action}Response> element`, raw.text);
    return root;
  }

  private malformed(status: number, message: string, body: string, cause?: unknown): MalformedResponseError {
    return new MalformedResponseError(`${this.options.provider}: ${message}`, redactText(body.slice(0, 1024), EC2_REDACT), {
      provider: this.options.provider,
      status,
      method: this.options.signatureVersion === 2 ? 'GET' : 'POST',
      url: this.options.endpoint,
      cause,
    });
  }
}
