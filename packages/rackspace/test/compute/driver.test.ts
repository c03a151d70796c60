import { inspect } from 'node:util';
import { InvalidArgumentError, InvalidCredentialsError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import { NodeState } from '@cloudmux/core/compute';
import { OpenStackNodeDriver } from '@cloudmux/openstack';
import { RACKSPACE_COMPUTE_PROVIDER, RACKSPACE_COMPUTE_SERVICE_NAMES, RackspaceNodeDriver } from '../../src/index.js';
import { CIRROS, startRackspaceCompute, until, type RackspaceComputeFixture } from './support.js';

let fx: RackspaceComputeFixture;
beforeAll(async () => {
  fx = await startRackspaceCompute();
});
afterAll(() => fx.close());

describe('RackspaceNodeDriver on the Rackspace simulator', () => {
  it('is the OpenStack driver with Rackspace provider data', () => {
    const d = fx.makeDriver();
    expect(d).toBeInstanceOf(OpenStackNodeDriver);
    expect(RackspaceNodeDriver.provider).toBe(RACKSPACE_COMPUTE_PROVIDER);
    expect(RackspaceNodeDriver.provider.id).toBe('rackspace');
    expect(RackspaceNodeDriver.provider.name).toBe('Rackspace Cloud Servers');
    expect(RackspaceNodeDriver.provider.regions.map((r) => r.id)).toEqual(['DFW', 'ORD', 'IAD', 'LON', 'SYD', 'HKG']);
    expect(RackspaceNodeDriver.provider.regions[1]?.endpoint).toBe('https://ord.servers.api.rackspacecloud.com/v2');
    expect(RackspaceNodeDriver.capabilities).toBe(OpenStackNodeDriver.capabilities);
  });

  it('uses the catalog names and the region it was given (ORD)', async () => {
    const d = fx.makeDriver({ region: 'ord' });
    expect(d.probe.compute.selector).toEqual({ type: 'compute', name: RACKSPACE_COMPUTE_SERVICE_NAMES.compute, region: 'ORD' });
    expect(d.probe.image.selector).toMatchObject({ name: 'cloudImages', region: 'ORD' });
    expect(d.probe.volume.selector).toMatchObject({ name: 'cloudBlockStorage', region: 'ORD' });
    expect(d.probe.network.selector).toMatchObject({ name: 'cloudNetworks', region: 'ORD' });
    const found = await d.session.discover(d.probe.compute.selector);
    expect(found.endpoint.region).toBe('ORD');
    expect(found.endpoint.url).toBe(`${fx.sim.url}/compute/v2.1`);
    expect(d.session.region).toBe('ORD');
    expect(d.probe.settings.provider).toBe('rackspace');
  });

  it('creates (diskConfig, config drive), lists, reboots and destroys a server in ORD', async () => {
    const d = fx.makeDriver({ region: 'ORD' });
    fx.sim.server.clearRequests();
    const node = await d.createNode({ name: 'web-ord', size: '2', image: CIRROS, ex: { diskConfig: 'AUTO', configDrive: true } });
    const create = fx.sim.server.requests.find((r) => r.method === 'POST' && r.path === '/compute/v2.1/servers');
    expect(create).toBeDefined();
    expect(node.extra.diskConfig).toBe('AUTO');
    expect(node.extra.configDrive).toBe(true);
    expect(node.password).toEqual(expect.any(String));
    const [running] = await d.waitUntilRunning([node], { pollIntervalMs: 20, timeoutMs: 5000, sshInterface: 'private' });
    expect(running?.node.state).toBe(NodeState.RUNNING);
    const listed = await d.listNodes();
    const mine = listed.find((n) => n.id === node.id);
    expect(mine?.extra.diskConfig).toBe('AUTO');
    expect(mine?.sizeId).toBe('2');
    expect(await d.rebootNode(node)).toBe(true);
    expect((await d.getNode(node.id)).state).toBe(NodeState.REBOOTING);
    await until(async () => (await d.getNode(node.id)).state === NodeState.RUNNING);
    expect(await d.destroyNode(node)).toBe(true);
    await until(async () => (await d.listNodes()).every((n) => n.id !== node.id));
  });

  it('defaults diskConfig to what the server reports and refuses a bad one before any request', async () => {
    const d = fx.makeDriver();
    const node = await d.createNode({ name: 'manual', size: 'general1-1', image: CIRROS });
    expect(node.extra.diskConfig).toBe('MANUAL');
    fx.sim.server.clearRequests();
    const bad = d.createNode({ size: 'general1-1', image: CIRROS, ex: { diskConfig: 'auto' as 'AUTO' } });
    await expect(bad).rejects.toThrow(InvalidArgumentError);
    await expect(bad).rejects.toThrow(/AUTO, MANUAL/);
    expect(fx.sim.server.requests.some((r) => r.method === 'POST')).toBe(false);
    await d.destroyNode(node);
  });

  it('rescues a server (returning the admin password) and unrescues it', async () => {
    const d = fx.makeDriver();
    const node = await d.createNode({ name: 'rescue-me', size: 'general1-1', image: CIRROS });
    await expect(d.exRescueNode(node)).rejects.toThrow(ProviderError); // still building: 409
    await d.waitUntilRunning([node], { pollIntervalMs: 20, timeoutMs: 5000, sshInterface: 'private' });
    const pass = await d.exRescueNode(node, { password: 'Rescue-Pa55' });
    expect(pass).toBe('Rescue-Pa55');
    await until(async () => (await d.getNode(node.id)).extra.status === 'RESCUE');
    await expect(d.exRescueNode(node)).rejects.toMatchObject({ status: 409 });
    expect(await d.exUnrescueNode(node)).toBe(true);
    await until(async () => (await d.getNode(node.id)).extra.status === 'ACTIVE');
    const generated = await d.exRescueNode(node.id, { image: CIRROS });
    expect(generated).toMatch(/^[0-9a-f]{12}$/);
    await until(async () => (await d.getNode(node.id)).extra.status === 'RESCUE');
    await d.exUnrescueNode(node);
    await expect(d.exRescueNode('00000000-0000-0000-0000-00000000dead')).rejects.toThrow(NotFoundError);
    await expect(d.exRescueNode('')).rejects.toThrow(InvalidArgumentError);
    await d.destroyNode(node);
  });

  it('prices sizes from pricing/compute/rackspace.json by region; unknown figures stay undefined', async () => {
    const dfw = await fx.makeDriver({ region: 'DFW' }).listSizes();
    expect(dfw.find((s) => s.id === '2')?.price).toBe(0.022);
    expect(dfw.find((s) => s.id === '4')?.price).toBe(0.12);
    expect(dfw.find((s) => s.id === 'performance1-1')?.price).toBe(0.04);
    expect(dfw.find((s) => s.id === 'general1-1')?.price).toBeUndefined();
    expect(dfw.find((s) => s.id === 'general1-1')?.ramMb).toBe(1024);
    const lon = await fx.makeDriver({ region: 'LON' }).listSizes();
    expect(lon.find((s) => s.id === '2')?.price).toBeUndefined();
    expect(lon.find((s) => s.id === '2')?.ramMb).toBe(512);
  });
});

describe('RackspaceNodeDriver construction', () => {
  it('rejects a bad region listing the valid ones, a missing region and unknown options', () => {
    expect(() => new RackspaceNodeDriver('demo', 'k', { region: 'XYZ' as 'DFW' })).toThrow(InvalidArgumentError);
    expect(() => new RackspaceNodeDriver('demo', 'k', { region: 'XYZ' as 'DFW' })).toThrow(/"XYZ".*DFW.*ORD.*IAD.*LON.*SYD.*HKG/);
    expect(() => new RackspaceNodeDriver('demo', 'k', {})).toThrow(/region/);
    expect(() => new RackspaceNodeDriver('demo', 'k', { region: 'DFW', authUrl: 'x' } as never)).toThrow(/authUrl/);
    expect(() => new RackspaceNodeDriver('demo', undefined, { region: 'DFW' })).toThrow(/API key/);
  });

  it('fromEnv reads RACKSPACE_* (and OS_*) variables, overrides win', async () => {
    const d = RackspaceNodeDriver.fromEnv(
      { RACKSPACE_USERNAME: 'demo', RACKSPACE_API_KEY: 'demo-api-key', RACKSPACE_REGION: 'iad', RACKSPACE_IDENTITY: fx.sim.identityUrl },
      { retry: false },
    );
    expect(d).toBeInstanceOf(RackspaceNodeDriver);
    expect(d.session.region).toBe('IAD');
    expect(Array.isArray(await d.listNodes())).toBe(true);
    await d.close();
    const os = RackspaceNodeDriver.fromEnv(
      { OS_USERNAME: 'demo', OS_PASSWORD: 'secret', OS_REGION_NAME: 'SYD', OS_AUTH_URL: fx.sim.identityUrl },
      { region: 'HKG' },
    );
    expect(os.session.region).toBe('HKG');
    expect((await os.listSizes()).length).toBeGreaterThan(0);
    await os.close();
    expect(() => RackspaceNodeDriver.fromEnv({})).toThrow(/RACKSPACE_USERNAME/);
  });

  it('keeps the API key out of inspect and errors', async () => {
    const d = new RackspaceNodeDriver('demo', 'wrong-api-key-s3cr3t', { region: 'DFW', identity: fx.sim.identityUrl, retry: false });
    expect(inspect(d, { depth: 10, showHidden: true })).not.toContain('wrong-api-key-s3cr3t');
    const err = await d.listNodes().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect(inspect(err, { depth: 10 })).not.toContain('wrong-api-key-s3cr3t');
    expect(JSON.stringify(err)).not.toContain('wrong-api-key-s3cr3t');
    const good = fx.makeDriver();
    await good.listNodes();
    expect(inspect(good, { depth: 10, showHidden: true })).not.toContain('demo-api-key');
  });
});
