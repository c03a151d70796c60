/**
 * Shared helper for the Cloud Load Balancers examples: a driver for your Rackspace account when
 * RACKSPACE_USERNAME and RACKSPACE_API_KEY are set (region from RACKSPACE_REGION, see
 * `RackspaceLoadBalancerDriver.fromEnv`); otherwise the in-process Rackspace simulator (user demo, API key
 * demo-api-key, region DFW), its balancer transitions 20 times faster.
 */
import { RackspaceLoadBalancerDriver } from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: RackspaceLoadBalancerDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  close(): Promise<void>;
}

/** Connects to Cloud Load Balancers (env) or to the simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['RACKSPACE_USERNAME'] && (process.env['RACKSPACE_API_KEY'] || process.env['RACKSPACE_PASSWORD'])) {
    const driver = RackspaceLoadBalancerDriver.fromEnv();
    return { driver, simulated: false, close: async () => driver.close() };
  }
  const sim = await RackspaceSimulator.start({ speed: 20 });
  const driver = new RackspaceLoadBalancerDriver('demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl, pollIntervalMs: 100 });
  return {
    driver,
    simulated: true,
    close: async () => {
      driver.close();
      await sim.stop();
    },
  };
}
