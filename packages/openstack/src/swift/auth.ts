/**
 * Swift authentication: tempauth v1.0 (`X-Auth-User`/`X-Auth-Key` → `X-Storage-Url` + `X-Auth-Token`) or
 * a Keystone {@link IdentitySession} (token + the catalog's `object-store` endpoint).
 * @module
 */
import { InvalidArgumentError, InvalidCredentialsError, MalformedResponseError } from '@cloudmux/core/errors';
import { Connection, type HttpHeaders } from '@cloudmux/core/http';
import { IdentitySession } from '../identity/session.js';
import type { EndpointInterface } from '../identity/types.js';
import { mapSwiftError } from './errors.js';
import type { OpenStackSwiftDriverOptions, ResolvedSwiftOptions } from './options.js';

/** A token and the account URL it is good for. */
export interface SwiftCredentials {
  /** `X-Auth-Token` value. */
  token: string;
  /** Account URL (`…/v1/AUTH_x`), no trailing slash. */
  storageUrl: string;
}

/** Where a Swift driver gets its token and storage URL. */
export interface SwiftAuth {
  /** The current credentials, authenticating once when needed (concurrent callers share one request). */
  current(signal?: AbortSignal): Promise<SwiftCredentials>;
  /** Drops `token` if it is still the cached one (after a 401), so the next call re-authenticates. */
  invalidate(token: string): void;
  /** Closes keep-alive sockets. */
  close(): void;
}

function header(headers: HttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** tempauth / swauth v1.0: `GET <authUrl>` with `X-Auth-User` and `X-Auth-Key`. Secrets stay in private fields. */
export class TempAuth implements SwiftAuth {
  /** The auth URL (`…/auth/v1.0`). */
  readonly authUrl: string;
  readonly #user: string;
  readonly #key: string;
  readonly #conn: Connection;
  readonly #storageUrl: string | undefined;
  #cached: (SwiftCredentials & { expiresAt: number }) | undefined;
  #inflight: Promise<SwiftCredentials> | undefined;

  constructor(
    authUrl: string,
    user: string,
    key: string,
    options: { provider: string; timeoutMs?: number | undefined; storageUrl?: string | undefined },
  ) {
    this.authUrl = authUrl;
    this.#user = user;
    this.#key = key;
    this.#storageUrl = options.storageUrl;
    this.#conn = new Connection({
      provider: options.provider,
      baseUrl: authUrl,
      mapError: mapSwiftError,
      requestIdHeaders: ['x-openstack-request-id', 'x-trans-id'],
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  }

  async current(signal?: AbortSignal): Promise<SwiftCredentials> {
    const cached = this.#cached;
    if (cached && Date.now() < cached.expiresAt) return cached;
    if (!this.#inflight) {
      const work = this.#login(signal).then((c) => {
        this.#cached = c;
        return c;
      });
      this.#inflight = work;
      const clear = (): void => {
        if (this.#inflight === work) this.#inflight = undefined;
      };
      work.then(clear, clear);
    }
    return this.#inflight;
  }

  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  close(): void {
    this.#conn.close();
  }

  async #login(signal: AbortSignal | undefined): Promise<SwiftCredentials & { expiresAt: number }> {
    const res = await this.#conn.request<string>({
      method: 'GET',
      path: '',
      headers: { 'x-auth-user': this.#user, 'x-auth-key': this.#key },
      responseType: 'text',
      signal,
      errorContext: { action: 'tempauth login' },
    });
    const token = header(res.headers, 'x-auth-token') ?? header(res.headers, 'x-storage-token');
    const storageUrl = this.#storageUrl ?? header(res.headers, 'x-storage-url');
    if (!token || !storageUrl)
      throw new MalformedResponseError('tempauth login: the reply lacks X-Auth-Token or X-Storage-Url', '', {
        provider: this.#conn.provider,
        status: res.status,
      });
    const ttl = Number(header(res.headers, 'x-auth-token-expires'));
    // Refresh a minute early (or halfway through a short lifetime); without a lifetime, until a 401.
    const expiresAt = Number.isFinite(ttl) && ttl > 0 ? Date.now() + Math.max(ttl * 1000 - 60_000, (ttl * 1000) / 2) : Infinity;
    return { token, storageUrl: storageUrl.replace(/\/+$/, ''), expiresAt };
  }
}

