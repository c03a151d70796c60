/**
 * Shared helper for the classic ELB examples: a driver for real AWS when AWS_ACCESS_KEY_ID is set
 * (credentials, region and endpoint from AWS_* variables or ~/.aws, see `ElbLoadBalancerDriver.fromEnv`),
 * otherwise an in-process Elastic Load Balancing simulator that verifies SigV4 like AWS does.
 */
import { ElbLoadBalancerDriver } from '@cloudmux/aws';
import { DEFAULT_CREDENTIALS, ElbSimulator } from '@cloudmux/aws/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: ElbLoadBalancerDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** EC2 instance ids to register (`ELB_EXAMPLE_INSTANCES`, comma-separated, on AWS). */
  instanceIds: string[];
  /** Poll interval suited to the target. */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to AWS (env) or to a simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['AWS_ACCESS_KEY_ID']) {
    const driver = ElbLoadBalancerDriver.fromEnv();
    const instanceIds = (process.env['ELB_EXAMPLE_INSTANCES'] ?? '').split(',').filter((s) => s !== '');
    return { driver, simulated: false, instanceIds, pollIntervalMs: 5000, close: async () => driver.close() };
  }
  // Registered instances pass their health check after half a second.
  const sim = await ElbSimulator.start({ healthyDelayMs: 500 });
  const driver = new ElbLoadBalancerDriver(DEFAULT_CREDENTIALS.accessKeyId, DEFAULT_CREDENTIALS.secretAccessKey, { endpoint: sim.url });
  return {
    driver,
    simulated: true,
    instanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'],
    pollIntervalMs: 100,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}
