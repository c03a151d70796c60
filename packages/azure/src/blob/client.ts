import type { Readable } from 'node:stream';
import { Connection, type HttpMethod, type HttpResponse, type QueryValue, type SignableRequest } from '@cloudmux/core/http';
import { AZURE_BLOB_VERSION, sharedKeyAuthorization } from './shared-key.js';
import { mapAzureError } from './errors.js';
import type { ResolvedAzureOptions } from './options.js';

/** One Blob service request. */
export interface BlobRequest {
  method: HttpMethod;
  /** Container, if the request addresses one. */
  container?: string | undefined;
  /** Blob name, if the request addresses one. */
  blob?: string | undefined;
  query?: Readonly<Record<string, QueryValue>> | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  body?: Buffer | undefined;
  responseType?: 'text' | 'buffer' | 'stream' | undefined;
  /** Statuses returned instead of thrown. */
  acceptStatus?: readonly number[] | undefined;
  idempotent?: boolean | undefined;
  /** Operation name for error messages (`PutBlob`). */
  action: string;
  signal?: AbortSignal | undefined;
}

/** Percent-encodes a blob name for a URL path, keeping `/` (each segment encoded). */
export function encodeBlobPath(name: string): string {
  return name
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * The Blob service connection of one driver: the endpoint, `x-ms-version`/`x-ms-date` on every
 * attempt, and either SharedKey signing (account key kept in a private field) or a SAS token
 * appended to every URL.
 */
export class BlobClient {
  /** Storage account. */
  readonly account: string;
  /** Endpoint without a trailing slash. */
  readonly endpoint: string;
  readonly #connection: Connection;
  readonly #key: string | undefined;
  readonly #sas: URLSearchParams | undefined;

  constructor(account: string, key: string | undefined, options: ResolvedAzureOptions, provider: string) {
    this.account = account;
    this.endpoint = options.endpoint;
    this.#key = key;
    this.#sas = options.sasToken === undefined ? undefined : new URLSearchParams(options.sasToken);
    this.#connection = new Connection({
      provider,
      baseUrl: options.endpoint,
      signer: (req) => this.#sign(req),
      mapError: mapAzureError,
      requestIdHeaders: ['x-ms-request-id'],
      redact: ['sig', 'x-ms-copy-source'],
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  }

  /** Whether requests are signed with the account key (needed to make SAS URLs). */
  get hasKey(): boolean {
    return this.#key !== undefined;
  }

  /** The account key, for SAS signing inside this package only. */
  signingKey(): string | undefined {
    return this.#key;
  }

  #sign(req: SignableRequest): void {
    req.headers['x-ms-version'] = AZURE_BLOB_VERSION;
    req.headers['x-ms-date'] = new Date().toUTCString();
    if (this.#sas) {
      for (const [k, v] of this.#sas) req.url.searchParams.set(k, v);
      return;
    }
    if (this.#key === undefined) return;
    req.headers.authorization = sharedKeyAuthorization(
      { method: req.method, url: req.url, headers: req.headers, account: this.account },
      this.#key,
    );
  }

  /** The path of a container or blob relative to the endpoint. */
  path(container?: string, blob?: string): string {
    if (container === undefined) return '/';
    return blob === undefined ? `/${container}` : `/${container}/${encodeBlobPath(blob)}`;
  }

  /** The full URL of a blob (no auth). */
  blobUrl(container: string, blob: string): string {
    return `${this.endpoint}${this.path(container, blob)}`;
  }

  /** A blob URL that authorizes reading it as a copy source: the driver's SAS token, or nothing (SharedKey: same account). */
  copySourceUrl(container: string, blob: string): string {
    const url = this.blobUrl(container, blob);
    return this.#sas ? `${url}?${this.#sas.toString()}` : url;
  }

  /** Sends a request. */
  send<T = string>(r: BlobRequest): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== undefined) headers['content-length'] = String(r.body.length);
    else if (r.method === 'PUT' || r.method === 'POST') headers['content-length'] = '0';
    return this.#connection.request<T>({
      method: r.method,
      path: this.path(r.container, r.blob),
      query: r.query,
      headers,
      body: r.body,
      responseType: r.responseType ?? 'text',
      acceptStatus: r.acceptStatus,
      idempotent: r.idempotent,
      signal: r.signal,
      errorContext: { action: r.action },
    });
  }

  /** Sends a request whose response body is streamed. */
  stream(r: BlobRequest): Promise<HttpResponse<Readable>> {
    return this.send<Readable>({ ...r, responseType: 'stream' });
  }

  /** Closes the keep-alive sockets. */
  close(): void {
    this.#connection.close();
  }
}
