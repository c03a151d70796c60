import { describeComputeConformance, describeDnsConformance, describeLoadBalancerConformance, describeStorageConformance } from '@cloudmux/test-kit';
import { DummyDnsDriver, DummyLoadBalancerDriver, DummyNodeDriver, LocalStorageDriver } from '../src/index.js';
import { tempRoot } from './support/temp-root.js';

// The shared suites on the in-memory and file-system drivers. Dummy compute gets real delays so
// the suite observes pending → running, stopping → stopped, rebooting → running.
describeComputeConformance({
  name: 'dummy',
  setup: async () => ({
    driver: new DummyNodeDriver('dummy', undefined, { bootDelayMs: 30, stopDelayMs: 20, rebootDelayMs: 20, destroyDelayMs: 20, volumeDelayMs: 20, pageSize: 2 }),
    teardown: async () => undefined,
  }),
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});

describeStorageConformance({
  name: 'local',
  setup: async () => {
    const dir = await tempRoot();
    return { driver: new LocalStorageDriver(dir.root), teardown: dir.remove };
  },
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});

describeDnsConformance({
  name: 'dummy',
  setup: async () => ({ driver: new DummyDnsDriver('dummy'), teardown: async () => undefined }),
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});

describeLoadBalancerConformance({
  name: 'dummy',
  setup: async () => ({ driver: new DummyLoadBalancerDriver('dummy'), teardown: async () => undefined }),
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});
