/**
 * The Nova service client: negotiates the microversion once (lazily, from the version document) and sends it
 * on every request as `OpenStack-API-Version: compute X` and `X-OpenStack-Nova-API-Version: X`.
 * @module
 */
import type { HttpRequest, HttpResponse } from '@cloudmux/core/http';
import { ServiceClient, type ServiceClientOptions } from '../common/service-client.js';
import type { IdentitySession } from '../identity/session.js';
import { negotiateMicroversion } from './microversion.js';

/** Options of a {@link NovaClient}. */
export interface NovaClientOptions extends ServiceClientOptions {
  /** A microversion to use instead of negotiating (`"2.60"`, `"latest"`). */
  microversion?: string | undefined;
}

/** A {@link ServiceClient} for Nova that negotiates and sends the compute microversion. */
export class NovaClient extends ServiceClient {
  readonly #session: IdentitySession;
  readonly #pinned: string | undefined;
  #negotiation: Promise<string | undefined> | undefined;
  #microversion: string | undefined;

  constructor(session: IdentitySession, options: NovaClientOptions) {
    const { microversion, ...rest } = options;
    super(session, rest);
    this.#session = session;
    this.#pinned = microversion;
  }

  /** The microversion in use (`undefined` before the first request, or when the cloud has none). */
  get microversion(): string | undefined {
    return this.#microversion;
  }

  /** Negotiates once (concurrent callers share it) and returns the microversion in use. */
  negotiate(signal?: AbortSignal): Promise<string | undefined> {
    if (!this.#negotiation) {
      const work = (async () => {
        const found = await this.#session.discover(this.selector, signal);
        const chosen = negotiateMicroversion(this.provider, found.version?.minMicroversion, found.version?.maxMicroversion, this.#pinned);
        this.#microversion = chosen;
        this.setHeader('OpenStack-API-Version', chosen === undefined ? undefined : `compute ${chosen}`);
        this.setHeader('X-OpenStack-Nova-API-Version', chosen);
        return chosen;
      })();
      this.#negotiation = work;
      work.catch(() => {
        if (this.#negotiation === work) this.#negotiation = undefined;
      });
    }
    return this.#negotiation;
  }

  /** Negotiates first, then sends the request with the microversion headers. */
  override async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    if (this.#negotiation === undefined || this.#microversion === undefined) await this.negotiate(req.signal);
    return super.request<T>(req);
  }
}
