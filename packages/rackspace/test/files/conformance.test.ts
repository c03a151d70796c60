import { describeStorageConformance } from '@cloudmux/test-kit';
import { CloudFilesStorageDriver } from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

// The shared storage suite against the Rackspace simulator (Cloud Files = its Swift, CDN = its CDN API).
// Small pages make listings follow markers; a 64 KiB threshold sends the 200 kB uploads through SLOs.
describeStorageConformance({
  name: 'cloudfiles (Rackspace simulator)',
  setup: async () => {
    const sim = await RackspaceSimulator.start();
    const driver = new CloudFilesStorageDriver('demo', 'demo-api-key', {
      region: 'DFW',
      identity: sim.identityUrl,
      pageSize: 3,
      sloThreshold: 64 * 1024,
      segmentSize: 64 * 1024,
    });
    await driver.exSetTempUrlKey('conformance-key');
    return {
      driver,
      teardown: async () => {
        driver.close();
        await sim.stop();
      },
    };
  },
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});
