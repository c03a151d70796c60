import type { OpenStackContext } from '@cloudmux/openstack';
import { RackspaceNodeDriver, type RackspaceNodeDriverOptions } from '../../src/index.js';
import { RackspaceSimulator, type RackspaceSimulatorOptions } from '../../src/simulator/index.js';

/** Id of the cirros image the OpenStack simulator seeds. */
export const CIRROS = '7e1b8d2a-5c43-4b8f-9c3e-2a1f0e6d9b01';

/** A driver subclass that exposes its OpenStack context (to check the catalog selector it uses). */
export class ProbeDriver extends RackspaceNodeDriver {
  /** The protected context. */
  get probe(): OpenStackContext {
    return this.context;
  }
}

/** A Rackspace simulator (fast transitions) and drivers against it. */
export interface RackspaceComputeFixture {
  sim: RackspaceSimulator;
  makeDriver(options?: RackspaceNodeDriverOptions): ProbeDriver;
  close(): Promise<void>;
}

export async function startRackspaceCompute(options: RackspaceSimulatorOptions = {}): Promise<RackspaceComputeFixture> {
  // Transitions of 50–150 ms: a loaded machine still sees the in-between states (BUILD, REBOOT, RESCUE…).
  const sim = await RackspaceSimulator.start({ speed: 20, ...options });
  const drivers: RackspaceNodeDriver[] = [];
  return {
    sim,
    makeDriver: (extra = {}) => {
      const d = new ProbeDriver('demo', 'demo-api-key', {
        region: 'DFW',
        identity: sim.identityUrl,
        retry: false,
        pollIntervalMs: 20,
        ...extra,
      });
      drivers.push(d);
      return d;
    },
    close: async () => {
      await Promise.all(drivers.map((d) => d.close()));
      await sim.stop();
    },
  };
}

/** Polls `fn` until it returns true (simulator transitions are timed). */
export async function until(fn: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