/** Keystone v3 through an {@link IdentitySession}: its token and the `object-store` endpoint of the catalog (or an override). */
export class KeystoneSwiftAuth implements SwiftAuth {
  /** The session. */
  readonly session: IdentitySession;
  readonly #selector: { type: string; name?: string | undefined; region?: string | undefined; interface?: EndpointInterface | undefined };
  readonly #storageUrl: string | undefined;
  readonly #ownsSession: boolean;

  constructor(
    session: IdentitySession,
    options: {
      region?: string | undefined;
      interface?: EndpointInterface | undefined;
      /** Catalog service name to pick among several `object-store` entries. */
      serviceName?: string | undefined;
      storageUrl?: string | undefined;
      ownsSession: boolean;
    },
  ) {
    this.session = session;
    this.#selector = { type: 'object-store', name: options.serviceName, region: options.region, interface: options.interface };
    this.#storageUrl = options.storageUrl;
    this.#ownsSession = options.ownsSession;
  }

  async current(signal?: AbortSignal): Promise<SwiftCredentials> {
    const token = await this.session.token(signal);
    const storageUrl = this.#storageUrl ?? (await this.session.endpoint(this.#selector, signal));
    return { token, storageUrl: storageUrl.replace(/\/+$/, '') };
  }

  invalidate(token: string): void {
    this.session.invalidate(token);
  }

  close(): void {
    if (this.#ownsSession) this.session.close();
  }
}

/** Whether an error is a refused token (401), after which a request is repeated once with a fresh one. */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof InvalidCredentialsError && err.status === 401;
}

/** The {@link SwiftAuth} the driver's options ask for: the given session, tempauth, or a new Keystone v3 session. */
export function createSwiftAuth(
  user: unknown,
  key: unknown,
  o: OpenStackSwiftDriverOptions,
  resolved: ResolvedSwiftOptions,
  provider: string,
): SwiftAuth {
  if (o.session !== undefined)
    return new KeystoneSwiftAuth(o.session, {
      region: o.region,
      interface: o.interface,
      serviceName: o.serviceName,
      storageUrl: o.storageUrl,
      ownsSession: false,
    });
  if (typeof user !== 'string' || user.length === 0)
    throw new InvalidArgumentError('OpenStackSwiftStorageDriver: give the user (tempauth "account:user" or a Keystone user name)');
  if (typeof key !== 'string' || key.length === 0)
    throw new InvalidArgumentError('OpenStackSwiftStorageDriver: give the key (tempauth key or Keystone password)');
  if (resolved.authVersion === '1.0')
    return new TempAuth(resolved.authUrl!, user, key, { provider, timeoutMs: resolved.timeoutMs, storageUrl: o.storageUrl });
  const session = new IdentitySession({
    authUrl: resolved.authUrl!,
    provider,
    credentials: { type: 'v3password', username: user, userDomainName: o.userDomainName ?? 'Default', password: key },
    scope:
      o.projectId !== undefined
        ? { projectId: o.projectId }
        : o.projectName !== undefined
          ? { projectName: o.projectName, projectDomainName: o.projectDomainName ?? 'Default' }
          : undefined,
    region: o.region,
    interface: o.interface,
    ...(resolved.timeoutMs === undefined ? {} : { connection: { timeoutMs: resolved.timeoutMs } }),
  });
  return new KeystoneSwiftAuth(session, {
    region: o.region,
    interface: o.interface,
    serviceName: o.serviceName,
    storageUrl: o.storageUrl,
    ownsSession: true,
  });
}
