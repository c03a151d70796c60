import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { Node } from '@cloudmux/core/compute';
import type { JoyentNodeExtra } from '../../src/index.js';
import { type SimContext, startSim } from '../support/sim.js';

// An empty or path-like id/key must never reach CloudAPI: `DELETE …/tags/` deletes every tag,
// `GET …/machines/` lists machines, `POST …/machines/` is CreateMachine.
let ctx: SimContext;
let node: Node<JoyentNodeExtra>;
beforeEach(async () => {
  ctx = await startSim({ provisionDelayMs: 5 });
  const [size] = await ctx.driver.exFindSizes(/^g4-highcpu-128M$/);
  const [image] = await ctx.driver.exFindImages(/^base-64-lts$/);
  node = await ctx.driver.createNode({
    name: 'h1',
    size: size!.id,
    image: image!.id,
    ex: { tags: { role: 'db', env: 'prod' }, metadata: { a: '1', b: '2' } },
  });
  node = await ctx.driver.exWaitForState(node, 'running', { pollIntervalMs: 100, timeoutMs: 5000 });
});
afterEach(() => ctx.close());

/** Runs `fn`, expects an InvalidArgumentError whose message matches, and that no request was sent. */
async function refusedUpFront(fn: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = ctx.sim.server.requests.length;
  let err: unknown;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect((err as Error).message).toMatch(message);
  expect(ctx.sim.server.requests.length).toBe(before);
}

const HOSTILE = ['', '   ', '/', '..', 'a/b', 'a%2Fb'];

describe('an empty key never deletes everything', () => {
  it.each(HOSTILE)('exDeleteTag(node, %j) throws and every tag stays', async (key) => {
    await refusedUpFront(() => ctx.driver.exDeleteTag(node, key), /^exDeleteTag: "key" must be .*tag key/);
    expect(await ctx.driver.exListTags(node)).toMatchObject({ role: 'db', env: 'prod' });
  });

  it('names the argument: exDeleteTag: "key" must be a non-empty tag key, got ""', async () => {
    await refusedUpFront(() => ctx.driver.exDeleteTag(node, ''), /^exDeleteTag: "key" must be a non-empty tag key, got ""$/);
  });

  it.each(HOSTILE)('exDeleteMetadata(node, %j) throws and all metadata stays', async (key) => {
    await refusedUpFront(() => ctx.driver.exDeleteMetadata(node, key), /^exDeleteMetadata: "key" must be .*metadata key/);
    expect(await ctx.driver.exListMetadata(node)).toMatchObject({ a: '1', b: '2' });
  });

  it('exGetTag / exGetMetadata with an empty key throw instead of listing', async () => {
    await refusedUpFront(() => ctx.driver.exGetTag(node, ''), /^exGetTag: "key"/);
    await refusedUpFront(() => ctx.driver.exGetMetadata(node, ''), /^exGetMetadata: "key"/);
  });

  it('deleting everything stays possible, explicitly', async () => {
    expect(await ctx.driver.exDeleteAllTags(node)).toBe(true);
    expect(await ctx.driver.exListTags(node)).toEqual({});
  });
});

