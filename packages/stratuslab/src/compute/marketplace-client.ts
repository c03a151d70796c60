import { MalformedResponseError, NotFoundError } from '@cloudmux/core/errors';
import { Connection } from '@cloudmux/core/http';
import { parseMarketplaceMetadata, type MarketplaceEntry } from './rdf.js';
import type { TransportOptions } from './one-client.js';

/** The Marketplace metadata API (`GET <marketplace>/metadata`, RDF/XML). Anonymous reads. */
export class MarketplaceClient {
  readonly #connection: Connection;
  readonly #prefix: string;
  /** Base URL. */
  readonly endpoint: string;

  constructor(endpoint: string, transport: TransportOptions) {
    const url = new URL(endpoint);
    this.endpoint = endpoint;
    this.#prefix = url.pathname.replace(/\/+$/, '');
    this.#connection = new Connection({
      provider: 'stratuslab',
      baseUrl: url.origin,
      timeoutMs: transport.timeoutMs,
      retry: transport.retry,
      tls: transport.tls,
      debugFile: transport.debugFile,
      headers: { accept: 'application/xml' },
    });
  }

  /** The metadata URL of an image (what a VM template's `DISK/SOURCE` names). */
  metadataUrl(id: string): string {
    return `${this.endpoint}/metadata/${encodeURIComponent(id)}`;
  }

  async #get(path: string, signal: AbortSignal | undefined): Promise<MarketplaceEntry[]> {
    const res = await this.#connection.request<string>({ method: 'GET', path, responseType: 'text', signal });
    try {
      return parseMarketplaceMetadata(res.body);
    } catch (e) {
      throw new MalformedResponseError(
        `stratuslab: Marketplace ${path} answered malformed RDF/XML: ${e instanceof Error ? e.message : String(e)}`,
        res.body.slice(0, 200),
        { provider: 'stratuslab', status: res.status, method: 'GET' },
      );
    }
  }

  /** Every valid entry (`GET /metadata`). */
  list(signal?: AbortSignal): Promise<MarketplaceEntry[]> {
    return this.#get(`${this.#prefix}/metadata`, signal);
  }

  /** The entries of one image id (`GET /metadata/<id>`); `NotFoundError` when there are none. */
  async get(id: string, signal?: AbortSignal): Promise<MarketplaceEntry[]> {
    const entries = (await this.#get(`${this.#prefix}/metadata/${encodeURIComponent(id)}`, signal)).filter((e) => e.identifier === id);
    if (entries.length === 0)
      throw new NotFoundError(`stratuslab: the Marketplace has no image ${JSON.stringify(id)}`, { provider: 'stratuslab', status: 404 });
    return entries;
  }

  /** Closes pooled connections. */
  close(): void {
    this.#connection.close();
  }
}
