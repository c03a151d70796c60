import { Route53DnsDriver } from '../../src/route53/driver.js';
import type { Route53DriverOptions } from '../../src/route53/options.js';
import { Route53Simulator, type Route53SimulatorOptions } from '../../src/simulator/index.js';

/** Test credentials the simulator accepts. */
export const CREDS = { accessKeyId: 'AKIATESTROUTE5300001', secretAccessKey: 'test/route53+secret/key/000000000000001' };

/** A simulator plus a driver pointed at it. */
export interface R53Harness {
  sim: Route53Simulator;
  driver: Route53DnsDriver;
  close(): Promise<void>;
}

/** Starts a Route 53 simulator (changes in sync after 150 ms) and a driver with quick retries. */
export async function startRoute53(
  simOptions: Route53SimulatorOptions = {},
  driverOptions: Route53DriverOptions = {},
): Promise<R53Harness> {
  const sim = await Route53Simulator.start({ credentials: [CREDS], syncDelayMs: 150, ...simOptions });
  const driver = new Route53DnsDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
    endpoint: sim.url,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...driverOptions,
  });
  return {
    sim,
    driver,
    async close() {
      driver.close();
      await sim.close();
    },
  };
}
