/**
 * Shared helper for the Cloud DNS examples: a driver for your Rackspace account when RACKSPACE_USERNAME and
 * RACKSPACE_API_KEY are set (see `RackspaceDnsDriver.fromEnv`; Cloud DNS is global, no region needed);
 * otherwise the in-process Rackspace simulator (user demo, API key demo-api-key), its jobs 20 times faster.
 */
import { RackspaceDnsDriver } from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: RackspaceDnsDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  close(): Promise<void>;
}

/** Connects to Cloud DNS (env) or to the simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['RACKSPACE_USERNAME'] && (process.env['RACKSPACE_API_KEY'] || process.env['RACKSPACE_PASSWORD'])) {
    const driver = RackspaceDnsDriver.fromEnv();
    return { driver, simulated: false, close: () => driver.close() };
  }
  const sim = await RackspaceSimulator.start({ speed: 20 });
  const driver = new RackspaceDnsDriver('demo', 'demo-api-key', { identity: sim.identityUrl });
  return {
    driver,
    simulated: true,
    close: async () => {
      await driver.close();
      await sim.stop();
    },
  };
}

/** A domain name for an example run (Rackspace refuses names that exist anywhere, so it is unique). */
export function domainFor(what: string): string {
  return `cloudmux-${what}-${Date.now().toString(36)}.example.com`;
}
