/**
 * The identity session: authenticates against Keystone (v3 or v2.0), caches the one token, shares one
 * in-flight authentication among concurrent callers, refreshes before expiry, and resolves service endpoints
 * from the catalog (or overrides), discovering the version when the catalog URL is unversioned.
 * @module
 */
import { Connection, type ConnectionOptions, type HttpResponse } from '@cloudmux/core/http';
import { InvalidArgumentError, InvalidCredentialsError, MalformedResponseError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import { mapOpenStackError } from '../common/errors.js';
import { selectEndpoint } from './catalog.js';
import { chooseVersion, parseVersionDocument, trimSlash, versionRoot, versionOfUrl } from './discovery.js';
import { canonicalServiceType, defaultServiceVersion } from './service-types.js';
import type {
  AccessInfo,
  DiscoveredVersion,
  EndpointInterface,
  IdentityCredentials,
  IdentityScope,
  ServiceEndpoint,
  ServiceSelector,
} from './types.js';
import { credentialApiVersion, credentialLabel, raced } from './credentials.js';
import { parseV2Access, v2AuthBody, v2TokenId } from './v2.js';
import { parseV3Token, v3AuthBody } from './v3.js';

/** Connection settings the session (and, by default, its service clients) use. */
export type SessionConnectionOptions = Pick<
  ConnectionOptions,
  'retry' | 'timeoutMs' | 'tls' | 'headers' | 'debugFile' | 'redact' | 'keepAlive'
>;

/** Options of an {@link IdentitySession}. */
export interface IdentitySessionOptions {
  /**
   * Keystone URL: versioned (`https://keystone:5000/v3`, `…/v2.0`) or not (`https://cloud/identity`), in which
   * case `/v3` (or `/v2.0` for v2.0 credentials) is appended.
   */
  authUrl: string;
  /** Credentials; `custom` lets a vendor add its own credential type (e.g. Rackspace API keys). */
  credentials: IdentityCredentials;
  /** What the token is scoped to (project, or domain); none gives an unscoped token (no catalog). */
  scope?: IdentityScope | undefined;
  /** Provider id for errors, traces and the User-Agent (default `openstack`). */
  provider?: string | undefined;
  /** Default region for catalog lookups. */
  region?: string | undefined;
  /** Default interface for catalog lookups (default `public`). */
  interface?: EndpointInterface | undefined;
  /** Base URL per service type (aliases accepted: `volumev3` and `block-storage` are the same), instead of the catalog's. */
  endpointOverrides?: Readonly<Record<string, string>> | undefined;
  /** Refresh a token this long before it expires (default 60000 ms; at most half the token's lifetime). */
  refreshMarginMs?: number | undefined;
  /** HTTP settings for Keystone and, by default, the services. */
  connection?: SessionConnectionOptions | undefined;
  /** Clock (ms since epoch), for tests; default `Date.now`. */
  now?: (() => number) | undefined;
}

/** A version-discovery result for a service. */
export interface DiscoveryResult {
  /** The endpoint (base URL after discovery). */
  endpoint: ServiceEndpoint;
  /** The version in use, when the version document named it. */
  version: DiscoveredVersion | undefined;
  /** Every version the document listed. */
  versions: readonly DiscoveredVersion[];
}

interface CachedToken {
  token: string;
  access: AccessInfo;
  /** Local receive time. */
  receivedAt: number;
}

const DEFAULT_MARGIN_MS = 60_000;

/** Fills `{project_id}`, `%(project_id)s`, `$(project_id)s` (and `tenant_id`) in an endpoint override. */
function hasTemplate(url: string): boolean {
  return /\{(?:project|tenant)_id\}|[%$]\((?:project|tenant)_id\)s/.test(url);
}

/**
 * One Keystone login shared by every service client of a driver. Secrets (credentials, the token) live in
 * private fields: `util.inspect(session)` shows only the provider, the auth URL and the catalog defaults.
 */
export class IdentitySession {
  /** Provider id. */
  readonly provider: string;
  /** Versioned Keystone URL (`…/v3` or `…/v2.0`), no trailing slash. */
  readonly authUrl: string;
  /** Keystone API in use. */
  readonly identityApiVersion: '2.0' | '3';
  /** Default region for catalog lookups. */
  readonly region: string | undefined;
  /** Default interface for catalog lookups. */
  readonly interface: EndpointInterface;
  /** Refresh margin in ms. */
  readonly refreshMarginMs: number;

  readonly #credentials: IdentityCredentials;
  readonly #scope: IdentityScope | undefined;
  readonly #overrides: ReadonlyMap<string, string>;
  readonly #connectionOptions: SessionConnectionOptions;
  readonly #conn: Connection;
  readonly #now: () => number;
  #cached: CachedToken | undefined;
  #inflight: Promise<CachedToken> | undefined;
  readonly #discoveries = new Map<
    string,
    Promise<{ url: string; version: DiscoveredVersion | undefined; versions: DiscoveredVersion[] }>
  >();

  constructor(options: IdentitySessionOptions) {
    const provider = options.provider ?? 'openstack';
    this.provider = provider;
    if (typeof options.authUrl !== 'string' || options.authUrl === '') {
      throw new InvalidArgumentError(`${provider}: authUrl is required (OS_AUTH_URL)`, { provider });
    }
    const credentials = options.credentials as IdentityCredentials | undefined;
    if (!credentials || typeof credentials !== 'object')
      throw new InvalidArgumentError(`${provider}: credentials are required`, { provider });
    const credentialVersion = credentialApiVersion(provider, credentials);
    const base = trimSlash(options.authUrl);
    let parsed: URL;
    try {
      parsed = new URL(base);
    } catch {
      throw new InvalidArgumentError(`${provider}: authUrl is not a URL: "${base}"`, { provider });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new InvalidArgumentError(`${provider}: authUrl must be http(s), got "${parsed.protocol}"`, { provider });
    }
    const urlVersion = /\/v(2\.0|3)$/.exec(parsed.pathname.replace(/\/+$/, ''))?.[1] as '2.0' | '3' | undefined;
    if (urlVersion !== undefined && urlVersion !== credentialVersion) {
      throw new InvalidArgumentError(
        `${provider}: authUrl is a Keystone v${urlVersion} URL but ${credentialLabel(credentials)} credentials need v${credentialVersion}`,
        { provider },
      );
    }
    this.identityApiVersion = credentialVersion;
    this.authUrl = urlVersion !== undefined ? base : `${base}/${credentialVersion === '3' ? 'v3' : 'v2.0'}`;
    this.region = options.region;
    this.interface = options.interface ?? 'public';
    if (!['public', 'internal', 'admin'].includes(this.interface)) {
      throw new InvalidArgumentError(`${provider}: interface "${String(this.interface)}" is not one of public, internal, admin`, {
        provider,
      });
    }
    const margin = options.refreshMarginMs ?? DEFAULT_MARGIN_MS;
    if (!Number.isFinite(margin) || margin < 0) {
      throw new InvalidArgumentError(`${provider}: refreshMarginMs must be a finite number >= 0, got ${String(margin)}`, { provider });
    }
    this.refreshMarginMs = margin;
    this.#credentials = credentials;
    this.#scope = options.scope;
    const overrides = new Map<string, string>();
    for (const [type, url] of Object.entries(options.endpointOverrides ?? {})) {
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
        throw new InvalidArgumentError(`${provider}: endpoint override for "${type}" must be an http(s) URL`, { provider });
      }
      overrides.set(canonicalServiceType(type), trimSlash(url));
    }
    this.#overrides = overrides;
    this.#connectionOptions = { ...options.connection };
    this.#now = options.now ?? Date.now;
    this.#conn = new Connection({ ...this.#connectionOptions, provider, baseUrl: this.authUrl, mapError: mapOpenStackError });
  }

  /** Connection settings service clients inherit (TLS, retry, timeouts, debug trace). */
  connectionOptions(): SessionConnectionOptions {
    return { ...this.#connectionOptions };
  }

  /** Current token, authenticating once when needed; concurrent callers share one in-flight request; refreshed before expiry. */
  async token(signal?: AbortSignal): Promise<string> {
    return (await this.#current(signal)).token;
  }

  /** Drops `token` if it is still the cached one (after a 401), so the next token() re-authenticates. */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  /** What Keystone said about the current token (user, project, roles, expiry, catalog), authenticating if needed. */
  async access(signal?: AbortSignal): Promise<AccessInfo> {
    return (await this.#current(signal)).access;
  }

  /** Scoped project id (from the token), for URL templates like /v2.1/{project_id}. */
  async projectId(signal?: AbortSignal): Promise<string | undefined> {
    return (await this.access(signal)).projectId;
  }

  /** Base URL of a service from the catalog (or an override), version-discovered when unversioned, no trailing slash. */
  async endpoint(selector: ServiceSelector, signal?: AbortSignal): Promise<string> {
    return (await this.resolveEndpoint(selector, signal)).url;
  }

  /** Like {@link endpoint}, with where the URL came from. */
  async resolveEndpoint(selector: ServiceSelector, signal?: AbortSignal): Promise<ServiceEndpoint> {
    const found = await this.#catalogEndpoint(selector, signal);
    if (versionRoot(found.catalogUrl) !== undefined) return found;
    const wanted = this.#wantedVersion(selector);
    if (wanted === undefined) return found;
    const discovered = await this.#discover(found.catalogUrl, wanted, signal);
    return { ...found, url: discovered.url };
  }

  /**
   * Reads the service's version document and returns the version in use with its microversion range
   * (Nova `min_version`/`version`), e.g. to negotiate `OpenStack-API-Version: compute 2.x`. For a versioned
   * catalog URL the document at the version root (`…/v2.1/`) is read; results are cached per URL.
   */
  async discover(selector: ServiceSelector, signal?: AbortSignal): Promise<DiscoveryResult> {
    const found = await this.#catalogEndpoint(selector, signal);
    const root = versionRoot(found.catalogUrl);
    const wanted = root !== undefined ? (versionOfUrl(found.catalogUrl) ?? '') : this.#wantedVersion(selector);
    if (wanted === undefined) return { endpoint: found, version: undefined, versions: [] };
    const discovered = await this.#discover(root ?? found.catalogUrl, wanted, signal);
    return {
      endpoint: root !== undefined ? found : { ...found, url: discovered.url },
      version: discovered.version,
      versions: discovered.versions,
    };
  }

  /** Closes the session's keep-alive sockets (it stays usable). */
  close(): void {
    this.#conn.close();
  }

  #wantedVersion(selector: ServiceSelector): string | undefined {
    if (selector.version !== undefined) return selector.version;
    if (selector.type.toLowerCase() === 'volumev2') return 'v2';
    return defaultServiceVersion(selector.type);
  }

  async #catalogEndpoint(selector: ServiceSelector, signal: AbortSignal | undefined): Promise<ServiceEndpoint> {
    const type = canonicalServiceType(selector.type);
    const override = this.#overrides.get(type);
    if (override !== undefined) {
      const url = hasTemplate(override) ? await this.#fillTemplate(override, signal) : override;
      return {
        url,
        serviceType: type,
        source: 'override',
        catalogUrl: url,
        region: selector.region ?? this.region,
        interface: selector.interface ?? this.interface,
      };
    }
    const access = await this.access(signal);
    const { endpoint } = selectEndpoint(this.provider, access.catalog, selector, { region: this.region, interface: this.interface });
    const url = trimSlash(endpoint.url);
    return { url, serviceType: type, source: 'catalog', catalogUrl: url, region: endpoint.region, interface: endpoint.interface };
  }

  async #fillTemplate(url: string, signal: AbortSignal | undefined): Promise<string> {
    const projectId = await this.projectId(signal);
    if (projectId === undefined) {
      throw new InvalidArgumentError(
        `${this.provider}: endpoint override "${url}" needs a project id but the token is not project-scoped`,
        {
          provider: this.provider,
        },
      );
    }
    return url.replace(/\{(?:project|tenant)_id\}|[%$]\((?:project|tenant)_id\)s/g, encodeURIComponent(projectId));
  }

  #discover(
    url: string,
    wanted: string,
    signal: AbortSignal | undefined,
  ): Promise<{ url: string; version: DiscoveredVersion | undefined; versions: DiscoveredVersion[] }> {
    const key = `${url} ${wanted}`;
    let pending = this.#discoveries.get(key);
    if (!pending) {
      pending = this.#fetchVersions(url, wanted);
      this.#discoveries.set(key, pending);
      pending.catch(() => this.#discoveries.delete(key));
    }
    return raced(pending, signal, this.provider);
  }

  async #fetchVersions(
    url: string,
    wanted: string,
  ): Promise<{ url: string; version: DiscoveredVersion | undefined; versions: DiscoveredVersion[] }> {
    const versioned = versionRoot(url) !== undefined;
    let body: unknown;
    try {
      // Version documents are public; Glance and Cinder answer their root with 300 Multiple Choices.
      // Some services (Nova's /v2.1/) document their version behind authentication: send the token along.
      const token = await this.token();
      const res = await this.#conn.request<unknown>({
        method: 'GET',
        path: `${url}/`,
        headers: { 'x-auth-token': token },
        acceptStatus: [300],
        errorContext: { action: 'version discovery' },
      });
      body = res.body;
    } catch (err) {
      // No version document: talk to the catalog URL with the wanted version appended (unversioned) or as is.
      if (err instanceof NotFoundError) return { url: versioned ? url : `${url}/${wanted}`, version: undefined, versions: [] };
      throw err;
    }
    const versions = parseVersionDocument(body);
    const version = chooseVersion(versions, wanted);
    if (versioned) return { url, version, versions };
    if (!version) {
      if (versions.length === 0) return { url: `${url}/${wanted}`, version: undefined, versions };
      throw new NotFoundError(
        `${this.provider}: ${url} offers API versions ${versions.map((v) => `${v.id}${v.status ? ` (${v.status})` : ''}`).join(', ')}, not ${wanted}`,
        { provider: this.provider, providerCode: 'VersionNotFound' },
      );
    }
    return { url: trimSlash(version.url ?? `${url}/${version.id}`), version, versions };
  }

  #fresh(cached: CachedToken): boolean {
    const lifetime = cached.access.expiresAt - cached.receivedAt;
    const margin = Math.min(this.refreshMarginMs, Math.max(0, lifetime / 2));
    return this.#now() < cached.access.expiresAt - margin;
  }

  async #current(signal: AbortSignal | undefined): Promise<CachedToken> {
    const cached = this.#cached;
    if (cached && this.#fresh(cached)) return cached;
    if (!this.#inflight) {
      const work = this.#authenticate();
      this.#inflight = work;
      const clear = (): void => {
        if (this.#inflight === work) this.#inflight = undefined;
      };
      work.then(clear, clear);
    }
    return raced(this.#inflight, signal, this.provider);
  }

  async #authenticate(): Promise<CachedToken> {
    const v3 = this.identityApiVersion === '3';
    const body = v3 ? v3AuthBody(this.provider, this.#credentials, this.#scope) : v2AuthBody(this.provider, this.#credentials, this.#scope);
    let res: HttpResponse<unknown>;
    try {
      res = await this.#conn.request<unknown>({
        method: 'POST',
        path: v3 ? '/auth/tokens' : '/tokens',
        json: body,
        // A token request has no effect besides the token: safe to repeat after a network error or 5xx.
        idempotent: true,
        errorContext: { action: `authenticate (${credentialLabel(this.#credentials)})` },
      });
    } catch (err) {
      // Keystone answers an unknown or expired token given to the token method with 404 "Could not find token".
      const tokenAuth = this.#credentials.type === 'v3token' || this.#credentials.type === 'v2token';
      if (tokenAuth && err instanceof NotFoundError && err.status === 404) {
        throw new InvalidCredentialsError(`${err.message}: the token given (OS_TOKEN) is expired, revoked or unknown`, {
          provider: this.provider,
          status: err.status,
          method: err.method,
          url: err.url,
          providerCode: err.providerCode,
          providerMessage: err.providerMessage,
          requestId: err.requestId,
          cause: err,
        });
      }
      throw err;
    }
    const receivedAt = this.#now();
    const access = v3 ? parseV3Token(res.body, receivedAt) : parseV2Access(res.body, receivedAt);
    const header = res.headers['x-subject-token'];
    const token = v3 ? (Array.isArray(header) ? header[0] : (header as string | undefined)) : v2TokenId(res.body);
    if (!access || token === undefined || token === '') {
      throw new MalformedResponseError(
        `${this.provider}: Keystone v${this.identityApiVersion} answered the token request without ${v3 ? 'an X-Subject-Token header and a token body' : 'an access.token'}`,
        '',
        { provider: this.provider, status: res.status, method: 'POST', requestId: res.requestId },
      );
    }
    if (access.expiresAt <= receivedAt) {
      throw new ProviderError(`${this.provider}: Keystone issued a token that has already expired (expires ${access.expiresAtRaw})`, {
        provider: this.provider,
        requestId: res.requestId,
      });
    }
    const fresh: CachedToken = { token, access, receivedAt };
    this.#cached = fresh;
    return fresh;
  }
}
