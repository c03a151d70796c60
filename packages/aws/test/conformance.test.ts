import { describeComputeConformance, describeSecretsCheck } from '@cloudmux/test-kit';
import type { CreateNodeOptions, NodeDriver } from '@cloudmux/core/compute';
import { Ec2NodeDriver } from '../src/ec2/driver.js';
import { Ec2Simulator } from '../src/simulator/index.js';

// The shared compute suite against a fresh SigV4-verifying EC2 simulator per test: EC2 declares every
// portable method, so each one's behaviour is checked.
const CREDS = { accessKeyId: 'AKIACONFORMANCE00001', secretAccessKey: 'conformance/secret/key/000000000000001' };

async function testSizeAndImage(driver: NodeDriver): Promise<CreateNodeOptions> {
  const image = (await (driver as Ec2NodeDriver).listImages()).find(
    (i) => i.extra.architecture === 'x86_64' && i.extra.platform === undefined,
  );
  const size = (await driver.listSizes()).find((s) => s.id === 't3.micro');
  if (image === undefined || size === undefined) throw new Error('the EC2 simulator offers no image or no t3.micro');
  return { size: size.id, image: image.id };
}

// Empty and hostile ids are refused before any request reaches the simulator (`requestCount`).
let computeSim: Ec2Simulator | undefined;
describeComputeConformance({
  name: 'ec2',
  requestCount: () => computeSim?.server.requests.length ?? 0,
  setup: async () => {
    const sim = await Ec2Simulator.start({
      credentials: [CREDS],
      pendingDelayMs: 20,
      stoppingDelayMs: 20,
      shuttingDownDelayMs: 20,
      resourceDelayMs: 20,
    });
    computeSim = sim;
    const driver = new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
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
  createNodeOptions: testSizeAndImage,
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});

// No credential (secret key, session token, the signatures made with them) and no machine secret
// (the user data) in the debug trace, any thrown error or `util.inspect` of the driver and nodes,
// also on connection resets, hangs and malformed bodies.
const TEMP_CREDS = {
  accessKeyId: 'ASIASECRETSCHECK0001',
  secretAccessKey: 'secrets/check/secret/key/00000000000001',
  sessionToken: 'IQoJb3JpZ2luX2VjEFAKESESSIONTOKEN0000000000000000001',
};
const USER_DATA = '#!/bin/sh\necho "root:userdata-s3cr3t-0001" | chpasswd\n';

describeSecretsCheck({
  name: 'ec2',
  setup: async () => {
    const sim = await Ec2Simulator.start({
      credentials: [TEMP_CREDS],
      pendingDelayMs: 20,
      stoppingDelayMs: 20,
      shuttingDownDelayMs: 20,
      resourceDelayMs: 20,
    });
    const driver = new Ec2NodeDriver(TEMP_CREDS.accessKeyId, TEMP_CREDS.secretAccessKey, {
      endpoint: sim.url,
      sessionToken: TEMP_CREDS.sessionToken,
      timeoutMs: 400,
      retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 20 },
    });
    return {
      driver,
      credentials: [TEMP_CREDS.secretAccessKey, TEMP_CREDS.sessionToken],
      server: sim.server,
      teardown: async () => {
        driver.close();
        await sim.close();
      },
    };
  },
  createNodeOptions: async (driver) => ({
    options: { ...(await testSizeAndImage(driver)), ex: { userData: USER_DATA } },
    secrets: [USER_DATA],
  }),
  // EC2 answers XML: a truncated attribute answer with the user data, and the generic JSON one.
  malformedBodies: (secrets) => [
    `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstanceAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>` +
      `<userData><value>${Buffer.from(secrets[0] ?? '').toString('base64')}</value></userData><password>${secrets[0] ?? ''}`,
    `{"credentials":{"root":${JSON.stringify(secrets[0] ?? '')}},"UserData":${JSON.stringify(secrets[0] ?? '')}`,
  ],
});
