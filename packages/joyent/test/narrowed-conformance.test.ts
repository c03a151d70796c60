import { inspect } from 'node:util';
import type { Capabilities } from '@cloudmux/core';
import type { ComputeMethod } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import { describeComputeConformance } from '@cloudmux/test-kit';
import { JOYENT_CAPABILITIES, JoyentNodeDriver } from '../src/index.js';
import type { CloudApiSimulator } from '../src/simulator/index.js';
import { startSim } from './support/sim.js';

// A Joyent driver class that declares only part of the API: the capability guard of core's
// DriverBase makes every method it leaves out throw NotSupportedError, although JoyentNodeDriver
// implements them (before, a narrowed Joyent subclass still answered everything).

const REMOVED: readonly ComputeMethod[] = [
  'rebootNode',
  'startNode',
  'stopNode',
  'waitUntilRunning',
  'deployNode',
  'getKeyPair',
  'importKeyPairFromFile',
];

class NarrowJoyent extends JoyentNodeDriver {
  static override readonly capabilities: Capabilities<ComputeMethod> = JOYENT_CAPABILITIES.filter((m) => !REMOVED.includes(m));
}

let sim: CloudApiSimulator | undefined;
async function narrowDriver(): Promise<{ driver: NarrowJoyent; teardown(): Promise<void> }> {
  const ctx = await startSim({ provisionDelayMs: 20, stopDelayMs: 20, startDelayMs: 20, deleteDelayMs: 20 });
  sim = ctx.sim;
  const driver = new NarrowJoyent('demo', undefined, {
    url: ctx.sim.url,
    privateKey: ctx.key.privatePem,
    useAgent: false,
    sshDir: false,
    retry: false,
  });
  return {
    driver,
    teardown: async () => {
      driver.close();
      await ctx.close();
    },
  };
}

async function testSizeAndImage(joyent: JoyentNodeDriver): Promise<{ size: string; image: string }> {
  const [size] = await joyent.exFindSizes(/^g4-highcpu-128M$/);
  const [image] = await joyent.exFindImages(/^base-64-lts$/);
  if (!size || !image) throw new Error('simulator has no g4-highcpu-128M package or base-64-lts image');
  return { size: size.id, image: image.id };
}

describeComputeConformance({
  name: 'joyent, narrowed',
  setup: narrowDriver,
  requestCount: () => sim?.server.requests.length ?? 0,
  createNodeOptions: (driver) => testSizeAndImage(driver as JoyentNodeDriver),
  pollIntervalMs: 20,
  timeoutMs: 10_000,
});

describe('joyent, narrowed: the capability guard', () => {
  let env: Awaited<ReturnType<typeof narrowDriver>>;
  beforeEach(async () => {
    env = await narrowDriver();
  });
  afterEach(() => env.teardown());

  it('refuses a removed method the class implements, before any request', async () => {
    const { driver } = env;
    const node = await driver.createNode(await testSizeAndImage(driver));
    const before = sim?.server.requests.length;
    const err = await driver.rebootNode(node.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotSupportedError);
    expect((err as Error).message).toBe('Joyent Triton does not support rebootNode');
    await expect(driver.getKeyPair('test')).rejects.toThrow(NotSupportedError);
    await expect(driver.waitUntilRunning([node.id])).rejects.toThrow(NotSupportedError);
    expect(sim?.server.requests.length).toBe(before);
    expect(driver.supports('rebootNode')).toBe(false);
    expect(inspect(driver)).not.toMatch(/rebootNode|getKeyPair/);
    // declared methods still work
    expect((await driver.getNode(node.id)).id).toBe(node.id);
  });

  it('refuses an unknown ex key with the core message (createNode, listNodes, listSizes, listImages)', async () => {
    const { driver } = env;
    const before = sim?.server.requests.length;
    await expect(driver.createNode({ size: 's', image: 'i', ex: { colour: 'red' } as never })).rejects.toThrow(
      /^createNode ex: unknown option "colour"\. Valid options: affinity, allowSharedImages, brand, /,
    );
    await expect(driver.listNodes({ ex: { colour: 'red' } as never })).rejects.toThrow(InvalidArgumentError);
    await expect(driver.listSizes({ ex: { colour: 'red' } as never })).rejects.toThrow(
      /listSizes ex: unknown option "colour"\. Valid options: disk, group, lwps, memory, name, swap, vcpus, version/,
    );
    await expect(driver.listImages({ ex: { colour: 'red' } as never })).rejects.toThrow(
      /listImages ex: unknown option "colour"\. Valid options: name, os, owner, public, state, type, version/,
    );
    expect(sim?.server.requests.length).toBe(before);
  });
});
