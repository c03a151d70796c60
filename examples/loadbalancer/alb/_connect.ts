/**
 * Shared helper for the ELBv2 examples: a driver for real AWS when AWS_ACCESS_KEY_ID is set
 * (credentials, region and endpoint from AWS_* variables or ~/.aws, see `AlbLoadBalancerDriver.fromEnv`;
 * subnets from `ALB_EXAMPLE_SUBNETS`, comma-separated, two zones), otherwise an in-process Elastic Load
 * Balancing simulator that verifies SigV4 like AWS does.
 */
import { AlbLoadBalancerDriver } from '@cloudmux/aws';
import { DEFAULT_CREDENTIALS, ElbSimulator } from '@cloudmux/aws/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: AlbLoadBalancerDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** Poll interval suited to the target (balancers take minutes to provision on AWS). */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to AWS (env) or to a simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['AWS_ACCESS_KEY_ID']) {
    const subnets = (process.env['ALB_EXAMPLE_SUBNETS'] ?? '').split(',').filter((s) => s !== '');
    const driver = AlbLoadBalancerDriver.fromEnv(process.env, subnets.length > 0 ? { subnets } : {});
    return { driver, simulated: false, pollIntervalMs: 10_000, close: async () => driver.close() };
  }
  // Balancers provision in a second, targets turn healthy in half a second.
  const sim = await ElbSimulator.start({ provisioningDelayMs: 1000, healthyDelayMs: 500, drainDelayMs: 500 });
  const driver = new AlbLoadBalancerDriver(DEFAULT_CREDENTIALS.accessKeyId, DEFAULT_CREDENTIALS.secretAccessKey, {
    endpoint: sim.url,
    subnets: ['subnet-0cloudmux0000001', 'subnet-0cloudmux0000002'],
  });
  return {
    driver,
    simulated: true,
    pollIntervalMs: 200,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}
