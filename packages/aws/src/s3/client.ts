import type { Readable } from 'node:stream';
import { Connection, type HttpMethod, type HttpResponse, type QueryValue } from '@cloudmux/core/http';
import { signRequestV4, UNSIGNED_PAYLOAD, type AwsCredentials } from '../signing/sigv4.js';
import { mapS3Error, redirectRegion } from './errors.js';
import { dnsCompatible, encodeKey } from './names.js';
import type { ResolvedS3Options } from './options.js';
import { presignUrlV4 } from './presign.js';
import { templateEndpoint } from './options.js';

/** One S3 REST request. */
export interface S3Request {
  method: HttpMethod;
  bucket?: string | undefined;
  key?: string | undefined;
  query?: Readonly<Record<string, QueryValue>> | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  /** Bytes (hashed into the signature), or a factory of a stream of `contentLength` bytes (sent as-is, never aws-chunked). */
  body?: Buffer | (() => Readable) | undefined;
  /** Length of a streamed body (required with a stream factory). */
  contentLength?: number | undefined;
  /** Payload hash of a streamed body (hex SHA-256) or `UNSIGNED-PAYLOAD` (default). */
  payloadHash?: string | undefined;
  responseType?: 'text' | 'stream' | undefined;
  idempotent?: boolean | undefined;
  acceptStatus?: readonly number[] | undefined;
  /** Operation name (`PutObject`) for errors. */
  action: string;
  signal?: AbortSignal | undefined;
}

/** Where a redirect pointed, for the error a mapper produced. */
const redirects = new WeakMap<object, string>();

/**
 * The S3 REST connection of one driver: builds virtual-hosted or path-style URLs, signs every
 * attempt with SigV4 for the bucket's region (one keep-alive connection per region), maps S3 error
 * XML, and follows a region redirect (301 `PermanentRedirect`, `AuthorizationHeaderMalformed`) once,
 * remembering the bucket's region.
 */
export class S3Client {
  readonly #creds: AwsCredentials;
  readonly #o: ResolvedS3Options;
  readonly #connections = new Map<string, Connection>();
  readonly #bucketRegions = new Map<string, string>();

  constructor(creds: AwsCredentials, options: ResolvedS3Options) {
    this.#creds = creds;
    this.#o = options;
  }

  /** The region requests for `bucket` are signed for (learned from redirects). */
  regionOf(bucket: string | undefined): string {
    return (bucket === undefined ? undefined : this.#bucketRegions.get(bucket)) ?? this.#o.region;
  }

  #endpoint(region: string): string {
    const template = this.#o.provider.defaults?.endpointTemplate;
    if (region === this.#o.region || !this.#o.regional || template === undefined) return this.#o.endpoint;
    return templateEndpoint(template, region, this.#o.accountId).replace(/\/+$/, '');
  }

  /** The URL of a bucket or object (no query), virtual-hosted unless path style applies. */
  url(bucket: string | undefined, key: string | undefined, region = this.regionOf(bucket)): URL {
    const base = new URL(this.#endpoint(region));
    const prefix = base.pathname.replace(/\/+$/, '');
    const keyPath = key === undefined ? '' : encodeKey(key);
    if (bucket === undefined) return new URL(`${base.origin}${prefix}/`);
    const virtual = !this.#o.forcePathStyle && dnsCompatible(bucket);
    if (virtual) return new URL(`${base.protocol}//${bucket}.${base.host}${prefix}/${keyPath}`);
    return new URL(`${base.origin}${prefix}/${bucket}${key === undefined ? '' : `/${keyPath}`}`);
  }

  #connection(region: string): Connection {
    let c = this.#connections.get(region);
    if (c) return c;
    const creds = this.#creds;
    c = new Connection({
      provider: this.#o.provider.id,
      baseUrl: this.#endpoint(region),
      signer: (req) => signRequestV4(req, creds, { region, service: 's3' }),
      mapError: (ctx) => {
        const err = mapS3Error(ctx);
        const to = redirectRegion(ctx);
        if (to !== undefined) redirects.set(err, to);
        return err;
      },
      requestIdHeaders: ['x-amz-request-id'],
      redact: ['X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token'],
      retry: this.#o.retry,
      ...(this.#o.timeoutMs === undefined ? {} : { timeoutMs: this.#o.timeoutMs }),
    });
    this.#connections.set(region, c);
    return c;
  }

  /** Sends a request; a region redirect is followed once (and remembered for the bucket). */
  async send<T = string>(r: S3Request): Promise<HttpResponse<T>> {
    const region = this.regionOf(r.bucket);
    try {
      return await this.#attempt<T>(r, region);
    } catch (e) {
      const to = typeof e === 'object' && e !== null ? redirects.get(e) : undefined;
      if (to === undefined || to === region || r.bucket === undefined) throw e;
      this.#bucketRegions.set(r.bucket, to);
      return this.#attempt<T>(r, to);
    }
  }

  #attempt<T>(r: S3Request, region: string): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...r.headers };
    let body: Buffer | Readable | undefined;
    if (typeof r.body === 'function') {
      body = r.body();
      headers['content-length'] = String(r.contentLength ?? 0);
      headers['x-amz-content-sha256'] = r.payloadHash ?? UNSIGNED_PAYLOAD;
    } else if (r.body !== undefined) {
      body = r.body;
      headers['content-length'] = String(r.body.length);
    } else if (r.method === 'PUT' || r.method === 'POST') headers['content-length'] = '0';
    return this.#connection(region).request<T>({
      method: r.method,
      path: this.url(r.bucket, r.key, region).href,
      query: r.query,
      headers,
      body,
      responseType: r.responseType ?? 'text',
      idempotent: typeof r.body === 'function' ? false : (r.idempotent ?? (r.method === 'GET' || r.method === 'HEAD')),
      acceptStatus: r.acceptStatus,
      signal: r.signal,
      errorContext: { action: r.action },
    });
  }

  /** Throws the mapped error of a 200 response whose body is an `<Error>` (CompleteMultipartUpload, CopyObject). */
  throwEmbeddedError(res: HttpResponse<string>, action: string): never {
    throw mapS3Error({
      provider: this.#o.provider.id,
      status: 500,
      headers: res.headers,
      bodyText: res.body,
      method: 'POST',
      url: '',
      requestId: res.requestId,
      retryAfterMs: undefined,
      errorContext: { action },
    });
  }

  /** A presigned URL for `GET` or `PUT` of an object. */
  presign(method: 'GET' | 'PUT', bucket: string, key: string, expiresSec: number): string {
    const region = this.regionOf(bucket);
    return presignUrlV4({ method, url: this.url(bucket, key, region), region, expiresSec }, this.#creds);
  }

  /** Closes every keep-alive connection. */
  close(): void {
    for (const c of this.#connections.values()) c.close();
    this.#connections.clear();
  }
}
