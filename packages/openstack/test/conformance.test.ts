import { describeComputeConformance, describeSecretsCheck } from '@cloudmux/test-kit';
import { OpenStackNodeDriver } from '../src/index.js';
import { OpenStackSimulator } from '../src/simulator/index.js';

const CIRROS = '7e1b8d2a-5c43-4b8f-9c3e-2a1f0e6d9b01';

// The shared compute suite against a fresh OpenStack simulator per test: every declared capability is
// exercised (Nova servers, flavors, zones, key pairs; Glance images; Cinder volumes), every other
// portable method must throw NotSupportedError.
describeComputeConformance({
  name: 'openstack',
  setup: async () => {
    const sim = await OpenStackSimulator.start({ speed: 100 });
    const driver = new OpenStackNodeDriver('demo', 'secret', { authUrl: sim.authUrl, projectName: 'demo', retry: false });
    return {
      driver,
      teardown: async () => {
        await driver.close();
        await sim.stop();
      },
    };
  },
  createNodeOptions: () => Promise.resolve({ size: '1', image: CIRROS }),
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});

// No password, token or machine secret (admin password, metadata, user data) in the debug trace, errors, or
// util.inspect of the driver and nodes, also on resets, hangs and malformed bodies.
const ADMIN_PASS = 'admin-pass-s3cr3t-0001';
const DB_PASS = 'db-pass-s3cr3t-0002';
const USER_DATA = '#cloud-config\npassword: ud-s3cr3t-0003\n';

describeSecretsCheck({
  name: 'openstack',
  setup: async (trace) => {
    const sim = await OpenStackSimulator.start({ speed: 100 });
    sim.addUser({ name: 'secret-user', password: 'os-password-s3cr3t-9999', projects: ['demo'] });
    const driver = new OpenStackNodeDriver('secret-user', 'os-password-s3cr3t-9999', {
      authUrl: sim.authUrl,
      projectName: 'demo',
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
      credentials: ['os-password-s3cr3t-9999'],
      server: sim.server,
    };
  },
  createNodeOptions: () =>
    Promise.resolve({
      options: {
        size: '1',
        image: CIRROS,
        auth: { kind: 'password', password: ADMIN_PASS },
        ex: { metadata: { db_pass: DB_PASS }, userData: USER_DATA },
      },
      secrets: [ADMIN_PASS, DB_PASS, USER_DATA],
    }),
});
