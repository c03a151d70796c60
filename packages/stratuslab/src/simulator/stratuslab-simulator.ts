import { Router, SimulatorServer, jsonReply } from '@cloudmux/core/testing';
import { getMetadata, listMetadata } from './marketplace.js';
import { oneProxyHandler } from './one-proxy.js';
import type { SimulatedUser, StratusLabSimulatorOptions } from './options.js';
import { addPdiskRoutes } from './pdisk.js';
import { DEFAULT_IMAGES, SimState } from './state.js';

/** The default simulated user. */
export const DEFAULT_USER: SimulatedUser = Object.freeze({ username: 'alice', password: 'alice-password' });

/**
 * One simulated StratusLab cloud on `127.0.0.1:0`: StratusLab's one-proxy in front of OpenNebula 3.x
 * (`POST /pswd/xmlrpc`, HTTP Basic, XML-RPC), the Marketplace (`GET /metadata`, `/metadata/<id>`,
 * RDF/XML) and PDisk (`/pswd/disks/…`, JSON). VMs move pending → prolog → boot → running one
 * `stepMs` at a time; `shutdown` goes through epilog to done. Unknown routes answer 404.
 */
export class StratusLabSimulator {
  /** Base URL (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** The server: request log and fault injection. */
  readonly server: SimulatorServer;
  /** The cloud's state (VMs, disks, Marketplace entries). */
  readonly state: SimState;
  /** Accepted users. */
  readonly users: readonly SimulatedUser[];

  private constructor(server: SimulatorServer, state: SimState, users: readonly SimulatedUser[]) {
    this.server = server;
    this.url = server.url;
    this.state = state;
    this.users = users;
  }

  /** Starts a simulator. */
  static async start(options: StratusLabSimulatorOptions = {}): Promise<StratusLabSimulator> {
    const users = options.users ?? [DEFAULT_USER];
    const state = new SimState(
      options.stepMs ?? 1000,
      options.hosts ?? ['node-01', 'node-02'],
      options.publicAddress,
      options.subnet ?? 1,
      options.images ?? DEFAULT_IMAGES,
      users.map((u) => u.username),
    );
    const router = new Router({
      notFound: (req) => jsonReply(404, { message: `no resource at ${req.method} ${req.path}`, code: 404 }),
    });
    router.add('POST', '/pswd/xmlrpc', oneProxyHandler(state, users));
    router.add('GET', '/metadata', listMetadata(state));
    router.add('GET', '/metadata/:id', getMetadata(state));
    addPdiskRoutes(router, state, users);
    const server = await SimulatorServer.start(router.handle, { tls: options.tls });
    return new StratusLabSimulator(server, state, users);
  }

  /** The one-proxy endpoint to configure (`endpoint = <this>`). */
  get endpoint(): string {
    return `${this.url}/xmlrpc`;
  }

  /**
   * A `stratuslab-user.cfg` section for this cloud (`[id]` with endpoint, pdisk_endpoint,
   * marketplace_endpoint, username, password), for tests and examples.
   */
  configSection(id: string, user: SimulatedUser = this.users[0] ?? DEFAULT_USER): string {
    return [
      `[${id}]`,
      `endpoint = ${this.endpoint}`,
      `pdisk_endpoint = ${this.url}`,
      `marketplace_endpoint = ${this.url}`,
      `username = ${user.username}`,
      `password = ${user.password}`,
      '',
    ].join('\n');
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.server.close();
  }
}
