import { Connection, type HttpRequest, type HttpResponse } from '@cloudmux/core/http';
import { mapPowerDnsError } from './errors.js';
import type { PowerDnsDriverOptions, ResolvedSettings } from './options.js';

/**
 * One PowerDNS API endpoint: a core `Connection` that sends `X-API-Key` on every request (the key
 * lives only in the signer's closure), with paths under `/servers/{serverId}`.
 */
export class PowerDnsClient {
  /** The underlying connection. */
  readonly connection: Connection;
  readonly #server: string;

  constructor(
    readonly settings: ResolvedSettings,
    apiKey: string,
    options: Pick<PowerDnsDriverOptions, 'tls' | 'timeoutMs' | 'retry'>,
  ) {
    this.#server = `/servers/${encodeURIComponent(settings.serverId)}`;
    this.connection = new Connection({
      provider: 'powerdns',
      baseUrl: settings.url,
      signer: (req) => {
        req.headers['x-api-key'] = apiKey;
      },
      mapError: mapPowerDnsError,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
      redact: ['x-api-key'],
      headers: { accept: 'application/json' },
    });
  }

  /** `/servers/{id}/<segments...>`, each segment URI-encoded. */
  path(...segments: string[]): string {
    let p = this.#server;
    for (const s of segments) p += `/${encodeURIComponent(s)}`;
    return p;
  }

  /** Sends a request. */
  request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    return this.connection.request<T>(req);
  }

  /** Closes pooled connections. */
  close(): void {
    this.connection.close();
  }
}
