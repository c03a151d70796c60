/**
 * The Cloud Files CDN management API (the catalog's `rax:object-cdn` / `cloudFilesCDN` endpoint): enable,
 * update and read a container's CDN settings, list CDN containers, purge an object from the edge.
 * @module
 */
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import type { HttpResponse } from '@cloudmux/core/http';
import { ServiceClient, encodeSwiftObjectPath, encodeSwiftPathSegment, type IdentitySession } from '@cloudmux/openstack';
import { RACKSPACE_SERVICES } from '../identity/index.js';
import { CDN_MAX_TTL, CDN_MIN_TTL, type CdnContainerWire } from './cdn-wire.js';
import { cdnInfoFromHeaders, cdnInfoFromWire, type CloudFilesCdnInfo } from './to-cdn-info.js';

/** CDN settings to send (`X-TTL`, `X-Log-Retention`, `X-CDN-Enabled`). */
export interface CdnSettings {
  ttl?: number | undefined;
  logRetention?: boolean | undefined;
  enabled?: boolean | undefined;
}

/** Checks a TTL: an integer number of seconds from 900 to 31536000. */
export function checkCdnTtl(method: string, ttl: unknown, provider: string): number | undefined {
  if (ttl === undefined) return undefined;
  if (typeof ttl !== 'number' || !Number.isSafeInteger(ttl) || ttl < CDN_MIN_TTL || ttl > CDN_MAX_TTL)
    throw new InvalidArgumentError(
      `${method}: invalid ttl ${JSON.stringify(ttl)}: expected whole seconds from ${CDN_MIN_TTL} (15 minutes) to ${CDN_MAX_TTL} (one year)`,
      { provider },
    );
  return ttl;
}

/** Checks a log retention flag. */
export function checkLogRetention(method: string, v: unknown, provider: string): boolean | undefined {
  if (v === undefined || typeof v === 'boolean') return v;
  throw new InvalidArgumentError(`${method}: invalid logRetention ${JSON.stringify(v)}: expected true or false`, { provider });
}

function settingsHeaders(s: CdnSettings): Record<string, string> {
  const h: Record<string, string> = {};
  if (s.enabled !== undefined) h['x-cdn-enabled'] = s.enabled ? 'True' : 'False';
  if (s.ttl !== undefined) h['x-ttl'] = String(s.ttl);
  if (s.logRetention !== undefined) h['x-log-retention'] = s.logRetention ? 'True' : 'False';
  return h;
}

/** Requests to the CDN management API of one region. */
export class CloudFilesCdnApi {
  readonly #client: ServiceClient;
  readonly #provider: string;
  readonly #pageSize: number;

