import { describeComputeConformance, describeSecretsCheck } from '@cloudmux/test-kit';
import type { JoyentNodeDriver } from '../src/index.js';
import type { CloudApiSimulator } from '../src/simulator/index.js';
import { startSim } from './support/sim.js';

async function testSizeAndImage(joyent: JoyentNodeDriver): Promise<{ size: string; image: string }> {
  const [size] = await joyent.exFindSizes(/^g4-highcpu-128M$/);
  const [image] = await joyent.exFindImages(/^base-64-lts$/);
  if (!size || !image) throw new Error('simulator has no g4-highcpu-128M package or base-64-lts image');
  return { size: size.id, image: image.id };
}

// The shared compute suite against a fresh CloudAPI simulator per test: every capability the
// driver declares is exercised, every other portable method must throw NotSupportedError; empty and
// hostile ids are refused before any request reaches the simulator (`requestCount`).
let computeSim: CloudApiSimulator | undefined;
describeComputeConformance({
  name: 'joyent',
  setup: async () => {
    const ctx = await startSim({ provisionDelayMs: 20, stopDelayMs: 20, startDelayMs: 20, deleteDelayMs: 20 });
    computeSim = ctx.sim;
    return { driver: ctx.driver, teardown: () => ctx.close() };
  },
  requestCount: () => computeSim?.server.requests.length ?? 0,
  createNodeOptions: (driver) => testSizeAndImage(driver as JoyentNodeDriver),
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});

// No credential (the private key, the signatures it made) and no machine secret (metadata passwords,
// the user-script) in the debug trace, any thrown error or `util.inspect` of the driver and nodes,
// also on connection resets, hangs and malformed bodies.
const ROOT_PW = 'root-pw-s3cr3t-0001';
const DB_PASS = 'db-pass-s3cr3t-0002';
const USER_SCRIPT = '#!/bin/sh\necho "admin:script-s3cr3t-0003" | chpasswd\n';

describeSecretsCheck({
  name: 'joyent',
  setup: async () => {
    const ctx = await startSim({ provisionDelayMs: 20, stopDelayMs: 20, startDelayMs: 20, deleteDelayMs: 20 }, 'rsa');
    const driver = ctx.makeDriver({ timeoutMs: 400 });
    return {
      driver,
      teardown: () => ctx.close(),
      credentials: [ctx.key.privatePem],
      publicValues: [ctx.key.publicKey],
      server: ctx.sim.server,
    };
  },
  createNodeOptions: async (driver) => ({
    options: { ...(await testSizeAndImage(driver)), ex: { metadata: { root_pw: ROOT_PW, db_pass: DB_PASS }, userScript: USER_SCRIPT } },
    secrets: [ROOT_PW, DB_PASS, USER_SCRIPT],
  }),
});
