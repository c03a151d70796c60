import { Readable } from 'node:stream';
import { describeStorageConformance } from '@cloudmux/test-kit';
import { AzureBlobsStorageDriver, AZURE_BLOB_VERSION, sasTime, serviceSasQuery } from '@cloudmux/azure';
import { InvalidCredentialsError } from '@cloudmux/core/errors';
import { describeWithService } from '../../../scripts/test/with-service.mjs';

// The driver against real Azurite (SharedKey and SAS verified by the server). `npm test` starts
// Azurite and exports AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_KEY, AZURE_BLOB_ENDPOINT and
// AZURE_STORAGE_CONNECTION_STRING with CLOUDMUX_TEST_SERVICES=azurite. By hand:
// bash scripts/test/services/azurite/start.sh, export its output and CLOUDMUX_TEST_SERVICES=azurite.
function fromEnv(options = {}): AzureBlobsStorageDriver {
  return AzureBlobsStorageDriver.fromEnv(process.env, { pageSize: 3, singlePutThreshold: 64 * 1024, blockSize: 64 * 1024, ...options });
}

describeWithService('azurite', 'azure against Azurite', () => {
  describeStorageConformance({
    name: 'azure (Azurite)',
    setup: async () => {
      const driver = fromEnv();
      return { driver, teardown: async () => driver.close() };
    },
    pollIntervalMs: 50,
    timeoutMs: 10_000,
  });

  it('refuses a wrong SharedKey and a forged SAS; accepts a container SAS', async () => {
    const env = process.env;
    const bad = AzureBlobsStorageDriver.fromEnv({
      ...env,
      AZURE_STORAGE_CONNECTION_STRING: undefined,
      AZURE_STORAGE_KEY: Buffer.alloc(64, 1).toString('base64'),
    });
    await expect(bad.listContainers()).rejects.toBeInstanceOf(InvalidCredentialsError);
    bad.close();
    const driver = fromEnv();
    const name = `cmx-sas-${Date.now().toString(36)}`;
    await driver.createContainer({ name });
    try {
      const sas = (permissions: string): string =>
        serviceSasQuery(
          {
            permissions,
            start: '',
            expiry: sasTime(Date.now() + 600_000),
            account: driver.account,
            container: name,
            blob: '',
            version: AZURE_BLOB_VERSION,
            resource: 'c',
            protocol: '',
          },
          env.AZURE_STORAGE_KEY!,
        ).toString();
      const endpoint = env.AZURE_BLOB_ENDPOINT!;
      const good = new AzureBlobsStorageDriver(driver.account, undefined, { endpoint, sasToken: sas('racwdl') });
      const o = await good.uploadObjectViaStream(name, { name: 's/1.txt', source: Readable.from([Buffer.from('sas ok')]) });
      expect((await good.listContainerObjects(name)).map((x) => x.name)).toEqual(['s/1.txt']);
      await good.deleteObject(o);
      good.close();
      const forged = new AzureBlobsStorageDriver(driver.account, undefined, { endpoint, sasToken: sas('rl').replace('sp=rl', 'sp=rwl') });
      await expect(forged.uploadObject(name, { name: 'x', data: 'x' })).rejects.toBeInstanceOf(InvalidCredentialsError);
      forged.close();
    } finally {
      await driver.deleteContainer(name);
      driver.close();
    }
  });
});
