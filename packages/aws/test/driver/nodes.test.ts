import { NodeState } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { keyPairNameFor } from '../../src/ec2/key-pairs.js';
import { actions, eventually, sshPublicKey, start, type Harness } from './helpers.js';

const IMAGE = 'ami-0c0ffee0000000a01';

let h: Harness;
afterEach(async () => h.close());

describe('listing nodes', () => {
  it('follows NextToken across pages, lazily', async () => {
    h = await start({}, { pageSize: 5 });
    const ids = h.sim.seedInstances(23, { tags: { Name: 'seed-{n}' } });
    const listed = await h.driver.listNodes();
    expect(listed.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(actions(h.sim).filter((a) => a === 'DescribeInstances')).toHaveLength(5);
    expect(listed.find((n) => n.id === ids[3])).toMatchObject({ name: 'seed-3', state: NodeState.RUNNING, sizeId: 't3.micro' });

    const before = h.sim.calls.length;
    const it = h.driver.iterateNodes()[Symbol.asyncIterator]();
    await it.next();
    expect(h.sim.calls.length - before).toBe(1);
    await it.return?.(undefined);
  });

  it('filters by ids (unknown ids are skipped) and by EC2 filters', async () => {
    h = await start();
    const ids = h.sim.seedInstances(4, { tags: { env: 'prod' } });
    const stopped = h.sim.seedInstances(2, { state: 'stopped', tags: { env: 'dev' } });
    const some = await h.driver.listNodes({ ids: [ids[0]!, stopped[1]!, 'i-0000000000000dead'] });
    expect(some.map((n) => n.id).sort()).toEqual([ids[0], stopped[1]].sort());
    expect(await h.driver.listNodes({ ids: [] })).toEqual([]);
    const dev = await h.driver.listNodes({ ex: { filters: { 'tag:env': 'dev', 'instance-state-name': ['stopped', 'stopping'] } } });
    expect(dev.map((n) => n.id).sort()).toEqual([...stopped].sort());
    expect(dev.every((n) => n.state === NodeState.STOPPED)).toBe(true);
  });

  it('gets one node, or NotFoundError', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1);
    expect((await h.driver.getNode(id!)).id).toBe(id);
    await expect(h.driver.getNode('i-0123456789abcdef0')).rejects.toThrow(NotFoundError);
    await expect(h.driver.getNode('not-an-id')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('creating nodes', () => {
  it('launches with every ex option on the wire and names the node', async () => {
    h = await start();
    const zone = `${h.sim.region}b`;
    const node = await h.driver.createNode({
      name: 'web-1',
      size: 't3.micro',
      image: IMAGE,
      location: zone,
      ex: {
        tags: { env: 'test' },
        userData: '#!/bin/sh\necho hi\n',
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSizeGb: 20, volumeType: 'gp3', deleteOnTermination: true } }],
        securityGroupIds: [h.sim.state.defaultGroup.id],
        iamInstanceProfile: 'arn:aws:iam::123456789012:instance-profile/web',
      },
    });
    expect(node).toMatchObject({ name: 'web-1', state: NodeState.PENDING, sizeId: 't3.micro', imageId: IMAGE, locationId: zone });
    expect(node.extra.tags).toEqual({ Name: 'web-1', env: 'test' });
    const record = h.sim.state.instances.get(node.id);
    expect(record).toBeDefined();
    expect(Buffer.from(record!.userData ?? '', 'base64').toString()).toBe('#!/bin/sh\necho hi\n');
    expect(node.extra.clientToken).toMatch(/^[0-9a-f-]{36}$/);

    const [running] = await h.driver.waitUntilRunning([node], { pollIntervalMs: 20, timeoutMs: 5000 });
    expect(running?.node.state).toBe(NodeState.RUNNING);
    expect(running?.ips.length).toBeGreaterThan(0);
    expect((await h.driver.getNode(node.id)).extra.blockDevices[0]).toMatchObject({ deviceName: '/dev/xvda' });
  });

  it('a RunInstances retried after a dropped connection launches exactly one instance', async () => {
    h = await start();
    h.sim.injectActionFault({ action: 'RunInstances', kind: 'reset-after-handling' });
    const node = await h.driver.createNode({ name: 'once', size: 't3.micro', image: IMAGE });
    const runs = h.sim.calls.filter((c) => c.action === 'RunInstances');
    expect(runs).toHaveLength(2);
    expect(runs[0]!.status).toBe(0);
    expect(h.sim.state.instances.size).toBe(1);
    expect([...h.sim.state.instances.keys()]).toEqual([node.id]);
    expect((await h.driver.listNodes()).map((n) => n.id)).toEqual([node.id]);
  });

  it('launches several with min/max count and imports the auth key once', async () => {
    h = await start();
    const publicKey = sshPublicKey();
    const nodes = await h.driver.exCreateNodes({
      size: 't3.micro',
      image: IMAGE,
      auth: { kind: 'ssh-key', publicKey },
      ex: { minCount: 2, maxCount: 3 },
    });
    expect(nodes).toHaveLength(3);
    expect(new Set(nodes.map((n) => n.extra.reservationId)).size).toBe(1);
    expect(nodes.every((n) => n.extra.keyName === keyPairNameFor(publicKey))).toBe(true);
    await h.driver.createNode({ size: 't3.micro', image: IMAGE, auth: { kind: 'ssh-key', publicKey } });
    expect((await h.driver.listKeyPairs()).map((k) => k.name)).toEqual([keyPairNameFor(publicKey)]);
  });

  it('refuses password auth and inconsistent counts before calling EC2', async () => {
    h = await start();
    await expect(h.driver.createNode({ size: 't3.micro', image: IMAGE, auth: { kind: 'password', password: 'x' } })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(h.driver.createNode({ size: 't3.micro', image: IMAGE, ex: { minCount: 3, maxCount: 2 } })).rejects.toThrow(/maxCount/);
    expect(h.sim.calls).toHaveLength(0);
  });
});

describe('node actions', () => {
  it('reboots, stops, starts and terminates', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1);
    expect(await h.driver.rebootNode(id!)).toBe(true);
    const node = await h.driver.getNode(id!);
    expect(await node.stop()).toBe(true);
    expect([NodeState.STOPPING, NodeState.STOPPED]).toContain((await node.refresh()).state);
    expect(
      (
        await eventually(
          () => h.driver.getNode(id!),
          (n) => n.state === NodeState.STOPPED,
        )
      ).state,
    ).toBe(NodeState.STOPPED);
    expect(await h.driver.startNode(id!)).toBe(true);
    expect([NodeState.PENDING, NodeState.RUNNING]).toContain((await h.driver.getNode(id!)).state);
    expect(await h.driver.destroyNode(id!)).toBe(true);
    const gone = await eventually(
      () => h.driver.getNode(id!),
      (n) => n.extra.stateName === 'terminated',
    );
    expect(gone.state).toBe(NodeState.TERMINATED);
    expect(gone.extra.stateName).toBe('terminated');
  });

  it('reads console output and tags as metadata', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1, { tags: { Name: 'meta', role: 'db' } });
    const output = await h.driver.exGetConsoleOutput(id!);
    expect(typeof output).toBe('string');
    expect(await h.driver.exListMetadata(id!)).toEqual({ Name: 'meta', role: 'db' });
  });
});
