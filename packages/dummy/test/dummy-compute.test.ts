import { NodeState } from '@cloudmux/core/compute';
import { BadRequestError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { DUMMY_IMAGES, DUMMY_SIZES, DummyNodeDriver } from '../src/index.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const BOOT = { size: 'dummy-small', image: 'dummy-debian-12' };

async function stateOf(d: DummyNodeDriver, id: string): Promise<string> {
  return (await d.getNode(id)).state;
}

/** Polls until the node reaches `state`, recording each state seen on the way. */
async function until(d: DummyNodeDriver, id: string, state: string, seen: string[] = []): Promise<string[]> {
  for (let i = 0; i < 400; i++) {
    const s = await stateOf(d, id);
    if (seen.at(-1) !== s) seen.push(s);
    if (s === state) return seen;
    await sleep(5);
  }
  throw new Error(`node ${id} never reached ${state}; seen ${seen.join(' → ')}`);
}

describe('Dummy compute state transitions', () => {
  it('moves pending → running after bootDelayMs, and not before', async () => {
    const d = new DummyNodeDriver('k', undefined, { bootDelayMs: 150 });
    const t0 = Date.now();
    const node = await d.createNode({ ...BOOT, name: 'web' });
    expect(node.state).toBe(NodeState.PENDING);
    expect(node.extra.targetState).toBe(NodeState.RUNNING);
    expect(await stateOf(d, node.id)).toBe(NodeState.PENDING);
    const seen = await until(d, node.id, NodeState.RUNNING);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(seen).toEqual([NodeState.PENDING, NodeState.RUNNING]);
    expect((await d.getNode(node.id)).extra.targetState).toBeUndefined();
  });

  it('runs at once with the default bootDelayMs of 0', async () => {
    const d = new DummyNodeDriver('k');
    const node = await d.createNode(BOOT);
    expect(await stateOf(d, node.id)).toBe(NodeState.RUNNING);
  });

  it('reboots, stops, starts and destroys through the intermediate states', async () => {
    const d = new DummyNodeDriver('k', undefined, { bootDelayMs: 100, rebootDelayMs: 100, stopDelayMs: 100, destroyDelayMs: 100 });
    const { id } = await d.createNode(BOOT);
    await until(d, id, NodeState.RUNNING);
    await d.rebootNode(id);
    expect(await until(d, id, NodeState.RUNNING, [await stateOf(d, id)])).toEqual([NodeState.REBOOTING, NodeState.RUNNING]);
    await d.stopNode(id);
    expect(await until(d, id, NodeState.STOPPED, [await stateOf(d, id)])).toEqual([NodeState.STOPPING, NodeState.STOPPED]);
    await d.startNode(id);
    expect(await until(d, id, NodeState.RUNNING, [await stateOf(d, id)])).toEqual([NodeState.PENDING, NodeState.RUNNING]);
    await d.destroyNode(id);
    expect(await stateOf(d, id)).toBe(NodeState.TERMINATED);
    expect(await d.destroyNode(id)).toBe(true);
    await sleep(150);
    await expect(d.getNode(id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await d.listNodes()).toEqual([]);
  });

  it('refuses transitions from the wrong state with a 409 naming the state', async () => {
    const d = new DummyNodeDriver('k', undefined, { bootDelayMs: 10_000 });
    const { id } = await d.createNode(BOOT);
    for (const call of [() => d.rebootNode(id), () => d.stopNode(id), () => d.startNode(id)]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadRequestError);
      expect((err as BadRequestError).status).toBe(409);
      expect((err as Error).message).toContain('pending');
    }
    await expect(d.rebootNode('node-999')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('waitUntilRunning resolves once the boot delay has passed, with the node addresses', async () => {
    const d = new DummyNodeDriver('k', undefined, { bootDelayMs: 50 });
    const node = await d.createNode(BOOT);
    const [ready] = await d.waitUntilRunning([node], { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(ready?.node.state).toBe(NodeState.RUNNING);
    expect(ready?.ips).toContain('192.0.2.1');
  });

  it('keeps instances apart', async () => {
    const a = new DummyNodeDriver('k');
    const b = new DummyNodeDriver('k');
    await a.createNode(BOOT);
    expect(await b.listNodes()).toEqual([]);
  });
});

describe('Dummy compute catalog and ids are deterministic', () => {
  const snapshot = async (d: DummyNodeDriver): Promise<string> =>
    JSON.stringify([await d.listSizes(), await d.listImages(), await d.listLocations()]);

  it('lists the same catalog from every instance', async () => {
    const a = await snapshot(new DummyNodeDriver('a'));
    expect(await snapshot(new DummyNodeDriver('b'))).toBe(a);
    expect((await new DummyNodeDriver('c').listSizes()).map((s) => s.id)).toEqual(DUMMY_SIZES.map((s) => s.id));
    expect((await new DummyNodeDriver('c').listImages()).map((i) => i.id)).toEqual(DUMMY_IMAGES.map((i) => i.id));
    expect((await new DummyNodeDriver('c').listLocations()).map((l) => l.id)).toEqual(['dummy-east-1', 'dummy-west-1', 'dummy-eu-1']);
  });

  it('prices sizes from pricing/compute/dummy.json, per region, and leaves unknown prices undefined', async () => {
    const east = await new DummyNodeDriver('k').listSizes();
    const price = (id: string, list = east): number | undefined => list.find((s) => s.id === id)?.price;
    expect(price('dummy-small')).toBe(0.005);
    expect(price('dummy-xlarge')).toBe(0.32);
    expect(price('dummy-metal')).toBeUndefined();
    expect(price('dummy-xlarge', await new DummyNodeDriver('k', undefined, { region: 'dummy-eu-1' }).listSizes())).toBe(0.36);
    expect(price('dummy-xlarge', await new DummyNodeDriver('k').listSizes({ location: 'dummy-west-1' }))).toBe(0.34);
  });

  it('filters images by location', async () => {
    const eu = (await new DummyNodeDriver('k').listImages({ location: 'dummy-eu-1' })).map((i) => i.id);
    expect(eu).not.toContain('dummy-freebsd-14');
    expect(eu).toContain('dummy-debian-12');
  });

  it('hands out ids and addresses in creation order', async () => {
    const d = new DummyNodeDriver('k');
    const nodes = [await d.createNode(BOOT), await d.createNode(BOOT), await d.createNode(BOOT)];
    expect(nodes.map((n) => [n.id, n.name, n.publicIps[0], n.privateIps[0]])).toEqual([
      ['node-1', 'dummy-1', '192.0.2.1', '10.0.0.1'],
      ['node-2', 'dummy-2', '192.0.2.2', '10.0.0.2'],
      ['node-3', 'dummy-3', '192.0.2.3', '10.0.0.3'],
    ]);
    const custom = new DummyNodeDriver('k', undefined, { nodeIps: { public: ['127.0.0.1'], private: [] } });
    const n = await custom.createNode(BOOT);
    expect([n.publicIps, n.privateIps]).toEqual([['127.0.0.1'], []]);
  });

  it('paginates listNodes and follows every page', async () => {
    const d = new DummyNodeDriver('k', undefined, { pageSize: 2 });
    for (let i = 0; i < 5; i++) await d.createNode(BOOT);
    const before = d.exPagesFetched;
    expect((await d.listNodes()).map((n) => n.id)).toEqual(['node-1', 'node-2', 'node-3', 'node-4', 'node-5']);
    expect(d.exPagesFetched - before).toBe(3);
  });
});

describe('Dummy compute input validation', () => {
  const d = new DummyNodeDriver('k');
  async function refusal(fn: () => unknown): Promise<string> {
    const e = await Promise.resolve()
      .then(fn)
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as Error).message;
  }

  it('names the bad value and lists the valid ones', async () => {
    expect(await refusal(() => d.createNode({ ...BOOT, size: 'huge' }))).toMatch(/"huge".*dummy-small, dummy-medium/);
    expect(await refusal(() => d.createNode({ ...BOOT, image: 'windows' }))).toMatch(/"windows".*dummy-ubuntu-22\.04/);
    expect(await refusal(() => d.createNode({ ...BOOT, location: 'mars-1' }))).toMatch(/"mars-1".*dummy-east-1/);
    expect(await refusal(() => d.createNode({ ...BOOT, image: 'dummy-freebsd-14', location: 'dummy-eu-1' }))).toMatch(
      /dummy-freebsd-14.*dummy-eu-1/,
    );
    expect(await refusal(() => new DummyNodeDriver('k', undefined, { bootDelay: 5 } as never))).toMatch(/"bootDelay".*bootDelayMs/);
    expect(await refusal(() => new DummyNodeDriver('k', undefined, { bootDelayMs: -1 }))).toMatch(/-1/);
    expect(await refusal(() => d.listNodes({ ex: { state: 'sleeping' } } as never))).toMatch(/"sleeping".*running/);
    expect(await d.listNodes()).toEqual([]);
  });

  it('reads its settings from the environment', async () => {
    const e = DummyNodeDriver.fromEnv({
      CLOUDMUX_DUMMY_REGION: 'dummy-west-1',
      CLOUDMUX_DUMMY_BOOT_DELAY_MS: '0',
      CLOUDMUX_DUMMY_PUBLIC_IPS: '198.51.100.7',
    });
    expect(e.region).toBe('dummy-west-1');
    const n = await e.createNode(BOOT);
    expect([n.locationId, n.publicIps[0], n.state]).toEqual(['dummy-west-1', '198.51.100.7', NodeState.RUNNING]);
    expect(await refusal(() => DummyNodeDriver.fromEnv({ CLOUDMUX_DUMMY_BOOT_DELAY_MS: 'soon' }))).toContain('"soon"');
  });
});
