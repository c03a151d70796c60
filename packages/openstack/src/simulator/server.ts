/**
 * The OpenStack simulator: one loopback HTTP server (`@cloudmux/core/testing`, so faults and the request log
 * apply) serving Keystone v2.0 + v3 under `/identity` and, through each service's `register…Routes`, Nova
 * (`/compute/v2.1`), Glance (`/image`), Cinder (`/volume/v3/{project_id}`) and Neutron (`/network/v2.0`).
 * Every reply carries `x-openstack-request-id`.
 * @module
 */
import {
  Router,
  SimulatorHttpError,
  SimulatorServer,
  jsonReply,
  type Fault,
  type SimulatorReply,
  type SimulatorRequest,
} from '@cloudmux/core/testing';
import { registerIdentityRoutes } from './identity/register.js';
import type { SimUser } from './identity/model.js';
import { resolveSimulatorOptions, type OpenStackSimulatorOptions, type SimulatorUserSeed } from './options.js';
import { SimulatorWorld } from './world.js';
import { registerComputeRoutes } from './compute/register.js';
import { registerImageRoutes } from './image/register.js';
import { registerVolumeRoutes } from './volume/register.js';
import { registerNetworkRoutes } from './network/register.js';
import { registerSwiftRoutes, swiftTransId } from './swift/register.js';

function notFound(req: SimulatorRequest): SimulatorReply {
  return jsonReply(404, {
    error: { code: 404, title: 'Not Found', message: `The resource could not be found: no route for ${req.method} ${req.path}.` },
  });
}

/** A running (or not yet started) OpenStack simulator. */
export class OpenStackSimulator {
  /** The shared world (identity records, per-service stores, clock). */
  readonly world: SimulatorWorld;
  #server: SimulatorServer | undefined;
  readonly #router: Router;

  constructor(options: OpenStackSimulatorOptions = {}) {
    this.world = new SimulatorWorld(resolveSimulatorOptions(options));
    this.#router = new Router({
      notFound,
      methodNotAllowed: (req, allowed) =>
        jsonReply(
          405,
          { error: { code: 405, title: 'Method Not Allowed', message: `The method ${req.method} is not allowed for this resource.` } },
          { allow: allowed.join(', ') },
        ),
      badRequest: (_req, err) => jsonReply(400, { error: { code: 400, title: 'Bad Request', message: err.message } }),
    });
    registerIdentityRoutes(this.#router, this.world);
    registerComputeRoutes(this.#router, this.world);
    registerImageRoutes(this.#router, this.world);
    registerVolumeRoutes(this.#router, this.world);
    registerNetworkRoutes(this.#router, this.world);
    registerSwiftRoutes(this.#router, this.world);
    for (const extend of this.world.options.extensions) extend(this.#router, this.world);
  }

  /** Creates and starts a simulator. */
  static async start(options: OpenStackSimulatorOptions = {}): Promise<OpenStackSimulator> {
    const sim = new OpenStackSimulator(options);
    await sim.start();
    return sim;
  }

  /** Starts listening on `127.0.0.1:0` (or the configured host/port). Idempotent. */
  async start(): Promise<void> {
    if (this.#server) return;
    const o = this.world.options;
    this.#server = await SimulatorServer.start((req) => this.#handle(req), {
      host: o.host,
      port: o.port,
      requestLogLimit: o.requestLogLimit,
    });
    this.world.setUrl(this.#server.url);
  }

  /** Base URL, e.g. `http://127.0.0.1:PORT` (after {@link start}). */
  get url(): string {
    return this.server.url;
  }

  /** Keystone's URL (`<url>/identity`), what `OS_AUTH_URL` should be. */
  get authUrl(): string {
    return `${this.url}/identity`;
  }

  /** The kit server: `injectFault`, `requests`, `clearFaults`, `clearRequests`. */
  get server(): SimulatorServer {
    if (!this.#server) throw new Error('OpenStackSimulator: call start() first');
    return this.#server;
  }

  /** Injects a fault (core fault kit) for the next matching requests. */
  injectFault(fault: Fault): void {
    this.server.injectFault(fault);
  }

  /** Adds a user (see {@link SimulatorUserSeed}); returns its id. */
  addUser(seed: SimulatorUserSeed): string {
    const user: SimUser = this.world.identity.addUser(seed.name, seed.password, seed);
    return user.id;
  }

  /** Id of a project by name (domain `Default` unless given), or `undefined`. */
  projectId(name: string, domain = 'Default'): string | undefined {
    const d = this.world.identity.findDomain({ name: domain });
    return d ? this.world.identity.findProject({ name, domainId: d.id })?.id : undefined;
  }

  /** Id of a user by name (domain `Default` unless given), or `undefined`. */
  userId(name: string, domain = 'Default'): string | undefined {
    const d = this.world.identity.findDomain({ name: domain });
    return d ? this.world.identity.findUser({ name, domainId: d.id })?.id : undefined;
  }

  /** Revokes every token issued so far (clients must re-authenticate); returns how many. */
  revokeAllTokens(): number {
    let n = 0;
    for (const t of this.world.identity.tokens.values()) {
      if (!t.revoked) {
        t.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Sets the lifetime of tokens issued from now on. */
  setTokenLifetime(ms: number): void {
    if (!(ms > 0)) throw new RangeError(`OpenStackSimulator: token lifetime must be positive, got ${ms}`);
    this.world.tokenLifetimeMs = ms;
  }

  /** Moves the simulator clock forward (expires tokens without waiting). */
  advanceClock(ms: number): void {
    this.world.advanceClock(ms);
  }

  /** Stops scheduled work and the server. Idempotent. */
  async stop(): Promise<void> {
    this.world.close();
    await this.#server?.close();
  }

  async #handle(req: SimulatorRequest): Promise<SimulatorReply> {
    let reply: SimulatorReply;
    try {
      reply = await this.#router.handle(req);
    } catch (err) {
      reply =
        err instanceof SimulatorHttpError
          ? err.reply
          : jsonReply(500, {
              error: { code: 500, title: 'Internal Server Error', message: err instanceof Error ? err.message : String(err) },
            });
    }
    const headers = { ...reply.headers };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'x-openstack-request-id'))
      headers['x-openstack-request-id'] = this.world.requestId();
    // Swift names its request id X-Trans-Id (tx…), and sends it as both headers.
    if (req.path.startsWith('/swift/') || req.path.startsWith('/auth/'))
      headers['x-openstack-request-id'] = headers['x-trans-id'] = swiftTransId();
    return { ...reply, headers };
  }
}
