import { MalformedResponseError } from '@cloudmux/core/errors';
import { Connection, type ConnectionOptions, type RetryPolicy } from '@cloudmux/core/http';
import type { ResolvedLocation } from '../config/user-config.js';
import { passwordContextUrl } from '../config/endpoints.js';
import { decodeResponse, encodeCall, XmlRpcFormatError, type XmlRpcInput, type XmlRpcValue } from '../xmlrpc/codec.js';
import { faultError, oneError } from './errors.js';

/** Transport settings shared by the clients of one driver. */
export interface TransportOptions {
  /** Per-attempt timeout. */
  timeoutMs?: number | undefined;
  /** Retry policy. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** TLS settings. */
  tls?: ConnectionOptions['tls'];
  /** Debug trace file. */
  debugFile?: string | undefined;
}

/** The `Authorization: Basic` signer of a user name and password (kept in the closure only). */
export function basicAuthSigner(username: string | undefined, password: string | undefined): ConnectionOptions['signer'] {
  if (username === undefined) return undefined;
  const value = `Basic ${Buffer.from(`${username}:${password ?? ''}`, 'utf8').toString('base64')}`;
  return (req) => {
    req.headers['authorization'] = value;
  };
}

/** OpenNebula XML-RPC methods the driver reads with (safe to retry). */
const READ_METHODS = new Set(['one.vm.info', 'one.vmpool.info']);

/**
 * OpenNebula 3.x XML-RPC through StratusLab's one-proxy, password context: `POST <…>/pswd/xmlrpc`
 * with HTTP Basic. The first parameter of every call is the session string, which one-proxy discards
 * and replaces with the authenticated user; the driver sends `<user>:-` so the password never
 * travels in a body (only in the Authorization header, which traces redact).
 */
export class OneClient {
  readonly #connection: Connection;
  readonly #path: string;
  readonly #session: string;
  /** Location id, for messages. */
  readonly location: string;

  constructor(location: ResolvedLocation, transport: TransportOptions) {
    const url = passwordContextUrl(location.endpoint);
    this.location = location.id;
    this.#path = url.pathname;
    this.#session = `${location.username ?? 'anonymous'}:-`;
    this.#connection = new Connection({
      provider: 'stratuslab',
      baseUrl: url.origin,
      signer: basicAuthSigner(location.username, location.password),
      timeoutMs: transport.timeoutMs,
      retry: transport.retry,
      tls: transport.tls,
      debugFile: transport.debugFile,
      headers: { accept: 'text/xml' },
    });
  }

  /**
   * Calls `method` with the session string and `params`; returns the value slot of OpenNebula's
   * `[ok, value, errorCode]` answer, or throws the mapped error.
   */
  async call(method: string, params: readonly XmlRpcInput[], signal?: AbortSignal): Promise<XmlRpcValue> {
    const res = await this.#connection.request<string>({
      method: 'POST',
      path: this.#path,
      headers: { 'content-type': 'text/xml' },
      body: encodeCall(method, [this.#session, ...params]),
      responseType: 'text',
      idempotent: READ_METHODS.has(method),
      errorContext: { action: method },
      signal,
    });
    let decoded;
    try {
      decoded = decodeResponse(res.body);
    } catch (e) {
      if (!(e instanceof XmlRpcFormatError)) throw e;
      throw new MalformedResponseError(
        `stratuslab (${this.location}): ${method} answered a malformed XML-RPC response: ${e.message}`,
        res.body.slice(0, 200),
        {
          provider: 'stratuslab',
          status: res.status,
          method: 'POST',
        },
      );
    }
    if (decoded.kind === 'fault') throw faultError(method, decoded.faultCode, decoded.faultString, this.location);
    const v = decoded.value;
    if (!Array.isArray(v) || v.length < 2 || typeof v[0] !== 'boolean') {
      throw new MalformedResponseError(
        `stratuslab (${this.location}): ${method} did not answer [ok, value, code]`,
        res.body.slice(0, 200),
        {
          provider: 'stratuslab',
          status: res.status,
          method: 'POST',
        },
      );
    }
    const [ok, value, code] = v as [boolean, XmlRpcValue, XmlRpcValue?];
    if (!ok) throw oneError(method, String(value), typeof code === 'number' ? code : 0, this.location);
    return value;
  }

  /** Closes pooled connections. */
  close(): void {
    this.#connection.close();
  }
}
