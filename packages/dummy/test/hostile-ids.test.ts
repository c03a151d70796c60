import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { Node } from '@cloudmux/core/compute';
import { DummyNodeDriver } from '../src/index.js';

// Dummy checks ids like every HTTP driver does (its NotFoundError for "" hid a caller bug).
const HOSTILE = ['', '   ', '/', '..', 'a/b'];

async function invalid(fn: () => Promise<unknown>, message: RegExp): Promise<void> {
  await expect(fn()).rejects.toThrow(InvalidArgumentError);
  await expect(fn()).rejects.toThrow(message);
}

describe('Dummy compute: empty and hostile ids', () => {
  it.each(HOSTILE)('%j is an InvalidArgumentError naming method and argument', async (id) => {
    const d = new DummyNodeDriver('dummy');
    await invalid(() => d.getNode(id), /^getNode: "id" must be .*node id/);
    await invalid(() => d.rebootNode(id), /^rebootNode: "node"/);
    await invalid(() => d.destroyNode(id), /^destroyNode: "node"/);
    await invalid(() => d.getImage(id), /^getImage: "id"/);
    await invalid(() => d.destroyVolume(id), /^destroyVolume: "volume"/);
    await invalid(() => d.attachVolume('vol-1', { node: id }), /^attachVolume: "node"/);
    await invalid(() => d.destroyVolumeSnapshot(id), /^destroyVolumeSnapshot: "snapshot"/);
    await invalid(() => d.getKeyPair(id), /^getKeyPair: "name"/);
    await invalid(() => d.deleteKeyPair(id), /^deleteKeyPair: "keyPair"/);
    await invalid(() => d.createKeyPair({ name: id }), /^createKeyPair: "name"/);
  });

  it('checks the id of a Node object', async () => {
    const d = new DummyNodeDriver('dummy');
    const [size] = await d.listSizes();
    const [image] = await d.listImages();
    const node = await d.createNode({ size: size!.id, image: image!.id });
    const fake = { ...node, id: '..' } as unknown as Node;
    await invalid(() => d.stopNode(fake), /^stopNode: "node\.id"/);
    expect((await d.getNode(node.id)).id).toBe(node.id);
  });
});
