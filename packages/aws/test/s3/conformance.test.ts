import { describeStorageConformance } from '@cloudmux/test-kit';
import { S3StorageDriver } from '@cloudmux/aws';
import { DEFAULT_S3_CREDENTIALS, S3Simulator } from '@cloudmux/aws/simulator';

// The shared storage suite against the S3 simulator (SigV4 verified), with small pages and a small
// multipart threshold so listings follow continuation tokens and uploads above 64 KiB go multipart.
for (const listApiVersion of [2, 1] as const) {
  describeStorageConformance({
    name: `s3 (simulator, ListObjects V${listApiVersion})`,
    setup: async () => {
      const sim = await S3Simulator.start({ maxKeys: 4, minPartSize: 64 * 1024 });
      const driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
        endpoint: sim.endpoint,
        listApiVersion,
        pageSize: 5,
        multipartThreshold: 64 * 1024,
        partSize: 64 * 1024,
        partsInFlight: 2,
      });
      return {
        driver,
        teardown: async () => {
          driver.close();
          await sim.close();
        },
      };
    },
    pollIntervalMs: 5,
    timeoutMs: 5_000,
  });
}
