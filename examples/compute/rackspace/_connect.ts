/**
 * Shared helper for the Rackspace Cloud Servers examples: a driver for the real cloud when
 * `RACKSPACE_USERNAME` (or `OS_USERNAME`) is set (see `RackspaceNodeDriver.fromEnv`: `RACKSPACE_API_KEY`,
 * `RACKSPACE_REGION`), otherwise an in-process Rackspace simulator reached the same way, through environment
 * variables pointing `RACKSPACE_IDENTITY` at it.
 */
import { RackspaceNodeDriver } from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: RackspaceNodeDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** Poll interval suited to the target (fast on the simulator). */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to Rackspace (env) or to a simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['RACKSPACE_USERNAME'] || process.env['OS_USERNAME']) {
    const driver = RackspaceNodeDriver.fromEnv();
    return { driver, simulated: false, pollIntervalMs: 5000, close: () => driver.close() };
  }
  const sim = await RackspaceSimulator.start({ speed: 20 });
  const driver = RackspaceNodeDriver.fromEnv({
    RACKSPACE_USERNAME: 'demo',
    RACKSPACE_API_KEY: 'demo-api-key',
    RACKSPACE_REGION: 'ORD',
    RACKSPACE_IDENTITY: sim.identityUrl,
  });
  return {
    driver,
    simulated: true,
    pollIntervalMs: 100,
    close: async () => {
      await driver.close();
      await sim.stop();
    },
  };
}
