import { describeDnsConformance } from '@cloudmux/test-kit';
import { PowerDnsDriver } from '../../src/index.js';
import { describeWithService } from '../../../../scripts/test/with-service.mjs';

// The shared DNS suite against the real PowerDNS started by scripts/test/services/powerdns
// (zone names are unique per test, so runs in parallel do not collide; each zone is deleted).
describeWithService('powerdns', 'PowerDNS conformance (real server)', () => {
  describeDnsConformance({
    name: 'powerdns (real)',
    setup: async () => {
      const driver = PowerDnsDriver.fromEnv();
      return { driver, teardown: async () => driver.close() };
    },
    pollIntervalMs: 50,
    timeoutMs: 10_000,
  });
});
