import { describeStorageConformance } from '@cloudmux/test-kit';
import { OpenStackSwiftStorageDriver } from '@cloudmux/openstack';
import { OpenStackSimulator } from '@cloudmux/openstack/simulator';

// The shared storage suite against the simulated Swift: tempauth, and Keystone v3 through the catalog.
// Small pages make listings follow markers; a 64 KiB threshold sends the 200 kB uploads through SLOs.
const small = { pageSize: 3, sloThreshold: 64 * 1024, segmentSize: 64 * 1024 };

describeStorageConformance({
  name: 'swift (simulator, tempauth)',
  setup: async () => {
    const sim = await OpenStackSimulator.start();
    const driver = new OpenStackSwiftStorageDriver('demo:demo', 'secret', { authUrl: `${sim.url}/auth/v1.0`, ...small });
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

describeStorageConformance({
  name: 'swift (simulator, Keystone v3)',
  setup: async () => {
    const sim = await OpenStackSimulator.start();
    const driver = new OpenStackSwiftStorageDriver('demo', 'secret', {
      authUrl: `${sim.url}/identity/v3`,
      projectName: 'demo',
      region: 'RegionOne',
      ...small,
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
