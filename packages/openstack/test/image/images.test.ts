import { InvalidArgumentError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import { startCompute, type ComputeFixture } from '../compute/support.js';

let f: ComputeFixture;
beforeEach(async () => {
  f = await startCompute();
});
afterEach(() => f.close());

describe('Glance images', () => {
  it('lists every page through next links, newest first', async () => {
    const owner = f.sim.projectId('demo')!;
    for (let i = 0; i < 12; i++) f.images.add({ name: `img-${i}`, owner, visibility: 'private' });
    const images = await f.driver.listImages({ ex: { pageSize: 5 } });
    expect(images).toHaveLength(14);
    expect(images[0]?.name).toBe('img-11');
    const pages = f.sim.server.requests.filter((r) => r.path.split('?')[0] === '/image/v2/images');
    expect(pages).toHaveLength(3);
    expect(pages[1]?.path).toMatch(/marker=/);
  });

  it('filters by visibility, status, name, tag and owner', async () => {
    const owner = f.sim.projectId('demo')!;
    f.images.add({ name: 'mine', owner, visibility: 'private', tags: ['gold', 'linux'] });
    f.images.add({ name: 'queued', owner, visibility: 'shared', status: 'queued' });
    f.images.add({ name: 'community', owner: 'someone-else', visibility: 'community' });
    const names = async (ex: object) => (await f.driver.listImages({ ex })).map((i) => i.name).sort();
    expect(await names({ visibility: 'private' })).toEqual(['mine']);
    expect(await names({ visibility: 'community' })).toEqual(['community']);
    expect(await names({ status: 'queued' })).toEqual(['queued']);
    expect(await names({ name: 'mine' })).toEqual(['mine']);
    expect(await names({ tags: ['gold', 'linux'] })).toEqual(['mine']);
    expect(await names({ tags: ['gold', 'nope'] })).toEqual([]);
    expect(await names({ owner })).toEqual(['mine', 'queued']);
    await expect(f.driver.listImages({ ex: { colour: 'red' } as never })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('gets, updates name and tags by JSON patch, and deletes', async () => {
    const owner = f.sim.projectId('demo')!;
    const img = f.images.add({ name: 'before', owner, visibility: 'private', properties: { os_distro: 'debian' } });
    const got = await f.driver.getImage(img.id);
    expect(got.extra).toMatchObject({ visibility: 'private', owner, properties: { os_distro: 'debian' } });
    const updated = await f.driver.exUpdateImage(img.id, { name: 'after', tags: ['x', 'y'] });
    expect(updated.name).toBe('after');
    expect(updated.extra.tags).toEqual(['x', 'y']);
    const patch = f.sim.server.requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers['content-type']).toBe('application/openstack-images-v2.1-json-patch');
    await f.driver.exDeleteImage(img.id);
    await expect(f.driver.getImage(img.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.driver.exDeleteImage(img.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('maps a protected image delete to a 403 ProviderError', async () => {
    const img = f.images.add({ name: 'keep', owner: f.sim.projectId('demo')!, protected: true });
    const err = await f.driver.exDeleteImage(img.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(403);
  });
});
