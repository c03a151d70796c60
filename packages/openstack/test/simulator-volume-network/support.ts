/**
 * A fresh simulator per test and a context of service clients found through its Keystone catalog.
 */
import { NodeDriver } from '@cloudmux/core/compute';
import { ServiceClient } from '../../src/common/service-client.js';
import { IdentitySession } from '../../src/identity/session.js';
import { OpenStackSimulator, type OpenStackSimulatorOptions } from '../../src/simulator/index.js';
import { computeStore } from '../../src/simulator/compute/store.js';
import type { SimServer } from '../../src/simulator/compute/model.js';
import type { VolumeContext } from '../../src/volume/index.js';
import type { NetworkContext } from '../../src/network/index.js';

/** A driver standing in for OpenStackNodeDriver as the back-reference of results. */
export class BackRefDriver extends NodeDriver {}

/** A running test world. */
export interface VnWorld {
  sim: OpenStackSimulator;
  ctx: VolumeContext & NetworkContext;
  session: IdentitySession;
  projectId: string;
  /** Adds an ACTIVE server of the demo project to the compute store. */
  addServer(name?: string): SimServer;
  /** Requests the simulator logged for `method path` (path without query). */
  count(method: string, path: string): number;
  stop(): Promise<void>;
}

/** Starts a simulator (default speed 1000) and a demo-project context; stop with `w.stop()`. */
export async function startVn(options: OpenStackSimulatorOptions = {}): Promise<VnWorld> {
  const sim = await OpenStackSimulator.start({ speed: 1000, ...options });
  const session = new IdentitySession({
    authUrl: sim.authUrl,
    credentials: { type: 'v3password', username: 'demo', userDomainName: 'Default', password: 'secret' },
    scope: { projectName: 'demo', projectDomainName: 'Default' },
    connection: { retry: false },
  });
  const client = (type: string): ServiceClient => new ServiceClient(session, { provider: 'openstack', selector: { type } });
  const ctx = { driver: new BackRefDriver(), compute: client('compute'), volume: client('volumev3'), network: client('network') };
  const projectId = sim.projectId('demo')!;
  const userId = sim.userId('demo')!;
  return {
    sim,
    ctx,
    session,
    projectId,
    addServer: (name = 'web') => computeStore(sim.world).insert({ name, projectId, userId, flavorId: '1', imageId: 'img' }),
    count: (method, path) => sim.server.requests.filter((r) => r.method === method && r.path.split('?')[0] === path).length,
    stop: async () => {
      await Promise.all([ctx.compute.close(), ctx.volume.close(), ctx.network.close()]);
      await sim.stop();
    },
  };
}
