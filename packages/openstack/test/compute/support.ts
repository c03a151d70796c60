import { OpenStackSimulator, type OpenStackSimulatorOptions } from '../../src/simulator/index.js';
import { computeStore, type ComputeStore } from '../../src/simulator/compute/register.js';
import { imageStore, type ImageStore } from '../../src/simulator/image/register.js';
import { OpenStackNodeDriver, type OpenStackDriverOptions } from '../../src/index.js';

/** A simulator (fast transitions) and a demo driver against it. */
export interface ComputeFixture {
  sim: OpenStackSimulator;
  driver: OpenStackNodeDriver;
  compute: ComputeStore;
  images: ImageStore;
  makeDriver(options?: OpenStackDriverOptions): OpenStackNodeDriver;
  close(): Promise<void>;
}

/** Id of the seeded cirros image. */
export const CIRROS = '7e1b8d2a-5c43-4b8f-9c3e-2a1f0e6d9b01';

export async function startCompute(options: OpenStackSimulatorOptions = {}): Promise<ComputeFixture> {
  // Transitions of 50–150 ms: a loaded machine still sees the in-between states (BUILD, REBOOT…).
  const sim = await OpenStackSimulator.start({ speed: 20, ...options });
  const drivers: OpenStackNodeDriver[] = [];
  const makeDriver = (extra: OpenStackDriverOptions = {}): OpenStackNodeDriver => {
    const d = new OpenStackNodeDriver('demo', 'secret', {
      authUrl: sim.authUrl,
      projectName: 'demo',
      retry: false,
      pollIntervalMs: 20,
      ...extra,
    });
    drivers.push(d);
    return d;
  };
  const driver = makeDriver();
  return {
    sim,
    driver,
    compute: computeStore(sim.world),
    images: imageStore(sim.world),
    makeDriver,
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
