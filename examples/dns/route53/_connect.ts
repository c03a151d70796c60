/**
 * Shared helper for the Route 53 examples: a driver for real AWS when AWS_ACCESS_KEY_ID is set
 * (credentials from AWS_* variables or ~/.aws, see `Route53DnsDriver.fromEnv`), otherwise an
 * in-process Route 53 simulator that verifies SigV4 like AWS does.
 */
import { Route53DnsDriver } from '@cloudmux/aws';
import { DEFAULT_CREDENTIALS, Route53Simulator } from '@cloudmux/aws/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: Route53DnsDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** Poll interval suited to the target while waiting for INSYNC (fast on the simulator). */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to AWS (env) or to a simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['AWS_ACCESS_KEY_ID']) {
    const driver = Route53DnsDriver.fromEnv();
    return { driver, simulated: false, pollIntervalMs: 5000, close: async () => driver.close() };
  }
  // Changes turn INSYNC after half a second (Route 53 itself takes up to a minute).
  const sim = await Route53Simulator.start({ syncDelayMs: 500 });
  const driver = new Route53DnsDriver(DEFAULT_CREDENTIALS.accessKeyId, DEFAULT_CREDENTIALS.secretAccessKey, { endpoint: sim.url });
  return {
    driver,
    simulated: true,
    pollIntervalMs: 100,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}
