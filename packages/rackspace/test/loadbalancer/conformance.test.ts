import { describeLoadBalancerConformance } from '@cloudmux/test-kit';
import { RackspaceLoadBalancerDriver } from '../../src/loadbalancer/index.js';
import { RackspaceSimulator } from '../../src/simulator/index.js';

// The shared load balancer suite against a fresh Rackspace simulator per test (transitions 50× faster).
describeLoadBalancerConformance({
  name: 'rackspace cloud load balancers',
  setup: async () => {
    const sim = await RackspaceSimulator.start({ speed: 50 });
    const driver = new RackspaceLoadBalancerDriver('demo', 'demo-api-key', {
      region: 'DFW',
      identity: sim.identityUrl,
      pollIntervalMs: 100,
      waitTimeoutMs: 10_000,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    return {
      driver,
      teardown: async () => {
        driver.close();
        await sim.stop();
      },
    };
  },
  pollIntervalMs: 100,
  timeoutMs: 10_000,
});
