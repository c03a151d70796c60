import { describeDnsConformance } from '@cloudmux/test-kit';
import { Route53DnsDriver } from '../../src/route53/driver.js';
import { Route53Simulator } from '../../src/simulator/index.js';

// The shared DNS suite against a fresh SigV4-verifying Route 53 simulator per test: every portable
// method but updateZone (a hosted zone has no TTL or type to change) is declared and checked.
const CREDS = { accessKeyId: 'AKIAR53CONFORMANCE01', secretAccessKey: 'route53/conformance/secret/00000000000001' };

describeDnsConformance({
  name: 'route53',
  setup: async () => {
    const sim = await Route53Simulator.start({ credentials: [CREDS], syncDelayMs: 20 });
    const driver = new Route53DnsDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
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
  pollIntervalMs: 100,
  timeoutMs: 10_000,
});