describe('an empty machine id never hits the collection', () => {
  it.each(HOSTILE)('getNode(%j) throws instead of returning a node from the list endpoint', async (id) => {
    await refusedUpFront(() => ctx.driver.getNode(id), /^getNode: "id" must be .*machine id/);
  });

  it.each(['stopNode', 'rebootNode', 'startNode', 'destroyNode'] as const)(
    '%s("") throws instead of POSTing to CreateMachine',
    async (method) => {
      const count = (await ctx.driver.listNodes()).length;
      await refusedUpFront(() => ctx.driver[method](''), new RegExp(`^${method}: "node" must be a non-empty machine id`));
      await refusedUpFront(() => ctx.driver[method]('a/b'), new RegExp(`^${method}: "node"`));
      expect((await ctx.driver.listNodes()).length).toBe(count);
    },
  );

  it('accepts a Node object and checks its id', async () => {
    expect((await ctx.driver.getNode(node.id)).id).toBe(node.id);
    const fake = { ...node, id: '' } as unknown as Node;
    await refusedUpFront(() => ctx.driver.rebootNode(fake), /^rebootNode: "node\.id" must be a non-empty machine id/);
    await refusedUpFront(() => ctx.driver.exDeleteTag(fake, 'role'), /^exDeleteTag: "node\.id"/);
  });

  it('checks ids of every ex method that builds a path', async () => {
    const d = ctx.driver;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['exListTags', () => d.exListTags('')],
      ['exAddTags', () => d.exAddTags('', { a: 'b' })],
      ['exReplaceTags', () => d.exReplaceTags('..', { a: 'b' })],
      ['exDeleteAllTags', () => d.exDeleteAllTags('')],
      ['exListMetadata', () => d.exListMetadata('/')],
      ['exSetMetadata', () => d.exSetMetadata('', { a: 'b' })],
      ['exDeleteAllMetadata', () => d.exDeleteAllMetadata('')],
      ['exSetBootScript', () => d.exSetBootScript('', 'echo')],
      ['exDeleteBootScript', () => d.exDeleteBootScript('')],
      ['exListSnapshots', () => d.exListSnapshots('')],
      ['exCreateSnapshot', () => d.exCreateSnapshot(node, { name: 'a/b' })],
      ['exGetSnapshot', () => d.exGetSnapshot(node, '')],
      ['exDeleteSnapshot', () => d.exDeleteSnapshot(node, '..')],
      ['exStartFromSnapshot', () => d.exStartFromSnapshot(node, '')],
      ['exWaitForSnapshot', () => d.exWaitForSnapshot(node, '')],
      ['exWaitForState', () => d.exWaitForState('', 'running')],
      ['exWaitWhileState', () => d.exWaitWhileState('', 'running')],
      ['exResizeNode', () => d.exResizeNode('', 'g4-highcpu-128M')],
      ['exRenameNode', () => d.exRenameNode(node, '  ')],
      ['exSetFirewallEnabled', () => d.exSetFirewallEnabled('', true)],
      ['exSetDeletionProtection', () => d.exSetDeletionProtection('', true)],
      ['exGetMachineAudit', () => d.exGetMachineAudit('')],
      ['exListNodeFirewallRules', () => d.exListNodeFirewallRules('')],
      ['exGetFirewallRule', () => d.exGetFirewallRule('')],
      ['exUpdateFirewallRule', () => d.exUpdateFirewallRule('', { enabled: true })],
      ['exEnableFirewallRule', () => d.exEnableFirewallRule('a/b')],
      ['exDisableFirewallRule', () => d.exDisableFirewallRule('')],
      ['exDeleteFirewallRule', () => d.exDeleteFirewallRule('')],
      ['exListFirewallRuleNodes', () => d.exListFirewallRuleNodes('')],
      ['exGetNetwork', () => d.exGetNetwork('')],
      ['exListNics', () => d.exListNics('')],
      ['exGetNic', () => d.exGetNic(node, '::')],
      ['exAddNic', () => d.exAddNic(node, '')],
      ['exRemoveNic', () => d.exRemoveNic(node, '')],
      ['exGetSize', () => d.exGetSize('')],
      ['getImage', () => d.getImage('..')],
      ['getKeyPair', () => d.getKeyPair('')],
      ['deleteKeyPair', () => d.deleteKeyPair('a/b')],
      ['importKeyPairFromString', () => d.importKeyPairFromString({ name: '', publicKey: ctx.key.publicKey })],
      ['exForDatacenter', () => d.exForDatacenter('')],
    ];
    for (const [method, call] of calls) await refusedUpFront(call, new RegExp(`^${method}: "`));
  });
});

describe('poll intervals of the Joyent waits', () => {
  it.each([0, -1, Number.NaN, Infinity])('exWaitForState pollIntervalMs %p throws InvalidArgumentError', async (pollIntervalMs) => {
    await refusedUpFront(
      () => ctx.driver.exWaitForState(node, 'running', { pollIntervalMs }),
      /^exWaitForState: "pollIntervalMs" must be a finite number of milliseconds/,
    );
  });
  it.each([0, Number.NaN, Infinity])('exWaitForSnapshot pollIntervalMs %p throws InvalidArgumentError', async (pollIntervalMs) => {
    await refusedUpFront(() => ctx.driver.exWaitForSnapshot(node, 'snap', { pollIntervalMs }), /^exWaitForSnapshot: "pollIntervalMs"/);
  });
  it('exWaitWhileState timeoutMs NaN throws', async () => {
    await refusedUpFront(
      () => ctx.driver.exWaitWhileState(node, 'provisioning', { timeoutMs: Number.NaN }),
      /^exWaitWhileState: "timeoutMs"/,
    );
  });
  it('a tiny pollIntervalMs is raised to 100 ms', async () => {
    await ctx.driver.stopNode(node);
    const before = ctx.sim.server.requests.length;
    const started = Date.now();
    await ctx.driver.exWaitForState(node, 'stopped', { pollIntervalMs: 1, timeoutMs: 5000 }).catch(() => undefined);
    const polls = ctx.sim.server.requests.length - before;
    // At most one poll per 100 ms (plus the first one), never a tight loop.
    expect(polls).toBeLessThanOrEqual(Math.floor((Date.now() - started) / 100) + 2);
  });
});
