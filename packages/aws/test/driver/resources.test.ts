import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageVolumeState } from '@cloudmux/core/compute';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { eventually, sshPublicKey, start, type Harness } from './helpers.js';

let h: Harness;
afterEach(async () => h.close());

describe('images, locations and sizes', () => {
  it("lists images (default: yours and Amazon's), by owner, id and filter; gets one", async () => {
    h = await start();
    const all = await h.driver.listImages();
    expect(all.length).toBeGreaterThan(2);
    const describe = h.sim.calls.filter((c) => c.action === 'DescribeImages');
    expect(describe).toHaveLength(1);
    const al = await h.driver.listImages({ ex: { filters: { architecture: 'arm64' } } });
    expect(al.length).toBeGreaterThan(0);
    expect(al.every((i) => i.extra.architecture === 'arm64')).toBe(true);
    const one = await h.driver.getImage('ami-0c0ffee0000000a01');
    expect(one).toMatchObject({
      id: 'ami-0c0ffee0000000a01',
      name: expect.stringContaining('al2023') as unknown as string,
      extra: { state: 'available', isPublic: true },
    });
    expect((await h.driver.listImages({ ex: { ids: ['ami-0c0ffee0000000a01'] } })).map((i) => i.id)).toEqual(['ami-0c0ffee0000000a01']);
    expect(await h.driver.listImages({ ex: { owners: ['self'] } })).toEqual([]);
    await expect(h.driver.getImage('ami-0000000000000dead')).rejects.toThrow(NotFoundError);
  });

  it('lists availability zones as locations', async () => {
    h = await start({ region: 'eu-west-1' }, { region: 'eu-west-1' });
    const zones = await h.driver.listLocations();
    expect(zones.map((z) => z.id)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(zones[0]).toMatchObject({ country: 'IE', extra: { state: 'available', regionName: 'eu-west-1' } });
  });

  it('lists sizes from the table, priced for the region', async () => {
    h = await start();
    const sizes = await h.driver.listSizes();
    expect(sizes.find((s) => s.id === 't3.micro')).toMatchObject({
      ramMb: 1024,
      vcpus: 2,
      diskGb: 0,
      price: 0.0104,
      extra: { ebsOnly: true },
    });
    expect(h.sim.calls).toHaveLength(0);
  });
});

describe('volumes and snapshots', () => {
  it('creates, lists, attaches, detaches and destroys a volume', async () => {
    h = await start();
    const [nodeId] = h.sim.seedInstances(1);
    const created = await h.driver.createVolume({ name: 'data', sizeGb: 10, ex: { volumeType: 'gp3', tags: { env: 'test' } } });
    expect(created).toMatchObject({ name: 'data', sizeGb: 10, state: StorageVolumeState.CREATING });
    expect(created.extra.availabilityZone).toBe(`${h.sim.region}a`);
    const available = await eventually(
      () => h.driver.exGetVolume(created.id),
      (v) => v.state === StorageVolumeState.AVAILABLE,
    );
    expect(available.extra.tags).toEqual({ Name: 'data', env: 'test' });
    expect((await h.driver.listVolumes()).map((v) => v.id)).toContain(created.id);

    const node = await h.driver.getNode(nodeId!);
    const zoneVolume = await h.driver.createVolume({ name: 'zoned', sizeGb: 1, location: node.locationId });
    await eventually(
      () => h.driver.exGetVolume(zoneVolume.id),
      (v) => v.state === StorageVolumeState.AVAILABLE,
    );
    expect(await h.driver.attachVolume(zoneVolume, { node })).toBe(true);
    const attached = await eventually(
      () => h.driver.exGetVolume(zoneVolume.id),
      (v) => v.state === StorageVolumeState.INUSE,
    );
    expect(attached).toMatchObject({ attachedTo: node.id, extra: { attachments: [{ device: '/dev/sdf' }] } });
    expect(await h.driver.detachVolume(zoneVolume)).toBe(true);
    await eventually(
      () => h.driver.exGetVolume(zoneVolume.id),
      (v) => v.state === StorageVolumeState.AVAILABLE,
    );
    expect(await h.driver.destroyVolume(zoneVolume)).toBe(true);
    await expect(
      eventually(
        () => h.driver.exGetVolume(zoneVolume.id),
        () => false,
        0,
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('retries CreateVolume safely thanks to its ClientToken', async () => {
    h = await start();
    h.sim.injectActionFault({ action: 'CreateVolume', kind: 'reset-after-handling' });
    const v = await h.driver.createVolume({ name: 'once', sizeGb: 2, location: `${h.sim.region}a` });
    expect([...h.sim.state.volumes.keys()].filter((id) => h.sim.state.volumes.get(id)?.size === 2)).toEqual([v.id]);
  });

  it('snapshots a volume, lists its snapshots and destroys them', async () => {
    h = await start();
    const v = await h.driver.createVolume({ name: 'src', sizeGb: 3, location: `${h.sim.region}a` });
    await eventually(
      () => h.driver.exGetVolume(v.id),
      (x) => x.state === StorageVolumeState.AVAILABLE,
    );
    const snap = await h.driver.createVolumeSnapshot(v, { name: 'nightly' });
    expect(snap).toMatchObject({ name: 'nightly', sourceId: v.id, sizeGb: 3 });
    const other = await h.driver.createVolume({ name: 'other', sizeGb: 1, location: `${h.sim.region}a` });
    await eventually(
      () => h.driver.exGetVolume(other.id),
      (x) => x.state === StorageVolumeState.AVAILABLE,
    );
    await h.driver.createVolumeSnapshot(other);
    expect((await h.driver.listVolumeSnapshots({ volume: v })).map((s) => s.id)).toEqual([snap.id]);
    expect(await h.driver.listVolumeSnapshots()).toHaveLength(2);
    const done = await eventually(
      () => h.driver.listVolumeSnapshots({ volume: v }),
      (l) => l[0]?.state === 'completed',
    );
    expect(done[0]).toMatchObject({ state: 'completed', extra: { progress: '100%' } });
    const restored = await h.driver.createVolume({ name: 'restored', sizeGb: 3, snapshot: snap, location: `${h.sim.region}a` });
    expect(restored.extra.snapshotId).toBe(snap.id);
    expect(await h.driver.destroyVolumeSnapshot(snap)).toBe(true);
    expect((await h.driver.listVolumeSnapshots({ volume: v })).length).toBe(0);
  });

  it('validates sizes before calling EC2', async () => {
    h = await start();
    await expect(h.driver.createVolume({ name: 'bad', sizeGb: 0 })).rejects.toThrow(InvalidArgumentError);
  });
});

describe('key pairs', () => {
  it('creates (with the private key), imports from string and file, gets, lists and deletes', async () => {
    h = await start();
    const created = await h.driver.createKeyPair({ name: 'generated' });
    expect(created.privateKey).toMatch(/PRIVATE KEY/);
    expect(created.fingerprint).not.toBe('');
    const publicKey = sshPublicKey();
    const imported = await h.driver.importKeyPairFromString({ name: 'imported', publicKey });
    expect(imported).toMatchObject({ name: 'imported', publicKey });
    expect(imported.privateKey).toBeUndefined();
    const dir = await mkdtemp(join(tmpdir(), 'cloudmux-ec2-key-'));
    try {
      await writeFile(join(dir, 'id.pub'), `${sshPublicKey('file')}\n`);
      expect((await h.driver.importKeyPairFromFile({ name: 'from-file', path: join(dir, 'id.pub') })).name).toBe('from-file');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await h.driver.listKeyPairs()).map((k) => k.name).sort()).toEqual(['from-file', 'generated', 'imported']);
    expect((await h.driver.getKeyPair('imported')).fingerprint).toBe(imported.fingerprint);
    await expect(h.driver.importKeyPairFromString({ name: 'imported', publicKey })).rejects.toThrow(AlreadyExistsError);
    await expect(h.driver.importKeyPairFromString({ name: 'junk', publicKey: 'not a key' })).rejects.toThrow(InvalidArgumentError);
    expect(await h.driver.deleteKeyPair(imported)).toBe(true);
    expect(await h.driver.deleteKeyPair('generated')).toBe(true);
    await expect(h.driver.getKeyPair('imported')).rejects.toThrow(NotFoundError);
  });
});
