/**
 * The stateful CloudAPI simulator: a loopback server (`@cloudmux/core/testing` kit, so faults and
 * the request log apply) that verifies HTTP Signatures, negotiates versions and serves accounts,
 * keys, packages, images, machines and their sub-resources, networks and firewall rules.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Router, SimulatorHttpError, SimulatorServer, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { EndpointFactory } from './context.js';
import { errorReply } from './errors.js';
import type { SimImage, SimMachine, SimPackage } from './model.js';
import type { CloudApiSimulatorOptions, SeedMachineTemplate, SimulatorPublicKey } from './options.js';
import { finishReply } from './respond.js';
import { mountAccountRoutes } from './routes/account.js';
import { mountCatalogRoutes } from './routes/catalog.js';
import { mountFirewallRoutes } from './routes/firewall.js';
import { mountMachinePartRoutes } from './routes/machine-parts.js';
import { mountMachineRoutes } from './routes/machines.js';
import { machineJson } from './serialize.js';
import { seedMachines } from './seed.js';
import { resolveSettings, SimStore } from './store.js';
import { Throttle } from './throttle.js';

/** A running CloudAPI simulator. Start it with {@link CloudApiSimulator.start}. */
export class CloudApiSimulator {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The underlying kit server: `injectFault`, `requests`, `clearFaults`. */
  readonly server: SimulatorServer;
  /** This datacenter's name. */
  readonly datacenterName: string;
  private readonly store: SimStore;

  private constructor(server: SimulatorServer, store: SimStore) {
    this.server = server;
    this.url = server.url;
    this.store = store;
    this.datacenterName = store.settings.datacenterName;
  }

  /** Starts a simulator on `127.0.0.1:0` (or the given host/port). */
  static async start(options: CloudApiSimulatorOptions = {}): Promise<CloudApiSimulator> {
    const settings = resolveSettings(options);
    const store = new SimStore(settings);
    for (const a of options.accounts ?? []) store.addAccount(a.login, a.keys);
    let url = '';
    const ep = new EndpointFactory(store, () => url);
    const router = new Router({
      notFound: (req) => errorReply('ResourceNotFound', `${req.path} does not exist`),
      methodNotAllowed: (req, allowed) => ({
        ...errorReply('BadMethod', `${req.method} is not allowed`),
        headers: { 'content-type': 'application/json', allow: allowed.join(', ') },
      }),
    });
    mountAccountRoutes(router, ep);
    mountCatalogRoutes(router, ep);
    mountFirewallRoutes(router, ep);
    mountMachinePartRoutes(router, ep);
    mountMachineRoutes(router, ep);
    const throttle = options.throttle ? new Throttle(options.throttle.ratePerSec, options.throttle.burst) : undefined;
    const latest = settings.versions.at(-1) ?? '9.0.0';

    const handler = async (req: SimulatorRequest): Promise<SimulatorReply> => {
      const started = process.hrtime.bigint();
      let reply: SimulatorReply;
      const wait = throttle && req.path !== '/--ping' ? throttle.take(throttleKey(req)) : undefined;
      if (wait !== undefined) {
        reply = errorReply('RequestThrottled', `You have exceeded your request rate of ${throttle!.ratePerSec} r/s.`, {
          'retry-after': String(wait),
        });
      } else {
        try {
          reply = await router.handle(req);
        } catch (err) {
          reply =
            err instanceof SimulatorHttpError ? err.reply : errorReply('InternalError', err instanceof Error ? err.message : String(err));
        }
      }
      return finishReply(reply, {
        method: req.method,
        requestId: randomUUID(),
        started,
        version: ep.versions.get(req) ?? latest,
        datacenterName: settings.datacenterName,
      });
    };

    const server = await SimulatorServer.start(handler, {
      host: options.host,
      port: options.port,
      requestLogLimit: options.requestLogLimit,
    });
    url = server.url;
    if (!options.datacenters) settings.datacenters = { 'us-east-1': url, 'eu-ams-1': url };
    if (!(settings.datacenterName in settings.datacenters)) settings.datacenters[settings.datacenterName] = url;
    return new CloudApiSimulator(server, store);
  }

  /** Adds an account (or more keys to an existing one). Keys are OpenSSH public key lines. */
  addAccount(login: string, publicKeys: SimulatorPublicKey[]): void {
    this.store.addAccount(login, publicKeys);
  }

  /** Adds an RBAC sub-user of `account` with keys; it signs with keyId `/<account>/users/<user>/keys/<fp>`. */
  addSubUser(account: string, user: string, publicKeys: SimulatorPublicKey[]): void {
    this.store.addSubUser(account, user, publicKeys);
  }

  /** Creates `count` machines for `login` directly in `template.state` (default `running`); returns their ids. */
  seedMachines(login: string, count: number, template?: SeedMachineTemplate): string[] {
    return seedMachines(this.store, login, count, template).map((m) => m.id);
  }

  /** A machine as GetMachine (newest version) would return it, or `undefined` (inspection for tests). */
  getMachine(login: string, id: string): Record<string, unknown> | undefined {
    const m: SimMachine | undefined = this.store.accounts.get(login)?.machines.get(id);
    return m ? machineJson(this.store, m, { version: this.store.settings.versions.at(-1) ?? '9.0.0', credentials: true }) : undefined;
  }

  /** The packages served (copies). */
  get packages(): SimPackage[] {
    return this.store.packages.map((p) => ({ ...p }));
  }

  /** The images served (copies). */
  get images(): SimImage[] {
    return [...this.store.images.values()].map((i) => ({ ...i }));
  }

  /** Stops pending transitions and the server. Idempotent. */
  async close(): Promise<void> {
    this.store.close();
    await this.server.close();
  }
}

/** Throttle per signing account (from the keyId), else per client address. */
function throttleKey(req: SimulatorRequest): string {
  const auth = String(req.headers['authorization'] ?? '');
  const m = /keyId="\/([^/"]+)/.exec(auth);
  return m ? `account:${m[1]}` : `ip:${req.raw.socket.remoteAddress ?? ''}`;
}
