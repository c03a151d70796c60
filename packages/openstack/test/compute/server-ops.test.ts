import { NodeState } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotFoundError, NotSupportedError } from '@cloudmux/core/errors';
import { CIRROS, startCompute, until, type ComputeFixture } from './support.js';

let f: ComputeFixture;
let id: string;
beforeEach(async () => {
  // Transitions of 100–300 ms: long enough that a loaded machine still sees the in-between states.
  f = await startCompute({ speed: 10 });
  id = f.compute.insert({
    name: 'srv',
    projectId: f.sim.projectId('demo')!,
    userId: f.sim.userId('demo')!,
    flavorId: '1',
    imageId: CIRROS,
    console: ['boot ok', 'login:'],
  }).id;
});
afterEach(() => f.close());

describe('server extensions', () => {
  it('gets, sets and deletes metadata', async () => {
    expect(await f.driver.exListMetadata(id)).toEqual({});
    expect(await f.driver.exSetMetadata(id, { a: '1', b: '2' })).toEqual({ a: '1', b: '2' });
    expect(await f.driver.exGetMetadata(id, 'a')).toBe('1');
    expect(await f.driver.exSetMetadata(id, { c: '3' }, { replace: true })).toEqual({ c: '3' });
    await f.driver.exDeleteMetadata(id, 'c');
    await expect(f.driver.exGetMetadata(id, 'c')).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.driver.exGetMetadata(id, '')).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('manages tags, and refuses them below microversion 2.26', async () => {
    expect(await f.driver.exSetTags(id, ['a', 'b'])).toEqual(['a', 'b']);
    await f.driver.exAddTag(id, 'c');
    await f.driver.exRemoveTag(id, 'a');
    expect(await f.driver.exListTags(id)).toEqual(['b', 'c']);
    expect((await f.driver.getNode(id)).extra.tags).toEqual(['b', 'c']);
    await expect(f.driver.exRemoveTag(id, 'zzz')).rejects.toBeInstanceOf(NotFoundError);
    const old = f.makeDriver({ computeMicroversion: '2.20' });
    await expect(old.exListTags(id)).rejects.toBeInstanceOf(NotSupportedError);
  });

  it('renames, resizes with confirm and revert, and rebuilds', async () => {
    expect((await f.driver.exRenameNode(id, 'renamed')).name).toBe('renamed');
    await f.driver.exResizeNode(id, '2');
    expect((await f.driver.getNode(id)).extra.status).toBe('RESIZE');
    await until(async () => (await f.driver.getNode(id)).extra.status === 'VERIFY_RESIZE');
    expect((await f.driver.getNode(id)).extra.flavorName).toBe('m1.small');
    await f.driver.exRevertResize(id);
    await until(async () => (await f.driver.getNode(id)).extra.status === 'ACTIVE');
    expect((await f.driver.getNode(id)).extra.flavorName).toBe('m1.tiny');
    await f.driver.exResizeNode(id, '3');
    await until(async () => (await f.driver.getNode(id)).extra.status === 'VERIFY_RESIZE');
    await f.driver.exConfirmResize(id);
    const resized = await f.driver.getNode(id);
    expect(resized.state).toBe(NodeState.RUNNING);
    expect(resized.extra.flavorName).toBe('m1.medium');
    await expect(f.driver.exConfirmResize(id)).rejects.toThrow(/vm_state active/);
    const rebuilt = await f.driver.exRebuildNode(id, { image: '3f9a6c55-1d2e-4a7b-8e0f-6b4c2d9a8e02', name: 'again' });
    expect(rebuilt.extra.status).toBe('REBUILD');
    expect(rebuilt.name).toBe('again');
  });

  it('reads console output and snapshots into a Glance image', async () => {
    expect(await f.driver.exGetConsoleOutput(id)).toBe('boot ok\nlogin:\n');
    expect(await f.driver.exGetConsoleOutput(id, { length: 1 })).toBe('login:\n');
    const imageId = await f.driver.exCreateImage(id, { name: 'snap-1', metadata: { purpose: 'backup' } });
    const image = await f.driver.getImage(imageId);
    expect(image.name).toBe('snap-1');
    expect(image.extra.properties).toMatchObject({ image_type: 'snapshot', instance_uuid: id, purpose: 'backup' });
    await until(async () => (await f.driver.getImage(imageId)).extra.status === 'active');
    const legacy = f.makeDriver({ computeMicroversion: '2.1' });
    const viaLocation = await legacy.exCreateImage(id, { name: 'snap-2' });
    expect((await f.driver.getImage(viaLocation)).name).toBe('snap-2');
  });
});
