import { describeComputeConformance } from '@cloudmux/test-kit';
import type { JoyentNodeDriver } from '../src/index.js';
import { startSim } from './support/sim.js';

// The shared compute suite against a fresh CloudAPI simulator per test: every capability the
// driver declares is exercised, every other portable method must throw NotSupportedError.
describeComputeConformance({
  name: 'joyent',
  setup: async () => {
    const ctx = await startSim({ provisionDelayMs: 20, stopDelayMs: 20, startDelayMs: 20, deleteDelayMs: 20 });
    return { driver: ctx.driver, teardown: () => ctx.close() };
  },
  createNodeOptions: async (driver) => {
    const joyent = driver as JoyentNodeDriver;
    const [size] = await joyent.exFindSizes(/^g4-highcpu-128M$/);
    const [image] = await joyent.exFindImages(/^base-64-lts$/);
    if (!size || !image) throw new Error('simulator has no g4-highcpu-128M package or base-64-lts image');
    return { size: size.id, image: image.id };
  },
  waitPeriodMs: 20,
  timeoutMs: 10_000,
});
