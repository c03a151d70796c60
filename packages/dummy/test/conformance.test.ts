import {
  describeComputeConformance,
  describeDnsConformance,
  describeLoadBalancerConformance,
  describeSecretsCheck,
  describeStorageConformance,
} from '@cloudmux/test-kit';
import { DummyDnsDriver, DummyLoadBalancerDriver, DummyNodeDriver, LocalStorageDriver } from '../src/index.js';
import { tempRoot } from './support/temp-root.js';

// The shared suites on the in-memory and file-system drivers. Dummy compute gets real delays so
// the suite observes pending → running, stopping → stopped, rebooting → running.
describeComputeConformance({
  name: 'dummy',
  setup: async () => ({
    driver: new DummyNodeDriver('dummy', undefined, {
      bootDelayMs: 30,
      stopDelayMs: 20,
      rebootDelayMs: 20,
      destroyDelayMs: 20,
      volumeDelayMs: 20,
      pageSize: 2,
    }),
    teardown: async () => undefined,
  }),
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});

// Dummy has no HTTP (no trace, no faults): its errors and `util.inspect` of the driver and nodes must still
// not show the node password the flow sets.
const NODE_PASSWORD = 'dummy-node-pw-s3cr3t-01';
describeSecretsCheck({
  name: 'dummy',
  setup: async () => ({
    driver: new DummyNodeDriver('dummy', undefined, { pageSize: 2 }),
    teardown: async () => undefined,
    credentials: [],
  }),
  createNodeOptions: async (driver) => {
    const [size] = await driver.listSizes();
    const [image] = await driver.listImages();
    if (!size || !image) throw new Error('Dummy lists no size or image');
    return { options: { size: size.id, image: image.id, auth: { kind: 'password', password: NODE_PASSWORD } }, secrets: [NODE_PASSWORD] };
  },
  faults: false,
});

describeStorageConformance({
  name: 'local',
  setup: async () => {
    const dir = await tempRoot();
    return { driver: new LocalStorageDriver(dir.root), teardown: dir.remove };
  },
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});

describeDnsConformance({
  name: 'dummy',
  setup: async () => ({ driver: new DummyDnsDriver('dummy'), teardown: async () => undefined }),
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});

describeLoadBalancerConformance({
  name: 'dummy',
  setup: async () => ({ driver: new DummyLoadBalancerDriver('dummy'), teardown: async () => undefined }),
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});
