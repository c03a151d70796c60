import { getSizePrice } from '@cloudmux/core/pricing';
import { NotFoundError } from '@cloudmux/core/errors';
import { NodeState } from '@cloudmux/core/compute';
import { JoyentNodeDriver } from '../../src/index.js';
import { requestLines, type SimContext, startSim } from '../support/sim.js';
import { testKey } from '../support/keys.js';

let ctx: SimContext;
beforeEach(async () => {
  ctx = await startSim();
});
afterEach(() => ctx.close());

/** Two simulators: `home` (whose datacenter list names `remote`) and `remote`, same account and key. */
async function twoDatacenters(): Promise<{ driver: JoyentNodeDriver; remote: SimContext['sim']; close(): Promise<void> }> {
  const remote = await startSim({ datacenterName: 'remote' });
  const home = await startSim({ datacenterName: 'home', datacenters: { remote: remote.sim.url } });
  const driver = home.makeDriver({ datacenter: 'home' });
  return {
    driver,
    remote: remote.sim,
    close: async () => {
      await home.close();
      await remote.close();
    },
  };
}

describe('sizes and images', () => {
  it('lists packages with prices from the pricing data', async () => {
    const sizes = await ctx.driver.listSizes();
    expect(sizes.map((s) => s.name)).toEqual(expect.arrayContaining(['g4-highcpu-128M', 'g4-highcpu-1G', 'g4-memory-16G']));
    const oneG = sizes.find((s) => s.name === 'g4-highcpu-1G')!;
    expect(oneG).toMatchObject({ ramMb: 1024, diskGb: 25, vcpus: 1 });
    expect(oneG.extra).toMatchObject({ diskMb: 25600, swapMb: 4096 });
    expect(oneG.price).toBe(getSizePrice('compute', 'joyent', 'g4-highcpu-1G'));
    expect(typeof oneG.price).toBe('number');
    expect(await ctx.driver.exGetSize('g4-highcpu-1G')).toMatchObject({ id: oneG.id, name: 'g4-highcpu-1G' });
  });

  it('filters packages server-side and by regex', async () => {
    expect((await ctx.driver.listSizes({ ex: { memory: 4096 } })).map((s) => s.name).sort()).toEqual(['g4-general-4G', 'g4-highcpu-4G']);
    expect((await ctx.driver.exFindSizes(/^g4-general/g)).map((s) => s.name).sort()).toEqual(['g4-general-4G', 'g4-general-8G']);
    expect((await ctx.driver.exGetDefaultSize())?.name).toBe('g4-highcpu-128M');
  });

  it('lists and gets images, searches them by regex', async () => {
    const images = await ctx.driver.listImages();
    expect(images.map((i) => i.name).sort()).toEqual(['base-64-lts', 'ubuntu-22.04', 'ubuntu-certified-22.04']);
    const base = images.find((i) => i.name === 'base-64-lts')!;
    expect(base.extra).toMatchObject({ os: 'smartos', type: 'zone-dataset', version: '23.4.0' });
    expect((await ctx.driver.getImage(base.id)).name).toBe('base-64-lts');
    await expect(ctx.driver.getImage('00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundError);
    expect((await ctx.driver.exFindImages(/^ubuntu-22\.04@2024/)).map((i) => i.name)).toEqual(['ubuntu-22.04']);
    expect((await ctx.driver.listImages({ ex: { os: 'linux' } })).length).toBe(2);
    expect((await ctx.driver.exGetDefaultImage({ os: 'smartos' }))?.name).toBe('base-64-lts');
  });
});

describe('datacenters', () => {
  it('lists locations and datacenters', async () => {
    const locations = await ctx.driver.listLocations();
    expect(locations.map((l) => l.id).sort()).toEqual(['eu-ams-1', 'us-east-1']);
    expect(locations.find((l) => l.id === 'eu-ams-1')).toMatchObject({ country: 'NL', extra: { url: ctx.sim.url } });
    expect((await ctx.driver.exListDatacenters()).map((d) => d.name).sort()).toEqual(['eu-ams-1', 'us-east-1']);
  });

  it('gives a driver for another datacenter with the same credentials', async () => {
    const other = await twoDatacenters();
    try {
      const d = await other.driver.exForDatacenter('remote');
      expect(d).toBeInstanceOf(JoyentNodeDriver);
      expect(d.url).toBe(other.remote.url);
      expect(d.datacenter).toBe('remote');
      expect(await d.listNodes()).toEqual([]);
      expect(other.remote.server.requests.length).toBeGreaterThan(0);
      await expect(other.driver.exForDatacenter('nowhere')).rejects.toThrow(/Valid datacenters: /);
      d.close();
    } finally {
      await other.close();
    }
  });

  it('creates a machine in the datacenter given as location', async () => {
    const other = await twoDatacenters();
    try {
      const [size] = await other.driver.exFindSizes(/^g4-highcpu-128M$/);
      const [image] = await other.driver.exFindImages(/^base-64-lts$/);
      const node = await other.driver.createNode({ size: size!.id, image: image!.id, location: 'remote' });
      expect(node.locationId).toBe('remote');
      expect(other.remote.server.requests.some((r) => r.method === 'POST' && r.path === '/demo/machines')).toBe(true);
      expect(await other.driver.listNodes()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('key pairs', () => {
  it('imports, lists, gets and deletes keys', async () => {
    const pub = testKey('ecdsa-256').publicKey;
    const kp = await ctx.driver.importKeyPairFromString({ name: 'ci', publicKey: pub });
    expect(kp).toMatchObject({ name: 'ci', fingerprint: testKey('ecdsa-256').md5 });
    expect((await ctx.driver.listKeyPairs()).map((k) => k.name).sort()).toEqual(['ci', 'test']);
    expect((await ctx.driver.getKeyPair('ci')).publicKey).toContain(pub.split(' ')[1]);
    expect(await ctx.driver.deleteKeyPair(kp)).toBe(true);
    await expect(ctx.driver.getKeyPair('ci')).rejects.toThrow(NotFoundError);
    await expect(ctx.driver.createKeyPair({ name: 'x' })).rejects.toThrow(/does not support createKeyPair/);
  });

  it('uses the sub-user key collection when user is set', async () => {
    ctx.sim.addSubUser('demo', 'bob', [{ name: 'bobkey', key: testKey('rsa').publicKey }]);
    const bob = new JoyentNodeDriver('demo', undefined, {
      url: ctx.sim.url,
      privateKey: testKey('rsa').privatePem,
      user: 'bob',
      useAgent: false,
      sshDir: false,
    });
    try {
      expect((await bob.listKeyPairs()).map((k) => k.name)).toEqual(['bobkey']);
      expect(requestLines(ctx.sim)).toContain('GET /demo/users/bob/keys');
    } finally {
      bob.close();
    }
  });
});

describe('nodes carry their datacenter', () => {
  it('sets locationId once the datacenter is known', async () => {
    ctx.sim.seedMachines('demo', 1, { state: 'running' });
    const d = ctx.makeDriver({ datacenter: 'us-east-1' });
    const [n] = await d.listNodes();
    expect(n).toMatchObject({ locationId: 'us-east-1', state: NodeState.RUNNING });
  });
});
