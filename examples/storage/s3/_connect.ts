/**
 * Shared helper for the S3 examples: a driver for real S3 (or an S3-compatible service) when
 * AWS_ACCESS_KEY_ID is set (credentials, region and endpoint from AWS_* / S3_* variables or ~/.aws,
 * see `S3StorageDriver.fromEnv`), otherwise an in-process S3 simulator that verifies SigV4 like S3.
 */
import { S3StorageDriver, type S3DriverOptions } from '@cloudmux/aws';
import { DEFAULT_S3_CREDENTIALS, S3Simulator } from '@cloudmux/aws/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: S3StorageDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  close(): Promise<void>;
}

/** Connects to S3 (env) or to a simulator. */
export async function connect(options: S3DriverOptions = {}): Promise<Connected> {
  if (process.env['AWS_ACCESS_KEY_ID']) {
    const driver = S3StorageDriver.fromEnv(process.env, options);
    return { driver, simulated: false, close: async () => driver.close() };
  }
  const sim = await S3Simulator.start();
  const driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
    endpoint: sim.endpoint,
    region: sim.region,
    ...options,
  });
  return {
    driver,
    simulated: true,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}

/** A bucket name unlikely to be taken (bucket names are global on AWS). */
export function bucketName(what: string): string {
  return `cloudmux-example-${what}-${Date.now().toString(36)}`;
}

/** Empties and deletes a bucket. */
export async function removeBucket(driver: S3StorageDriver, name: string): Promise<void> {
  for (const o of await driver.listContainerObjects(name)) await driver.deleteObject(o);
  await driver.deleteContainer(name);
}
