// The driver against two simulated clouds (`lal`, `example`): locations from the INI text, ids that
// carry the location, aggregation across clouds, the template createNode sends, lifecycles.
import { InvalidArgumentError } from '@cloudmux/core';
import { NodeState } from '@cloudmux/core/compute';
import { NotFoundError } from '@cloudmux/core/errors';
import { startTwoClouds, type TwoClouds } from '../support/sim.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDcmBCJWcmvD6dOXZfdMp+rtyUS8G3g6wbbyHZLU91G0 alice@example';

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('StratusLab driver on two simulated clouds', () => {
  let c: TwoClouds;
  let image: string;
  beforeEach(async () => {
    c = await startTwoClouds();
    image = (await c.driver.listImages())[0]!.id;
  });
  afterEach(() => c.close());

  it('lists the configured clouds as locations, the default first-class', async () => {
    const locations = await c.driver.listLocations();
    expect(locations.map((l) => [l.id, l.name, l.country])).toEqual([
      ['lal', 'LAL (Orsay)', 'FR'],
      ['example', 'example', 'unknown'],
    ]);
    expect(locations[0]!.extra).toMatchObject({ isDefault: true, endpoint: `${c.lal.url}/xmlrpc`, pdiskEndpoint: c.lal.url });
    expect(c.driver.defaultLocation).toBe('lal');
  });

  it('lists instance types as sizes: the seven defaults plus [instance_types]', async () => {
    const sizes = await c.driver.listSizes();
    expect(sizes.map((s) => s.id)).toEqual([
      't1.micro',
      'm1.small',
      'm1.medium',
      'm1.large',
      'm1.xlarge',
      'c1.medium',
      'c1.xlarge',
      'x1.tiny',
    ]);
    const large = sizes.find((s) => s.id === 'm1.large')!;
    expect([large.vcpus, large.ramMb, large.diskGb, large.extra]).toEqual([2, 6144, 0, { cpu: 2, swapMb: 6144 }]);
  });

  it('creates a node with the SSH key in CONTEXT/PUBLIC_KEY and the documented template', async () => {
    const node = await c.driver.createNode({
      name: 'web-1',
      size: 'm1.large',
      image,
      location: 'example',
      auth: { kind: 'ssh-key', publicKey: KEY },
    });
    expect(node.id).toBe('example:0');
    expect(node.state).toBe(NodeState.PENDING);
    expect(node.publicIps).toEqual([expect.stringMatching(/^10\.2\./)]);
    expect(node.sizeId).toBe('m1.large');
    expect(node.imageId).toBe(image);
    const vm = c.example.state.vms[0]!;
    expect(vm.owner).toBe('alice');
    expect(vm.template.single.get('CPU')).toBe('2');
    expect(vm.template.single.get('MEMORY')).toBe('6144');
    const context = vm.template.vectors.find((v) => v.name === 'CONTEXT')!.values;
    expect(context.get('PUBLIC_KEY')).toBe(KEY);
    const disks = vm.template.vectors.filter((v) => v.name === 'DISK').map((d) => Object.fromEntries(d.values));
    expect(disks[0]!['SOURCE']).toBe(`${c.example.url}/metadata/${image}`);
    expect(disks[1]).toEqual({ TYPE: 'swap', SIZE: '6144', TARGET: 'vdb' });
    expect(c.lal.state.vms).toEqual([]);
  });

  it('aggregates nodes over every cloud; equal VM ids stay distinct through the location', async () => {
    const a = await c.driver.createNode({ name: 'a', size: 'm1.small', image });
    const b = await c.driver.createNode({ name: 'b', size: 'm1.small', image, location: 'example' });
    expect([a.id, b.id]).toEqual(['lal:0', 'example:0']);
    expect((await c.driver.listNodes()).map((n) => n.id).sort()).toEqual(['example:0', 'lal:0']);
    expect((await c.driver.listNodes({ ex: { location: 'example' } })).map((n) => n.id)).toEqual(['example:0']);
    expect((await c.driver.listNodes({ ids: ['lal:0'] })).map((n) => n.name)).toEqual(['a']);
    expect((await c.driver.getNode('example:0')).name).toBe('b');
  });

  it('follows pending → running; shutdown goes through epilog to done and leaves the pool', async () => {
    const node = await c.driver.createNode({ name: 'life', size: 't1.micro', image });
    const summaries = new Set<string>();
    await until(
      async () => {
        const n = await c.driver.getNode(node.id);
        summaries.add(n.extra.stateSummary);
        return n;
      },
      (n) => n.state === NodeState.RUNNING,
      'running',
    );
    expect([...summaries].at(-1)).toBe('running');
    const running = await c.driver.getNode(node.id);
    expect(running.extra.host).toMatch(/^node-0/);
    expect(await c.driver.exShutdownNode(node)).toBe(true);
    const stopping = await c.driver.getNode(node.id);
    expect(stopping.state).toBe(NodeState.STOPPING);
    // The simulated VM's schedule after shutdown: SHUTDOWN now, EPILOG one step later, then DONE.
    const vm = c.lal.state.vms[0]!;
    const done = vm.doneAt()!;
    expect(vm.stateAt(done - 2 * c.lal.state.stepMs)).toEqual({ state: 3, lcm: 12 });
    expect(vm.stateAt(done - 0.5 * c.lal.state.stepMs)).toEqual({ state: 3, lcm: 11 });
    expect(vm.stateAt(done)).toEqual({ state: 6, lcm: 0 });
    await until(
      () => c.driver.getNode(node.id),
      (n) => n.state === NodeState.TERMINATED,
      'done',
    );
    expect(await c.driver.listNodes()).toEqual([]);
  });

  it('destroys with finalize: TERMINATED at once, gone from the list', async () => {
    const node = await c.driver.createNode({ name: 'gone', size: 't1.micro', image });
    expect(await node.destroy()).toBe(true);
    expect((await c.driver.getNode(node.id)).state).toBe(NodeState.TERMINATED);
    expect(await c.driver.listNodes()).toEqual([]);
  });

  it('refuses bad input before any request: unknown size, location, auth kind, ex keys, names', async () => {
    const before = c.requestCount();
    const base = { size: 'm1.small', image };
    await expect(c.driver.createNode({ ...base, size: 'm9.huge' })).rejects.toThrow(
      /unknown size "m9.huge". Valid sizes: t1.micro, m1.small/,
    );
    await expect(c.driver.createNode({ ...base, location: 'mars' })).rejects.toThrow(/Valid locations: lal, example/);
    await expect(c.driver.createNode({ ...base, auth: { kind: 'password', password: 'x' } })).rejects.toThrow(/SSH public key/);
    await expect(c.driver.createNode({ ...base, ex: { network: 'dmz' as 'public' } })).rejects.toThrow(InvalidArgumentError);
    await expect(c.driver.createNode({ ...base, name: 'bad"name' })).rejects.toThrow(/invalid name/);
    await expect(c.driver.getNode('mars:1')).rejects.toThrow(/known location/);
    await expect(c.driver.getNode('lal:abc')).rejects.toThrow(InvalidArgumentError);
    expect(c.requestCount()).toBe(before);
  });

  it('checks the image in the Marketplace before allocating', async () => {
    await expect(c.driver.createNode({ size: 'm1.small', image: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA' })).rejects.toThrow(NotFoundError);
    expect(c.lal.server.requests.some((r) => r.path.endsWith('/xmlrpc'))).toBe(false);
  });

  it('answers NotFoundError for a VM that does not exist (OpenNebula error 0x0400)', async () => {
    const err = await c.driver.getNode('lal:99').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).providerCode).toBe('0x0400');
  });

  it('gets Marketplace images with checksums, OS and endpoint; unknown ids are NotFoundError', async () => {
    const images = await c.driver.listImages({ location: 'example' });
    expect(images.map((i) => i.name)).toEqual(['ttylinux-9.7-i486-base-1.4', 'ubuntu-10.04-x86_64-base-1.2', 'sl-6.2-x86_64-base-1.0']);
    const img = await c.driver.getImage(images[2]!.id);
    expect(img.id).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(img.extra).toMatchObject({
      os: 'ScientificLinux',
      osVersion: '6.2',
      version: '1.0',
      disksBus: 'virtio',
      endpoint: `${c.lal.url}/metadata/${img.id}`,
    });
    expect(Object.keys(img.extra.checksums)).toEqual(['MD5', 'SHA-1']);
    await expect(c.driver.getImage('AAAAAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow(NotFoundError);
  });
});
