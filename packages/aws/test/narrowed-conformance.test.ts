import { inspect } from 'node:util';
import type { Capabilities } from '@cloudmux/core';
import type { ComputeMethod, CreateNodeOptions, NodeDriver } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import { describeComputeConformance } from '@cloudmux/test-kit';
import { EC2_CAPABILITIES } from '../src/ec2/capabilities.js';
import { Ec2NodeDriver } from '../src/ec2/driver.js';
import { Ec2Simulator } from '../src/simulator/index.js';

// An EC2 driver class that declares only part of the API: every method it leaves out throws
// NotSupportedError (core's capability guard), and every method that takes `ex` refuses an unknown
// key before any request (before, EC2 silently dropped `ex: { colour: 'red' }`).

const CREDS = { accessKeyId: 'AKIANARROWED00000001', secretAccessKey: 'narrowed/secret/key/00000000000000000001' };
const REMOVED: readonly ComputeMethod[] = [
  'rebootNode',
  'startNode',
  'stopNode',
  'listVolumeSnapshots',
  'createVolumeSnapshot',
  'destroyVolumeSnapshot',
  'getKeyPair',
  'importKeyPairFromFile',
];

class NarrowEc2 extends Ec2NodeDriver {
  static override readonly capabilities: Capabilities<ComputeMethod> = EC2_CAPABILITIES.filter((m) => !REMOVED.includes(m));
}

let sim: Ec2Simulator | undefined;
async function setup(Driver: typeof Ec2NodeDriver = NarrowEc2): Promise<{ driver: Ec2NodeDriver; teardown(): Promise<void> }> {
  const s = await Ec2Simulator.start({
    credentials: [CREDS],
    pendingDelayMs: 20,
    stoppingDelayMs: 20,
    shuttingDownDelayMs: 20,
    resourceDelayMs: 20,
  });
  sim = s;
  const driver = new Driver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: s.url, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  return {
    driver,
    teardown: async () => {
      driver.close();
      await s.close();
    },
  };
}

async function testSizeAndImage(driver: NodeDriver): Promise<CreateNodeOptions> {
  const image = (await (driver as Ec2NodeDriver).listImages()).find(
    (i) => i.extra.architecture === 'x86_64' && i.extra.platform === undefined,
  );
  if (image === undefined) throw new Error('the EC2 simulator offers no x86_64 Linux image');
  return { size: 't3.micro', image: image.id };
}

describeComputeConformance({
  name: 'ec2, narrowed',
  setup: () => setup(),
  requestCount: () => sim?.server.requests.length ?? 0,
  createNodeOptions: testSizeAndImage,
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});

describe('ec2: capability guard and unknown ex keys', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  afterEach(() => env.teardown());

  it('a narrowed class refuses a removed method it implements, before any request', async () => {
    env = await setup();
    const { driver } = env;
    const before = sim?.server.requests.length;
    const err = await driver.rebootNode('i-0123456789abcdef0').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotSupportedError);
    expect((err as Error).message).toBe('Amazon EC2 does not support rebootNode');
    const it = driver.iterateVolumeSnapshots()[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow(NotSupportedError);
    expect(sim?.server.requests.length).toBe(before);
    expect(inspect(driver)).not.toMatch(/rebootNode|iterateVolumeSnapshots/);
  });

  it.each([
    [
      'createNode',
      (d: Ec2NodeDriver) => d.createNode({ size: 't3.micro', image: 'ami-0123456789abcdef0', ex: { colour: 'red' } as never }),
      /^createNode ex: unknown option "colour"\. Valid options: blockDeviceMappings, clientToken, /,
    ],
    [
      'exCreateNodes',
      (d: Ec2NodeDriver) => d.exCreateNodes({ size: 't3.micro', image: 'ami-0123456789abcdef0', ex: { colour: 'red' } as never }),
      /^createNode ex: unknown option "colour"/,
    ],
    [
      'listNodes',
      (d: Ec2NodeDriver) => d.listNodes({ ex: { colour: 'red' } as never }),
      /^listNodes ex: unknown option "colour"\. Valid options: filters$/,
    ],
    [
      'iterateNodes',
      (d: Ec2NodeDriver) => {
        const nodes = d.iterateNodes({ ex: { colour: 'red' } as never });
        return nodes[Symbol.asyncIterator]().next();
      },
      /^listNodes ex: unknown option "colour"/,
    ],
    [
      'listImages',
      (d: Ec2NodeDriver) => d.listImages({ ex: { colour: 'red' } as never }),
      /^listImages ex: unknown option "colour"\. Valid options: executableBy, filters, ids, owners$/,
    ],
    [
      'createVolume',
      (d: Ec2NodeDriver) => d.createVolume({ name: 'v', sizeGb: 1, location: 'us-east-1a', ex: { colour: 'red' } as never }),
      /^createVolume ex: unknown option "colour"\. Valid options: clientToken, encrypted, iops, kmsKeyId, tags, throughput, volumeType$/,
    ],
  ] as const)('%s refuses an unknown ex key before any request', async (_name, call, message) => {
    env = await setup(Ec2NodeDriver);
    const before = sim?.server.requests.length;
    const err = await call(env.driver).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(message);
    expect((err as InvalidArgumentError).provider).toBe('ec2');
    expect(sim?.server.requests.length).toBe(before);
  });

  it('still accepts every declared ex key', async () => {
    env = await setup(Ec2NodeDriver);
    const { driver } = env;
    const opts = await testSizeAndImage(driver);
    const node = await driver.createNode({
      ...opts,
      ex: { tags: { env: 'test' }, userData: '#!/bin/sh\n', clientToken: 'narrowed-1', monitoring: false },
    });
    expect(node.id).toMatch(/^i-/);
    expect(Array.isArray(await driver.listNodes({ ex: { filters: { 'instance-id': node.id } } }))).toBe(true);
  });
});
