import { describeStorageConformance } from '@cloudmux/test-kit';
import { AzureBlobsStorageDriver } from '@cloudmux/azure';
import { AzureBlobSimulator } from '@cloudmux/azure/simulator';

// The shared storage suite against the simulator, with small pages and a small single-put
// threshold so listings follow markers and uploads above 64 KiB go through staged blocks.
describeStorageConformance({
  name: 'azure (simulator)',
  setup: async () => {
    const sim = await AzureBlobSimulator.start({ maxPageSize: 5 });
    const driver = new AzureBlobsStorageDriver(sim.account, sim.key, {
      endpoint: sim.endpoint,
      pageSize: 5,
      singlePutThreshold: 64 * 1024,
      blockSize: 64 * 1024,
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
