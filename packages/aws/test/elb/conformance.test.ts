import { describeLoadBalancerConformance } from '@cloudmux/test-kit';
import { ElbLoadBalancerDriver } from '../../src/elb/driver.js';
import { AlbLoadBalancerDriver } from '../../src/elbv2/driver.js';
import { ElbSimulator } from '../../src/simulator/index.js';
import { CREDS, SUBNETS, ec2Node } from './helpers.js';

// The shared load balancer suite against a fresh SigV4-verifying ELB simulator per test, for both APIs.
// Classic ELB members are EC2 instances, so its suite attaches a node with an instance id.
const timing = { pollIntervalMs: 100, timeoutMs: 10_000 };

describeLoadBalancerConformance({
  name: 'elb (classic)',
  setup: async () => {
    const sim = await ElbSimulator.start({ credentials: [CREDS], healthyDelayMs: 20 });
    const driver = new ElbLoadBalancerDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
      endpoint: sim.url,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    return {
      driver,
      teardown: async () => {
        driver.close();
        await sim.close();
      },
    };
  },
  computeNode: async () => ec2Node(),
  ...timing,
});

describeLoadBalancerConformance({
  name: 'alb (elbv2)',
  setup: async () => {
    const sim = await ElbSimulator.start({ credentials: [CREDS], provisioningDelayMs: 150, healthyDelayMs: 20, drainDelayMs: 20 });
    const driver = new AlbLoadBalancerDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
      endpoint: sim.url,
      subnets: SUBNETS,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    return {
      driver,
      teardown: async () => {
        driver.close();
        await sim.close();
      },
    };
  },
  ...timing,
});
