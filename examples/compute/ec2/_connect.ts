/**
 * Shared helper for the EC2 examples: a driver for real AWS when AWS_ACCESS_KEY_ID is set (credentials,
 * region and endpoint from AWS_* variables or ~/.aws, see `Ec2NodeDriver.fromEnv`), otherwise an
 * in-process EC2 simulator that verifies SigV4 like AWS does.
 */
import { Ec2NodeDriver } from '@cloudmux/aws';
import { DEFAULT_CREDENTIALS, Ec2Simulator } from '@cloudmux/aws/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: Ec2NodeDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** Poll interval suited to the target (fast on the simulator). */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to AWS (env) or to a simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['AWS_ACCESS_KEY_ID']) {
    const driver = Ec2NodeDriver.fromEnv();
    return { driver, simulated: false, pollIntervalMs: 5000, close: async () => driver.close() };
  }
  const sim = await Ec2Simulator.start({ pendingDelayMs: 300, stoppingDelayMs: 200, shuttingDownDelayMs: 200, resourceDelayMs: 200 });
  // A few instances to look at, as an account would have.
  sim.seedInstances(3, { tags: { Name: 'web-{n}', env: 'demo' } });
  const driver = new Ec2NodeDriver(DEFAULT_CREDENTIALS.accessKeyId, DEFAULT_CREDENTIALS.secretAccessKey, {
    endpoint: sim.url,
    region: sim.region,
  });
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

/** The newest Amazon Linux 2023 x86_64 AMI and the cheapest instance type of the t3 family. */
export async function pickSizeAndImage(driver: Ec2NodeDriver): Promise<{ size: string; image: string }> {
  const images = await driver.listImages({ ex: { owners: ['amazon'], filters: { name: 'al2023-ami-2023*-x86_64', state: 'available' } } });
  const image = images.sort((a, b) => (b.extra.creationDate?.getTime() ?? 0) - (a.extra.creationDate?.getTime() ?? 0))[0];
  if (image === undefined) throw new Error(`No Amazon Linux 2023 image in ${driver.region}`);
  return { size: 't3.micro', image: image.id };
}
