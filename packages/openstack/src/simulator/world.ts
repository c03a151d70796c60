/**
 * The simulator's shared world, handed to every service's `register<Service>Routes(router, world)`:
 * the clock and time scale, ids, options, token checks, and a bag of per-service stores so services can
 * reach each other's state (Cinder attach flips a Nova server's volumes, Neutron ports refer to servers).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { SimulatorHttpError, jsonReply, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { IdentityStore } from './identity/store.js';
import type { SimProject, SimToken } from './identity/model.js';
import type { ResolvedSimulatorOptions } from './options.js';

export type { SimToken, SimProject, SimUser, SimDomain, SimRole, SimApplicationCredential } from './identity/model.js';

/**
 * Per-service stores. Each service adds its own member by module augmentation, e.g.
 * `declare module '../world.js' { interface SimulatorStores { compute?: ComputeStore } }`, then sets
 * `world.stores.compute` in its `register…Routes`.
 */
export interface SimulatorStores {
  [service: string]: unknown;
}

/** A token scoped to a project (what Nova, Glance, Cinder and Neutron need). */
export type ProjectToken = SimToken & { project: SimProject };

/** keystonemiddleware's 401 body, as every service sends it. */
export function unauthorizedReply(identityUrl: string, message = 'The request you have made requires authentication.'): SimulatorReply {
  return jsonReply(401, { error: { code: 401, title: 'Unauthorized', message } }, { 'www-authenticate': `Keystone uri="${identityUrl}"` });
}

/** The shared simulator state. */
export class SimulatorWorld {
  /** Options with defaults applied. */
  readonly options: ResolvedSimulatorOptions;
  /** Time scale for state transitions (10 = ten times faster). */
  readonly speed: number;
  /** Per-service stores. */
  readonly stores: SimulatorStores = {};
  /** Keystone's records. */
  readonly identity: IdentityStore;
  /** Token lifetime (ms); changeable while running. */
  tokenLifetimeMs: number;
  #url = '';
  #clockOffsetMs = 0;
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(options: ResolvedSimulatorOptions) {
    this.options = options;
    this.speed = options.speed;
    this.tokenLifetimeMs = options.tokenLifetimeMs;
    this.identity = new IdentityStore(
      options,
      () => this.now(),
      () => this.tokenLifetimeMs,
    );
  }

  /** Base URL (`http://127.0.0.1:PORT`), set once the server listens. */
  get url(): string {
    return this.#url;
  }

  /** Sets the base URL (the server does this once it listens). */
  setUrl(url: string): void {
    this.#url = url;
  }

  /** Keystone's public URL (`<url>/identity`). */
  get identityUrl(): string {
    return `${this.#url}/identity`;
  }

  /** Simulator clock in ms since epoch (wall clock plus {@link advanceClock}). */
  now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  /** Moves the simulator clock forward (e.g. to expire tokens without waiting). */
  advanceClock(ms: number): void {
    this.#clockOffsetMs += ms;
  }

  /** A new UUID (with dashes, like Nova/Cinder/Neutron ids). */
  newId(): string {
    return randomUUID();
  }

  /** A request id in OpenStack's `req-<uuid>` form. */
  requestId(): string {
    return `req-${randomUUID()}`;
  }

  /** `ms` of simulated time in real milliseconds (divided by `speed`). */
  scaled(ms: number): number {
    return ms / this.speed;
  }

  /** Runs `fn` after `ms` of simulated time (scaled by `speed`); cancelled when the simulator stops. */
  schedule(ms: number, fn: () => void): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closed) fn();
    }, this.scaled(ms));
    timer.unref?.();
    this.#timers.add(timer);
  }

  /**
   * The valid token in `X-Auth-Token`, scoped to a project. Throws a `SimulatorHttpError` whose reply is
   * keystonemiddleware's 401 when the token is missing, unknown, expired or revoked, and a 403 when it has no
   * project scope.
   */
  authenticate(req: SimulatorRequest): ProjectToken {
    const token = this.authenticateAny(req);
    if (!token.project) {
      throw new SimulatorHttpError(
        jsonReply(403, {
          error: {
            code: 403,
            title: 'Forbidden',
            message: 'The token is not scoped to a project; this service needs a project-scoped token.',
          },
        }),
      );
    }
    return token as ProjectToken;
  }

  /** Like {@link authenticate}, accepting unscoped and domain-scoped tokens too. */
  authenticateAny(req: SimulatorRequest): SimToken {
    const raw = req.headers['x-auth-token'];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const result = this.identity.check(value);
    if (typeof result === 'string') throw new SimulatorHttpError(unauthorizedReply(this.identityUrl));
    return result;
  }

  /** Stops scheduled work. */
  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}
