import { describeDnsConformance } from '@cloudmux/test-kit';
import { startSim } from './support/sim.js';

// The shared DNS suite against a fresh PowerDNS simulator per test (the same suite runs against
// the real PowerDNS in test/real/conformance.test.ts).
describeDnsConformance({
  name: 'powerdns (simulator)',
  setup: async () => {
    const ctx = await startSim();
    return { driver: ctx.driver, teardown: () => ctx.close() };
  },
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});