  constructor(session: IdentitySession, options: { provider: string; region: string; pageSize: number }) {
    this.#provider = options.provider;
    this.#pageSize = options.pageSize;
    // The CDN management API has public endpoints only, also for ServiceNet users.
    this.#client = new ServiceClient(session, {
      provider: options.provider,
      selector: { ...RACKSPACE_SERVICES.cdn, region: options.region, interface: 'public' },
    });
  }

  /** The CDN management URL of the account (`…/v1/MossoCloudFS_…`). */
  baseUrl(signal?: AbortSignal): Promise<string> {
    return this.#client.baseUrl(signal);
  }

  /** `HEAD /<container>`: the container's CDN settings; `NotFoundError` naming it if it was never CDN-enabled. */
  async info(container: string, signal?: AbortSignal): Promise<CloudFilesCdnInfo> {
    const res = await this.#send('HEAD', container, {}, `get CDN settings of container ${container}`, signal);
    return cdnInfoFromHeaders(container, res.headers);
  }

  /** `PUT /<container>` with `X-CDN-Enabled: True` (201 first time, 202 when it was CDN-enabled before). */
  async enable(container: string, s: CdnSettings, signal?: AbortSignal): Promise<void> {
    await this.#send('PUT', container, settingsHeaders({ ...s, enabled: true }), `CDN-enable container ${container}`, signal);
  }

  /** `POST /<container>`: changes TTL, log retention or the enabled flag of a CDN container. */
  async update(container: string, s: CdnSettings, signal?: AbortSignal): Promise<void> {
    await this.#send('POST', container, settingsHeaders(s), `update CDN settings of container ${container}`, signal);
  }

  /** `DELETE /<container>` with `X-Remove-CDN-Container: t`: drops a container from the CDN listing. */
  async remove(container: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.#client.request<string>({
        method: 'DELETE',
        path: `/${encodeSwiftPathSegment(container)}`,
        headers: { 'x-remove-cdn-container': 't' },
        responseType: 'text',
        signal,
        errorContext: { action: `remove container ${container} from the CDN listing` },
      });
    } catch (err) {
      throw this.#notCdn(err, container);
    }
  }

  /** `DELETE /<container>/<object>`: purges the object from the CDN edge (optionally mailing `X-Purge-Email`). */
  async purge(container: string, object: string, email: string | undefined, signal?: AbortSignal): Promise<void> {
    try {
      await this.#client.request<string>({
        method: 'DELETE',
        path: `/${encodeSwiftPathSegment(container)}/${encodeSwiftObjectPath(object)}`,
        headers: email === undefined ? {} : { 'x-purge-email': email },
        responseType: 'text',
        // A purge counts against a daily quota: never repeated automatically.
        idempotent: false,
        signal,
        errorContext: { action: `purge ${container}/${object} from the CDN` },
      });
    } catch (err) {
      throw this.#notCdn(err, container);
    }
  }

  /** `GET /?format=json` page by page (`marker`/`limit`), optionally `enabled_only=true`. */
  async *list(enabledOnly: boolean, signal?: AbortSignal): AsyncIterable<CloudFilesCdnInfo> {
    let marker: string | undefined;
    for (;;) {
      const res = await this.#client.request<CdnContainerWire[] | string>({
        method: 'GET',
        path: '',
        query: {
          format: 'json',
          limit: this.#pageSize,
          ...(marker === undefined ? {} : { marker }),
          ...(enabledOnly ? { enabled_only: 'true' } : {}),
        },
        responseType: 'json',
        signal,
        errorContext: { action: 'list CDN containers' },
      });
      // 204 No Content: no (more) CDN containers.
      const page = Array.isArray(res.body) ? res.body : [];
      for (const entry of page) if (entry && typeof entry.name === 'string') yield cdnInfoFromWire(entry);
      const last = page.at(-1);
      if (page.length < this.#pageSize || last === undefined) return;
      marker = last.name;
    }
  }

  /** Closes keep-alive sockets. */
  close(): void {
    void this.#client.close();
  }

  async #send(
    method: 'HEAD' | 'PUT' | 'POST',
    container: string,
    headers: Record<string, string>,
    action: string,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse<string>> {
    try {
      return await this.#client.request<string>({
        method,
        path: `/${encodeSwiftPathSegment(container)}`,
        headers: method === 'HEAD' ? headers : { ...headers, 'content-length': '0' },
        responseType: 'text',
        signal,
        errorContext: { action },
      });
    } catch (err) {
      throw this.#notCdn(err, container);
    }
  }

  #notCdn(err: unknown, container: string): unknown {
    if (!(err instanceof NotFoundError) || err.providerCode === 'EndpointNotFound') return err;
    return new NotFoundError(
      `Container "${container}" is not CDN-enabled (or does not exist): enable it with enableContainerCdn first (HTTP 404${err.requestId ? `, request id ${err.requestId}` : ''})`,
      {
        provider: this.#provider,
        status: 404,
        method: err.method,
        url: err.url,
        providerCode: err.providerCode ?? 'NotFound',
        providerMessage: err.providerMessage,
        requestId: err.requestId,
        cause: err,
      },
    );
  }
}
