import { describeDnsConformance } from '@cloudmux/test-kit';
import { startDnsSim } from './support.js';

// The shared DNS suite against a fresh Rackspace simulator per test, its jobs 50 times faster than real.
describeDnsConformance({
  name: 'rackspace cloud dns (simulator)',
  setup: async () => {
    const ctx = await startDnsSim({ speed: 50 });
    return { driver: ctx.driver, teardown: () => ctx.close() };
  },
  pollIntervalMs: 100,
  timeoutMs: 10_000,
});
