import { describeComputeConformance, describeSecretsCheck } from '@cloudmux/test-kit';
import { RackspaceNodeDriver } from '../../src/index.js';
import { RackspaceSimulator } from '../../src/simulator/index.js';
import { CIRROS } from './support.js';

// The shared compute suite against a fresh Rackspace simulator per test (Cloud Servers through Rackspace
// identity and catalog names): every declared capability is exercised, every other portable method must
// throw NotSupportedError.
describeComputeConformance({
  name: 'rackspace',
  setup: async () => {
    const sim = await RackspaceSimulator.start({ speed: 100 });
    const driver = new RackspaceNodeDriver('demo', 'demo-api-key', { region: 'ORD', identity: sim.identityUrl, retry: false });
    return {
      driver,
      teardown: async () => {
        await driver.close();
        await sim.stop();
      },
    };
  },
  createNodeOptions: () => Promise.resolve({ size: '2', image: CIRROS }),
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});

// No API key, token or machine secret (admin password, metadata, user data) in the debug trace, errors, or
// util.inspect of the driver and nodes, also on resets, hangs and malformed bodies.
const API_KEY = 'rax-api-key-s3cr3t-9999';
const ADMIN_PASS = 'admin-pass-s3cr3t-0001';
const DB_PASS = 'db-pass-s3cr3t-0002';
const USER_DATA = '#cloud-config\npassword: ud-s3cr3t-0003\n';

describeSecretsCheck({
  name: 'rackspace',
  setup: async (trace) => {
    const sim = await RackspaceSimulator.start({
      speed: 100,
      users: [{ username: 'secret-user', apiKey: API_KEY, password: 'rax-password-s3cr3t-8888' }],
    });
    const driver = new RackspaceNodeDriver('secret-user', API_KEY, {
      region: 'DFW',
      identity: sim.identityUrl,
      timeoutMs: 400,
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
      debugFile: trace.debugFile,
    });
    return {
      driver,
      teardown: async () => {
        await driver.close();
        await sim.stop();
      },
      credentials: [API_KEY, 'rax-password-s3cr3t-8888'],
      server: sim.server,
    };
  },
  createNodeOptions: () =>
    Promise.resolve({
      options: {
        size: '2',
        image: CIRROS,
        auth: { kind: 'password', password: ADMIN_PASS },
        ex: { metadata: { db_pass: DB_PASS }, userData: USER_DATA, diskConfig: 'AUTO' },
      },
      secrets: [ADMIN_PASS, DB_PASS, USER_DATA],
    }),
});
