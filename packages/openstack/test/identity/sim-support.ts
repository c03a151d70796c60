import { Router, SimulatorServer, jsonReply, type RouteHandler } from '@cloudmux/core/testing';
import { OpenStackSimulator, type OpenStackSimulatorOptions } from '../../src/simulator/index.js';
import { IdentitySession, type IdentitySessionOptions } from '../../src/identity/session.js';
import type { IdentityCredentials } from '../../src/identity/types.js';

/** The default demo login of the simulator. */
export const DEMO: IdentityCredentials = { type: 'v3password', username: 'demo', userDomainName: 'Default', password: 'secret' };

/** Starts a simulator; close with `sim.stop()`. */
export function startSim(options: OpenStackSimulatorOptions = {}): Promise<OpenStackSimulator> {
  return OpenStackSimulator.start(options);
}

/** Requests the simulator logged for `method path` (path without query). */
export function count(sim: OpenStackSimulator, method: string, path: string): number {
  return sim.server.requests.filter((r) => r.method === method && r.path.split('?')[0] === path).length;
}

/** v3 token requests so far. */
export function authCount(sim: OpenStackSimulator): number {
  return count(sim, 'POST', '/identity/v3/auth/tokens');
}

/** A demo session against the simulator (project demo), no retries so faults show at once. */
export function demoSession(sim: OpenStackSimulator, extra: Partial<IdentitySessionOptions> = {}): IdentitySession {
  return new IdentitySession({
    authUrl: sim.authUrl,
    credentials: DEMO,
    scope: { projectName: 'demo', projectDomainName: 'Default' },
    connection: { retry: false },
    ...extra,
  });
}

/**
 * A stand-in service on its own server whose routes check tokens with the simulator's Keystone (so expiry and
 * revocation apply) — for paging, discovery and 401 tests without the Nova simulator.
 */
export async function startService(
  sim: OpenStackSimulator,
  routes: (router: Router, auth: (req: Parameters<RouteHandler>[0]) => void) => void,
): Promise<SimulatorServer> {
  const router = new Router({ notFound: (req) => jsonReply(404, { itemNotFound: { code: 404, message: `no route ${req.path}` } }) });
  routes(router, (req) => {
    sim.world.authenticate(req);
  });
  return SimulatorServer.start(router.handle);
}
