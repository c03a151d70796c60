import { NotFoundError } from '@cloudmux/core/errors';
import { OpenStackNodeDriver } from '../../src/index.js';
import { OpenStackSimulator } from '../../src/simulator/index.js';
import { computeStore } from '../../src/simulator/compute/store.js';

/** The driver's volume and network methods end to end, on a fresh simulator. */
describe('OpenStackNodeDriver volumes and networking', () => {
  let sim: OpenStackSimulator;
  let driver: OpenStackNodeDriver;
  beforeEach(async () => {
    sim = await OpenStackSimulator.start({ speed: 1000 });
    driver = new OpenStackNodeDriver('demo', 'secret', { authUrl: sim.authUrl, projectName: 'demo', retry: false });
  });
  afterEach(async () => {
    await driver.close();
    await sim.stop();
  });

  function addServer(): string {
    const projectId = sim.projectId('demo')!;
    return computeStore(sim.world).insert({ name: 'web', projectId, userId: sim.userId('demo')!, flavorId: '1', imageId: 'img' }).id;
  }

  it('gives a server a floating IP that shows on the node, then takes it back', async () => {
    const id = addServer();
    const ip = await driver.exAllocateFloatingIp({ network: 'public' });
    await driver.exAssociateFloatingIp(ip, id);
    expect((await driver.getNode(id)).publicIps).toContain(ip.address);
    expect((await driver.exListFloatingIps()).map((f) => f.address)).toEqual([ip.address]);
    await driver.exDisassociateFloatingIp(ip);
    expect((await driver.getNode(id)).publicIps).not.toContain(ip.address);
    await driver.exReleaseFloatingIp(ip);
    expect(await driver.exListFloatingIps()).toEqual([]);
  });

  it('creates, attaches, detaches and destroys a volume', async () => {
    const id = addServer();
    const volume = await driver.createVolume({ name: 'data', sizeGb: 2 });
    const wait = async (state: string): Promise<void> => {
      for (let i = 0; i < 300 && (await driver.exGetVolume(volume.id)).state !== state; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await driver.exGetVolume(volume.id)).state).toBe(state);
    };
    await wait('available');
    await driver.attachVolume(volume, { node: id });
    await wait('inuse');
    expect((await driver.listVolumes()).find((v) => v.id === volume.id)?.attachedTo).toBe(id);
    await driver.detachVolume(volume);
    await wait('available');
    const snap = await driver.createVolumeSnapshot(volume, { name: 's' });
    expect((await driver.listVolumeSnapshots({ volume })).map((s) => s.id)).toEqual([snap.id]);
    await expect(driver.destroyVolumeSnapshot(snap)).resolves.toBe(true);
    for (let i = 0; i < 300 && (await driver.listVolumeSnapshots()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await expect(driver.destroyVolume(volume)).resolves.toBe(true);
    for (let i = 0; i < 300; i++) {
      const gone = await driver.exGetVolume(volume.id).then(
        () => false,
        (e: unknown) => e instanceof NotFoundError,
      );
      if (gone) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('volume not deleted');
  });

  it('manages security groups through the driver', async () => {
    const g = await driver.exCreateSecurityGroup({ name: 'web' });
    const rule = await driver.exAddSecurityGroupRule(g, { protocol: 'tcp', portRangeMin: 80, portRangeMax: 81 });
    expect((await driver.exListSecurityGroups({ name: 'web' }))[0]!.rules.map((r) => r.id)).toContain(rule.id);
    await driver.exRemoveSecurityGroupRule(rule);
    await driver.exDeleteSecurityGroup(g);
    expect((await driver.exListSecurityGroups()).map((x) => x.name)).toEqual(['default']);
  });

  it('gets single networks, subnets, ports, floating IPs and security groups, and waits for a volume', async () => {
    const id = addServer();
    const [network] = await driver.exListNetworks({ name: 'private' });
    expect((await driver.exGetNetwork(network!)).name).toBe('private');
    const subnetId = network!.subnetIds[0]!;
    expect((await driver.exGetSubnet(subnetId)).networkId).toBe(network!.id);
    const [port] = await driver.exListPorts({ node: id });
    expect((await driver.exGetPort(port!.id)).deviceId).toBe(id);
    const ip = await driver.exAllocateFloatingIp({ network: 'public' });
    expect((await driver.exGetFloatingIp(ip.address)).id).toBe(ip.id);
    const [group] = await driver.exListSecurityGroups({ name: 'default' });
    expect((await driver.exGetSecurityGroup(group!)).name).toBe('default');
    await expect(driver.exGetNetwork('no-such-network')).rejects.toBeInstanceOf(NotFoundError);
    const volume = await driver.createVolume({ name: 'w', sizeGb: 1 });
    expect((await driver.exWaitForVolume(volume, { states: ['available'], pollIntervalMs: 100, timeoutMs: 10_000 })).state).toBe(
      'available',
    );
    const snap = await driver.createVolumeSnapshot(volume, { name: 's' });
    expect((await driver.exGetVolumeSnapshot(snap)).id).toBe(snap.id);
  });
});
