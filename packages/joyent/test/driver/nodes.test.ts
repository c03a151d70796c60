import { NodeState } from '@cloudmux/core/compute';
import { BadRequestError, InvalidArgumentError, NotFoundError, TimeoutError } from '@cloudmux/core/errors';
import { requestLines, type SimContext, startSim } from '../support/sim.js';

let ctx: SimContext;
beforeEach(async () => {
  ctx = await startSim();
});
afterEach(() => ctx.close());

async function anySizeAndImage(): Promise<{ size: string; image: string }> {
  const [size] = await ctx.driver.exFindSizes(/^g4-highcpu-128M$/);
  const [image] = await ctx.driver.exFindImages(/^base-64-lts$/);
  return { size: size!.id, image: image!.id };
}

describe('machines', () => {
  it('creates a machine with ex options, then lists and gets it', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({
      name: 'web-1',
      size,
      image,
      ex: {
        tags: { role: 'web', tier: 2 },
        metadata: { owner: 'ops' },
        userScript: '#!/bin/sh\necho hi',
        firewallEnabled: true,
        deletionProtection: false,
      },
    });
    expect(node).toMatchObject({ name: 'web-1', state: NodeState.PENDING });
    expect(node.extra.state).toBe('provisioning');
    expect(node.driver).toBe(ctx.driver);

    const listed = await ctx.driver.listNodes();
    expect(listed.map((n) => n.id)).toEqual([node.id]);
    const got = await ctx.driver.getNode(node.id);
    expect(got.extra.tags).toEqual({ role: 'web', tier: 2 });
    expect(got.extra.metadata).toMatchObject({ owner: 'ops', 'user-script': '#!/bin/sh\necho hi' });
    expect(got.extra.firewallEnabled).toBe(true);
  });

  it('sizes are keyed by package name, so node.sizeId finds the size; a NodeSize is sent by UUID', async () => {
    const [size] = await ctx.driver.exFindSizes(/^g4-highcpu-128M$/);
    const [image] = await ctx.driver.exFindImages(/^base-64-lts$/);
    expect(size!.id).toBe('g4-highcpu-128M');
    expect(size!.extra.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const node = await ctx.driver.createNode({ size: size!, image: image! });
    const fetched = await ctx.driver.getNode(node.id);
    expect(fetched.sizeId).toBe(size!.id);
    expect((await ctx.driver.listSizes()).find((s) => s.id === fetched.sizeId)?.extra.uuid).toBe(size!.extra.uuid);
  });

  it('generates a name when none is given', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({ size, image });
    expect(node.name).toMatch(/^cloudmux-[0-9a-f]{8}$/);
  });

  it('installs an ssh-key auth as root_authorized_keys and refuses password auth', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({ size, image, auth: { kind: 'ssh-key', publicKey: ctx.key.publicKey } });
    expect((await ctx.driver.exListMetadata(node))['root_authorized_keys']).toBe(ctx.key.publicKey);
    await expect(ctx.driver.createNode({ size, image, auth: { kind: 'password', password: 'x' } })).rejects.toThrow(InvalidArgumentError);
  });

  it('validates ex keys', async () => {
    const { size, image } = await anySizeAndImage();
    await expect(ctx.driver.createNode({ size, image, ex: { colour: 'red' } as never })).rejects.toThrow(/unknown option "colour"/);
  });

  it('moves through provisioning → running → stopping → stopped → running → deleted', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({ size, image });
    const [running] = await ctx.driver.waitUntilRunning([node], { pollIntervalMs: 20, timeoutMs: 5000 });
    expect(running!.node.state).toBe(NodeState.RUNNING);
    expect(running!.ips.length).toBeGreaterThan(0);

    expect(await ctx.driver.rebootNode(node)).toBe(true);
    expect(await ctx.driver.stopNode(node)).toBe(true);
    expect((await ctx.driver.exWaitForState(node, NodeState.STOPPED, { pollIntervalMs: 10, timeoutMs: 5000 })).extra.state).toBe('stopped');
    expect(await ctx.driver.startNode(node)).toBe(true);
    await ctx.driver.exWaitForState(node, 'running', { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(await node.destroy()).toBe(true);
    const gone = await ctx.driver.exWaitForState(node, (n) => n.state === NodeState.TERMINATED, { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(gone.state).toBe(NodeState.TERMINATED);
    // A deleted machine answers 410 with its body: still a Node, TERMINATED.
    const after = await ctx.driver.getNode(node.id);
    expect(after.state).toBe(NodeState.TERMINATED);
    expect(after.id).toBe(node.id);
    expect(await ctx.driver.destroyNode(node.id)).toBe(true);
  });

  it('waits while a state holds (poll_while) and times out with the last state', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({ size, image });
    const after = await ctx.driver.exWaitWhileState(node, 'provisioning', { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(after.extra.state).toBe('running');
    await ctx.driver.stopNode(node);
    const err = await ctx.driver.exWaitForState(node, 'failed', { pollIntervalMs: 5, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).lastState).toMatch(/stopping|stopped/);
    await expect(ctx.driver.exWaitForState(node, 'sleeping', {})).rejects.toThrow(/Valid values/);
  });

  it('maps an unknown machine to NotFoundError with the request id', async () => {
    const err = await ctx.driver.getNode('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).providerCode).toBe('ResourceNotFound');
    expect((err as NotFoundError).requestId).toEqual(expect.any(String));
    expect((err as NotFoundError).status).toBe(404);
  });

  it('maps unknown machines and bad filters onto core errors', async () => {
    const err = await ctx.driver.exWaitForState('nope', 'running').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    const bad = await ctx.driver.listNodes({ ex: { state: 'sleepy' } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
  });

  it('filters by name, state and tags, and counts with HEAD', async () => {
    ctx.sim.seedMachines('demo', 3, { state: 'running', tags: { role: 'web' } });
    ctx.sim.seedMachines('demo', 2, { state: 'stopped', tags: { role: 'db' } });
    expect(await ctx.driver.listNodes({ ex: { tags: { role: 'web' } } })).toHaveLength(3);
    expect(await ctx.driver.listNodes({ ex: { state: 'stopped' } })).toHaveLength(2);
    const [first] = await ctx.driver.listNodes({ ex: { state: 'stopped' } });
    expect((await ctx.driver.listNodes({ ex: { name: first!.name } })).map((n) => n.id)).toEqual([first!.id]);
    expect(await ctx.driver.exCountNodes()).toBe(5);
    expect(await ctx.driver.exCountNodes({ tags: { role: 'db' } })).toBe(2);
    expect(requestLines(ctx.sim).some((l) => l.startsWith('HEAD /demo/machines'))).toBe(true);
    expect(requestLines(ctx.sim)).toContain('GET /demo/machines?tag.role=web&limit=1000&offset=0');
  });

  it('follows every page past 1000 machines (offset/limit)', async () => {
    ctx.sim.seedMachines('demo', 2345);
    const ids = new Set<string>();
    for await (const n of ctx.driver.iterateNodes()) ids.add(n.id);
    expect(ids.size).toBe(2345);
    const pages = requestLines(ctx.sim).filter((l) => l.startsWith('GET /demo/machines?'));
    expect(pages).toEqual([
      'GET /demo/machines?limit=1000&offset=0',
      'GET /demo/machines?limit=1000&offset=1000',
      'GET /demo/machines?limit=1000&offset=2000',
    ]);
    expect(await ctx.driver.listNodes({ ex: { pageSize: 700 } })).toHaveLength(2345);
    await expect(ctx.driver.listNodes({ ex: { pageSize: 1001 } })).rejects.toThrow(/1 to 1000/);
  });

  it('lists only the requested ids', async () => {
    ctx.sim.seedMachines('demo', 4);
    const all = await ctx.driver.listNodes();
    const want = [all[1]!.id, all[3]!.id];
    expect((await ctx.driver.listNodes({ ids: want })).map((n) => n.id).sort()).toEqual([...want].sort());
  });

  it('resizes and renames', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({ size, image });
    await ctx.driver.exWaitForState(node, 'running', { pollIntervalMs: 10 });
    const [bigger] = await ctx.driver.exFindSizes(/^g4-highcpu-256M$/);
    expect(await ctx.driver.exResizeNode(node, bigger!)).toBe(true);
    expect(await ctx.driver.exRenameNode(node, 'renamed')).toBe(true);
    const after = await ctx.driver.exWaitForState(node, (n) => n.name === 'renamed' && n.extra.memoryMb === 256, {
      pollIntervalMs: 10,
      timeoutMs: 5000,
    });
    expect(after.name).toBe('renamed');
  });

  it('toggles firewall and deletion protection', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({ size, image });
    await ctx.driver.exWaitForState(node, 'running', { pollIntervalMs: 10 });
    await ctx.driver.exSetFirewallEnabled(node, true);
    await ctx.driver.exSetDeletionProtection(node, true);
    const got = await ctx.driver.exWaitForState(node, (n) => n.extra.firewallEnabled === true && n.extra.deletionProtection === true, {
      pollIntervalMs: 10,
      timeoutMs: 5000,
    });
    expect(got.extra.deletionProtection).toBe(true);
    await expect(ctx.driver.destroyNode(node)).rejects.toThrow(BadRequestError);
    await ctx.driver.exSetDeletionProtection(node, false);
    await ctx.driver.exWaitForState(node, (n) => n.extra.deletionProtection === false, { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(await ctx.driver.destroyNode(node)).toBe(true);
  });

  it('reads the machine audit trail', async () => {
    const { size, image } = await anySizeAndImage();
    const node = await ctx.driver.createNode({ size, image });
    await ctx.driver.exWaitForState(node, 'running', { pollIntervalMs: 10 });
    await ctx.driver.stopNode(node);
    const audit = await ctx.driver.exGetMachineAudit(node);
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit[0]!.action).toBe('stop');
    expect(audit.map((a) => a.action)).toContain('provision');
    expect(audit[0]!.time).toBeInstanceOf(Date);
  });
});
