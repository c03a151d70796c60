/**
 * Shared helper for the Cloud Files examples: a driver for your Rackspace account when RACKSPACE_USERNAME
 * and RACKSPACE_API_KEY (and RACKSPACE_REGION) are set, see `CloudFilesStorageDriver.fromEnv`; otherwise the
 * in-process Rackspace simulator (user demo, API key demo-api-key, region DFW).
 */
import { CloudFilesStorageDriver, type CloudFilesDriverOptions } from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: CloudFilesStorageDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  close(): Promise<void>;
}

/** Connects to Cloud Files (env) or to the simulator. */
export async function connect(options: CloudFilesDriverOptions = {}): Promise<Connected> {
  if (process.env['RACKSPACE_USERNAME'] && (process.env['RACKSPACE_API_KEY'] || process.env['RACKSPACE_PASSWORD'])) {
    const driver = CloudFilesStorageDriver.fromEnv(process.env, options);
    return { driver, simulated: false, close: async () => driver.close() };
  }
  const sim = await RackspaceSimulator.start();
  const driver = new CloudFilesStorageDriver('demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl, ...options });
  return {
    driver,
    simulated: true,
    close: async () => {
      driver.close();
      await sim.stop();
    },
  };
}

/** A container name for an example run. */
export function containerNameFor(what: string): string {
  return `cloudmux-example-${what}-${Date.now().toString(36)}`;
}
