/**
 * The per-route pipeline: version negotiation (400 InvalidVersion), authentication, account
 * resolution from the path (`my` alias; another account is 403) and parameter parsing.
 * @module
 */
import type { RouteHandler, SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import { authenticate, type Caller } from './authenticate.js';
import { CloudApiError } from './errors.js';
import type { SimAccount } from './model.js';
import { requestParams, type Params } from './params.js';
import { maxSatisfying, parseRange } from './semver.js';
import { isLegacy } from './serialize.js';
import type { SimStore } from './store.js';

/** The compat version served to `X-Api-Version: ~6.5` clients. */
export const LEGACY_VERSION = '6.5.0';

/** Which versions a route serves: every one, 7.0+ only, or the 6.5/7.x compat set (datasets). */
export type RouteVersions = 'all' | 'modern' | 'compat';

/** What a route handler gets. */
export interface RouteContext {
  req: SimulatorRequest;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** Query + body parameters. */
  input: Params;
  caller: Caller;
  /** The account the path names (`my` resolved). */
  account: SimAccount;
  /** Negotiated route version. */
  version: string;
  /** 6.5 compat mode. */
  legacy: boolean;
  store: SimStore;
  /** This simulator's base URL. */
  url: string;
}

/** A route handler body. */
export type Endpoint = (ctx: RouteContext) => SimulatorReply | Promise<SimulatorReply>;

/** Builds router handlers running the CloudAPI pipeline. */
export class EndpointFactory {
  /** Negotiated version per request, for the response headers. */
  readonly versions = new WeakMap<SimulatorRequest, string>();
  private readonly store: SimStore;
  private readonly url: () => string;

  constructor(store: SimStore, url: () => string) {
    this.store = store;
    this.url = url;
  }

  /** Versions served by a route kind. */
  served(kind: RouteVersions): string[] {
    const modern = this.store.settings.versions;
    if (kind === 'modern') return [...modern];
    if (kind === 'compat') return [LEGACY_VERSION, ...modern.filter((v) => v.startsWith('7.'))];
    return [LEGACY_VERSION, ...modern];
  }

  /** Negotiates the version for `req` against `kind`; throws 400 InvalidVersion. */
  negotiate(req: SimulatorRequest, kind: RouteVersions): string {
    const h = req.headers;
    const raw = h['accept-version'] ?? h['api-version'] ?? h['x-api-version'];
    const range = (Array.isArray(raw) ? raw[0] : raw)?.trim() || '*';
    const versions = this.served(kind);
    // Without an explicit range that admits it, 6.5 is never chosen over a modern version.
    const candidates = range === '*' ? versions.filter((v) => !isLegacy(v)) : versions;
    const version = parseRange(range) ? maxSatisfying(candidates, range) : undefined;
    if (!version) {
      throw new CloudApiError('InvalidVersion', `${req.method} ${req.path} supports versions: ${versions.join(', ')}`);
    }
    this.versions.set(req, version);
    return version;
  }

  /** A handler for an authenticated `/:login/...` route. */
  route(kind: RouteVersions, fn: Endpoint): RouteHandler {
    return (req, params) => {
      const version = this.negotiate(req, kind);
      const caller = authenticate(req, this.store, version);
      const login = params['login'] ?? caller.account.login;
      if (login !== 'my' && login !== caller.account.login) {
        throw new CloudApiError('NotAuthorized', `You do not have permission to access ${req.path}`);
      }
      const input = requestParams(req);
      return fn({
        req,
        params,
        input,
        caller,
        account: caller.account,
        version,
        legacy: isLegacy(version),
        store: this.store,
        url: this.url(),
      });
    };
  }

  /** A handler for an unauthenticated route (ping). */
  open(kind: RouteVersions, fn: (req: SimulatorRequest, version: string) => SimulatorReply): RouteHandler {
    return (req) => fn(req, this.negotiate(req, kind));
  }
}
