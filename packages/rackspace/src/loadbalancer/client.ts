/**
 * Requests to the Cloud Load Balancers endpoint of one region: the OpenStack `ServiceClient` (catalog URL,
 * `X-Auth-Token`, one retry on 401, 413/429/5xx mapping) with this API's own fault bodies mapped here.
 * @module
 */
import { MalformedResponseError } from '@cloudmux/core/errors';
import type { HttpMethod, QueryValue } from '@cloudmux/core/http';
import { ServiceClient, type EndpointInterface, type IdentitySession } from '@cloudmux/openstack';
import { RACKSPACE_SERVICES } from '../identity/index.js';
import { mapLoadBalancerFault } from './errors.js';

/** Statuses whose bodies this module maps (the rest go through the OpenStack mapper). */
const OWN_FAULTS: readonly number[] = Object.freeze([400, 404, 409, 422]);

/** One request. */
export interface LbRequest {
  /** Method. */
  method: HttpMethod;
  /** Path under the account URL (`loadbalancers/12/nodes`). */
  path: string;
  /** Query parameters. */
  query?: Readonly<Record<string, QueryValue>> | undefined;
  /** JSON body. */
  json?: unknown;
  /** Operation name for errors (`create balancer web`). */
  action: string;
  /** Abort signal. */
  signal?: AbortSignal | undefined;
}

/** A response: status and parsed JSON body (undefined when empty). */
export interface LbResponse<T> {
  /** Status. */
  status: number;
  /** Parsed body. */
  body: T | undefined;
}

/** The client of one region's Cloud Load Balancers endpoint. */
export class LoadBalancerClient {
  readonly #client: ServiceClient;
  readonly #provider: string;

  constructor(session: IdentitySession, options: { provider: string; region: string; interface?: EndpointInterface | undefined }) {
    this.#provider = options.provider;
    this.#client = new ServiceClient(session, {
      provider: options.provider,
      selector: {
        ...RACKSPACE_SERVICES.loadBalancers,
        region: options.region,
        ...(options.interface ? { interface: options.interface } : {}),
      },
    });
  }

  /** The account URL (`https://dfw.loadbalancers.api.rackspacecloud.com/v1.0/<account>`). */
  baseUrl(signal?: AbortSignal): Promise<string> {
    return this.#client.baseUrl(signal);
  }

  /** Sends a request; faults become core errors (see `mapLoadBalancerFault`). */
  async send<T>(req: LbRequest): Promise<LbResponse<T>> {
    const res = await this.#client.request<string>({
      method: req.method,
      path: req.path,
      query: req.query,
      json: req.json,
      responseType: 'text',
      acceptStatus: OWN_FAULTS,
      signal: req.signal,
      errorContext: { action: req.action },
      headers: { accept: 'application/json' },
    });
    const text = typeof res.body === 'string' ? res.body : '';
    if (OWN_FAULTS.includes(res.status)) {
      const url = `${await this.baseUrl(req.signal)}/${req.path}`;
      throw mapLoadBalancerFault(res.status, text, {
        provider: this.#provider,
        method: req.method,
        url,
        action: req.action,
        requestId: res.requestId,
      });
    }
    if (text.trim() === '') return { status: res.status, body: undefined };
    try {
      return { status: res.status, body: JSON.parse(text) as T };
    } catch {
      throw new MalformedResponseError(`${this.#provider}: ${req.action}: the response is not JSON`, text, {
        provider: this.#provider,
        status: res.status,
        method: req.method,
        requestId: res.requestId,
      });
    }
  }

  /** Closes keep-alive sockets. */
  close(): Promise<void> {
    return this.#client.close();
  }
}
