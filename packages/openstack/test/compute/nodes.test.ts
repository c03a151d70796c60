import { NodeState } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import { FAIL_BUILD_METADATA_KEY } from '../../src/simulator/compute/register.js';
import { CIRROS, startCompute, until, type ComputeFixture } from './support.js';

let f: ComputeFixture;
beforeEach(async () => {
  f = await startCompute();
});
afterEach(() => f.close());

describe('OpenStackNodeDriver servers', () => {
  it('creates a server that builds, then lists and gets it', async () => {
    const node = await f.driver.createNode({ name: 'web-1', size: '1', image: CIRROS, ex: { metadata: { role: 'web' } } });
    expect(node.state).toBe(NodeState.PENDING);
    expect(node.extra.status).toBe('BUILD');
    expect(node.extra.metadata).toEqual({ role: 'web' });
    const [running] = await f.driver.waitUntilRunning([node], { pollIntervalMs: 100, timeoutMs: 5000, sshInterface: 'private' });
    expect(running?.node.state).toBe(NodeState.RUNNING);
    expect(running?.node.privateIps.length).toBe(1);
    const listed = await f.driver.listNodes();
    expect(listed.map((n) => n.id)).toEqual([node.id]);
    const got = await f.driver.getNode(node.id);
    expect(got.name).toBe('web-1');
    expect(got.sizeId).toBe('1');
    expect(got.extra.flavorName).toBe('m1.tiny');
    expect(got.imageId).toBe(CIRROS);
    expect(got.locationId).toBe('nova');
  });

  it('sends the negotiated microversion on every request', async () => {
    await f.driver.listNodes();
    expect(f.driver.computeMicroversion).toBe('2.90');
    const nova = f.sim.server.requests.filter((r) => r.path.startsWith('/compute/v2.1/servers'));
    expect(nova.length).toBeGreaterThan(0);
    for (const r of nova) {
      expect(r.headers['openstack-api-version']).toBe('compute 2.90');
      expect(r.headers['x-openstack-nova-api-version']).toBe('2.90');
    }
  });

  it('uses a pinned microversion, and refuses one outside the server range', async () => {
    const pinned = f.makeDriver({ computeMicroversion: '2.40' });
    const node = await pinned.createNode({ name: 'old', size: '2', image: CIRROS });
    expect(pinned.computeMicroversion).toBe('2.40');
    expect(node.sizeId).toBe('2');
    expect(node.extra.flavorName).toBeUndefined();
    const tooNew = f.makeDriver({ computeMicroversion: '2.999' });
    await expect(tooNew.listNodes()).rejects.toThrow(/2\.999.*2\.1 to 2\.96/);
  });

  it('reads every page with limit/marker links', async () => {
    const owner = f.sim.projectId('demo')!;
    const user = f.sim.userId('demo')!;
    for (let i = 0; i < 25; i++) f.compute.insert({ name: `s-${i}`, projectId: owner, userId: user, flavorId: '1', imageId: CIRROS });
    const nodes = await f.driver.listNodes({ ex: { pageSize: 10 } });
    expect(nodes).toHaveLength(25);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(25);
    const pages = f.sim.server.requests.filter((r) => r.path.split('?')[0] === '/compute/v2.1/servers/detail');
    expect(pages).toHaveLength(3);
    expect(pages[1]?.path).toMatch(/limit=10&marker=/);
  });

  it('passes filters to Nova', async () => {
    const owner = f.sim.projectId('demo')!;
    const user = f.sim.userId('demo')!;
    f.compute.insert({ name: 'db-1', projectId: owner, userId: user, flavorId: '2', imageId: CIRROS, tags: ['db', 'prod'] });
    f.compute.insert({ name: 'web-1', projectId: owner, userId: user, flavorId: '1', imageId: CIRROS, tags: ['web'] });
    f.compute.insert({ name: 'web-2', projectId: owner, userId: user, flavorId: '1', imageId: CIRROS, vmState: 'stopped', powerState: 4 });
    expect((await f.driver.listNodes({ ex: { name: '^web' } })).map((n) => n.name).sort()).toEqual(['web-1', 'web-2']);
    expect((await f.driver.listNodes({ ex: { status: 'SHUTOFF' } })).map((n) => n.name)).toEqual(['web-2']);
    expect((await f.driver.listNodes({ ex: { flavor: '2' } })).map((n) => n.name)).toEqual(['db-1']);
    expect((await f.driver.listNodes({ ex: { tags: ['db', 'prod'] } })).map((n) => n.name)).toEqual(['db-1']);
    expect((await f.driver.listNodes({ ex: { tagsAny: ['web', 'db'] } })).map((n) => n.name).sort()).toEqual(['db-1', 'web-1']);
    expect(await f.driver.listNodes({ ex: { changesSince: new Date(Date.now() + 60_000) } })).toEqual([]);
    await expect(f.driver.listNodes({ ex: { nmae: 'x' } as never })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('surfaces the fault message of a server that goes to ERROR', async () => {
    const node = await f.driver.createNode({
      name: 'doomed',
      size: '1',
      image: CIRROS,
      ex: { metadata: { [FAIL_BUILD_METADATA_KEY]: 'No valid host was found. There are not enough hosts available.' } },
    });
    const err = await f.driver
      .waitUntilRunning([node], { pollIntervalMs: 100, timeoutMs: 5000, sshInterface: 'private' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).message).toMatch(/No valid host was found/);
    const failed = await f.driver.getNode(node.id);
    expect(failed.state).toBe(NodeState.ERROR);
    expect(failed.extra.fault?.message).toMatch(/No valid host/);
  });

  it('destroys: ACTIVE + deleting is pending, then gone; deleting again is NotFoundError', async () => {
    const owner = f.sim.projectId('demo')!;
    const s = f.compute.insert({ name: 'bye', projectId: owner, userId: f.sim.userId('demo')!, flavorId: '1', imageId: CIRROS });
    expect(await f.driver.destroyNode(s.id)).toBe(true);
    const during = await f.driver.getNode(s.id).catch(() => undefined);
    if (during) {
      expect(during.extra.status).toBe('ACTIVE');
      expect(during.extra.taskState).toBe('deleting');
      expect(during.state).toBe(NodeState.PENDING);
    }
    await until(() =>
      f.driver.getNode(s.id).then(
        () => false,
        (e: unknown) => e instanceof NotFoundError,
      ),
    );
    const err = await f.driver.destroyNode(s.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).providerCode).toBe('itemNotFound');
    expect((err as NotFoundError).requestId).toMatch(/^req-/);
  });

  it('stops, starts, reboots, and refuses actions in the wrong state with 409', async () => {
    const owner = f.sim.projectId('demo')!;
    const s = f.compute.insert({ name: 'p', projectId: owner, userId: f.sim.userId('demo')!, flavorId: '1', imageId: CIRROS });
    await f.driver.stopNode(s.id);
    expect((await f.driver.getNode(s.id)).state).toBe(NodeState.STOPPING);
    await until(async () => (await f.driver.getNode(s.id)).state === NodeState.STOPPED);
    const conflict = await f.driver.rebootNode(s.id).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ProviderError);
    expect((conflict as ProviderError).status).toBe(409);
    expect((conflict as ProviderError).message).toMatch(/vm_state stopped/);
    await f.driver.startNode(s.id);
    await until(async () => (await f.driver.getNode(s.id)).state === NodeState.RUNNING);
    await f.driver.exRebootNode(s.id, { hard: true });
    const rebooting = await f.driver.getNode(s.id);
    expect(rebooting.extra.status).toBe('HARD_REBOOT');
    expect(rebooting.state).toBe(NodeState.REBOOTING);
  });
});
