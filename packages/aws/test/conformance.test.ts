import { describeComputeConformance } from '@cloudmux/test-kit';
import type { CreateNodeOptions, NodeDriver } from '@cloudmux/core/compute';
import { EC2NodeDriver } from '../src/ec2/driver.js';
import { Ec2Simulator } from '../src/simulator/index.js';

// The shared compute suite against a fresh SigV4-verifying EC2 simulator per test: EC2 declares every
// portable method, so each one's behaviour is checked.
const CREDS = { accessKeyId: 'AKIACONFORMANCE00001', secretAccessKey: 'conformance/secret/key/000000000000001' };

describeComputeConformance({
  name: 'ec2',
  setup: async () => {
    const sim = await Ec2Simulator.start({ credentials: [CREDS], pendingDelayMs: 20, stoppingDelayMs: 20, shuttingDownDelayMs: 20, resourceDelayMs: 20 });
    const driver = new EC2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: sim.url, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    return {
      driver,
      teardown: async () => {
        driver.close();
        await sim.close();
      },
    };
  },
  createNodeOptions: async (driver: NodeDriver): Promise<CreateNodeOptions> => {
    const image = (await (driver as EC2NodeDriver).listImages()).find((i) => i.extra.architecture === 'x86_64' && i.extra.platform === undefined);
    const size = (await driver.listSizes()).find((s) => s.id === 't3.micro');
    if (image === undefined || size === undefined) throw new Error('the EC2 simulator offers no image or no t3.micro');
    return { size: size.id, image: image.id };
  },
  waitPeriodMs: 20,
  timeoutMs: 10_000,
});
