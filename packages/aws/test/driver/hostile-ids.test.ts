import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { Node } from '@cloudmux/core/compute';
import { sshPublicKey, start, type Harness } from './helpers.js';

// Ids, names and keys are checked before any request; deleting every tag is an explicit option.
let h: Harness;
afterEach(async () => h.close());

async function refusedUpFront(fn: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = h.sim.server.requests.length;
  let err: unknown;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect((err as Error).message).toMatch(message);
  expect(h.sim.server.requests.length).toBe(before);
}

describe('exDeleteTags never deletes every tag by default', () => {
  it('an empty key list or record throws, and the tags stay', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1);
    await h.driver.exCreateTags(id!, { env: 'prod', owner: 'ops' });
    await refusedUpFront(() => h.driver.exDeleteTags(id!, []), /^exDeleteTags: "tags" is empty.*pass \{ all: true \}/);
    await refusedUpFront(() => h.driver.exDeleteTags(id!, {}), /^exDeleteTags: "tags" is empty/);
    expect(await h.driver.exListMetadata(id!)).toEqual({ env: 'prod', owner: 'ops' });
  });

  it('{ all: true } deletes every tag, explicitly', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1);
    await h.driver.exCreateTags(id!, { env: 'prod', owner: 'ops' });
    expect(await h.driver.exDeleteTags(id!, { all: true })).toBe(true);
    expect(await h.driver.exListMetadata(id!)).toEqual({});
  });

  it('refuses blank keys, malformed { all } and empty resource lists', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1);
    await refusedUpFront(() => h.driver.exDeleteTags(id!, ['env', '']), /^exDeleteTags: "tags\[1\]" must be a non-empty tag key/);
    await refusedUpFront(() => h.driver.exDeleteTags(id!, ['  ']), /^exDeleteTags: "tags\[0\]"/);
    await refusedUpFront(() => h.driver.exDeleteTags(id!, { all: false } as never), /exactly \{ all: true \}/);
    await refusedUpFront(() => h.driver.exDeleteTags(id!, { all: true, env: 'x' } as never), /exactly \{ all: true \}/);
    await refusedUpFront(() => h.driver.exDeleteTags([], ['env']), /^exDeleteTags: "resources" must name at least one resource/);
    await refusedUpFront(() => h.driver.exDeleteTags('', ['env']), /^exDeleteTags: "resources" must be a non-empty resource id/);
    await refusedUpFront(() => h.driver.exCreateTags(id!, {}), /^exCreateTags: "tags" must hold at least one tag/);
    // A key with "/" is a valid EC2 tag key.
    expect(await h.driver.exDeleteTags(id!, ['aws:cloudformation/stack-name'])).toBe(true);
  });
});

describe('ids are checked before any request', () => {
  it.each(['', '   ', '/', '..', 'a/b'])('getNode(%j) throws InvalidArgumentError', async (id) => {
    h = await start();
    await refusedUpFront(() => h.driver.getNode(id), /^getNode: "id" must be .*instance id/);
  });

  it('every id and name argument of the portable and ex methods', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1);
    const d = h.driver;
    const fake = { id: '' } as unknown as Node;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['rebootNode', () => d.rebootNode('')],
      ['destroyNode', () => d.destroyNode('..')],
      ['startNode', () => d.startNode(fake)],
      ['stopNode', () => d.stopNode('a/b')],
      ['getImage', () => d.getImage(' ')],
      ['exGetConsoleOutput', () => d.exGetConsoleOutput('')],
      ['exListMetadata', () => d.exListMetadata('')],
      ['exCreateImage', () => d.exCreateImage('', { name: 'x' })],
      ['exDeregisterImage', () => d.exDeregisterImage('')],
      ['exCopyImage', () => d.exCopyImage({ sourceRegion: 'us-east-1', sourceImageId: '', name: 'x' })],
      ['exGetVolume', () => d.exGetVolume('')],
      ['attachVolume', () => d.attachVolume('', { node: id! })],
      ['attachVolume', () => d.attachVolume('vol-1', { node: '' })],
      ['detachVolume', () => d.detachVolume('/')],
      ['destroyVolume', () => d.destroyVolume('')],
      ['createVolumeSnapshot', () => d.createVolumeSnapshot('')],
      ['destroyVolumeSnapshot', () => d.destroyVolumeSnapshot('')],
      ['listVolumeSnapshots', () => d.listVolumeSnapshots({ volume: '' })],
      ['createVolume', () => d.createVolume({ name: 'v', sizeGb: 1, snapshot: '' })],
      ['getKeyPair', () => d.getKeyPair('')],
      ['createKeyPair', () => d.createKeyPair({ name: 'a/b' })],
      ['importKeyPairFromString', () => d.importKeyPairFromString({ name: '', publicKey: sshPublicKey() })],
      ['deleteKeyPair', () => d.deleteKeyPair('')],
      ['createNode', () => d.createNode({ size: 't3.micro', image: 'ami-0c0ffee0000000a01', ex: { keyName: '' } })],
      ['exDeleteSecurityGroup', () => d.exDeleteSecurityGroup('')],
      ['exAuthorizeSecurityGroupEgress', () => d.exAuthorizeSecurityGroupEgress('', [])],
      ['exAuthorizeSecurityGroupIngress', () => d.exAuthorizeSecurityGroupIngress('  ', [])],
      ['exAssociateAddress', () => d.exAssociateAddress('', id!)],
      ['exAssociateAddress', () => d.exAssociateAddress('eipalloc-1', '')],
      ['exDisassociateAddress', () => d.exDisassociateAddress('')],
      ['exReleaseAddress', () => d.exReleaseAddress(' ')],
      ['exListTags', () => d.exListTags({ resources: [] })],
    ];
    for (const [method, call] of calls) await refusedUpFront(call, new RegExp(`^${method}: "`));
  });

  it('a Node object works where node-or-id is accepted', async () => {
    h = await start();
    const [id] = h.sim.seedInstances(1);
    const node = await h.driver.getNode(id!);
    expect(await h.driver.rebootNode(node)).toBe(true);
  });
});
