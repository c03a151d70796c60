import { BadRequestError, InvalidArgumentError, NotFoundError, TimeoutError } from '@cloudmux/core/errors';
import { StorageVolumeState } from '@cloudmux/core/compute';
import { computeStore } from '../../src/simulator/compute/store.js';
import { volumeStore } from '../../src/simulator/volume/store.js';
import {
  attachVolume,
  createVolume,
  createVolumeSnapshot,
  destroyVolume,
  destroyVolumeSnapshot,
  detachVolume,
  getVolume,
  getVolumeSnapshot,
  iterateVolumeSnapshots,
  iterateVolumes,
  waitForVolume,
} from '../../src/volume/index.js';
import { startVn, type VnWorld } from './support.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

describe('Cinder volumes against the simulator', () => {
  let w: VnWorld;
  afterEach(async () => {
    await w.stop();
  });

  it('lists every page of /volumes/detail through volumes_links', async () => {
    w = await startVn({ maxPageSize: 2 });
    const store = volumeStore(w.sim.world);
    for (let i = 0; i < 5; i++)
      store.insert({
        projectId: w.projectId,
        userId: 'u',
        name: `v${i}`,
        description: null,
        size: i + 1,
        availabilityZone: 'nova',
        volumeType: 'lvmdriver-1',
        snapshotId: null,
        sourceVolid: null,
        imageId: null,
        metadata: {},
      });
    const vols = await all(iterateVolumes(w.ctx));
    expect(vols.map((v) => v.name).sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    expect(new Set(vols.map((v) => v.id)).size).toBe(5);
    expect(w.count('GET', `/volume/v3/${w.projectId}/volumes/detail`)).toBe(3);
    expect(vols[0]!.state).toBe(StorageVolumeState.AVAILABLE);
    expect(vols[0]!.driver).toBe(w.ctx.driver);
  });

  it('creates a volume that goes creating → available, then deletes it', async () => {
    w = await startVn();
    const v = await createVolume(w.ctx, { name: 'data', sizeGb: 3, ex: { description: 'd', metadata: { k: 'v' } } });
    expect(v.state).toBe(StorageVolumeState.CREATING);
    expect(v.extra.status).toBe('creating');
    expect(v.sizeGb).toBe(3);
    const ready = await waitForVolume(w.ctx, v, { states: [StorageVolumeState.AVAILABLE], pollIntervalMs: 100, timeoutMs: 10_000 });
    expect(ready.extra).toMatchObject({ status: 'available', description: 'd', metadata: { k: 'v' }, availabilityZone: 'nova' });
    await expect(destroyVolume(w.ctx, v)).resolves.toBe(true);
    await until(async () =>
      getVolume(w.ctx, v.id).then(
        () => false,
        (e: unknown) => e instanceof NotFoundError,
      ),
    );
  });

  it('maps Cinder errors: unknown volume → NotFoundError, bad zone → BadRequestError; checks input first', async () => {
    w = await startVn();
    const missing = await getVolume(w.ctx, 'nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).providerCode).toBe('itemNotFound');
    expect((missing as NotFoundError).requestId).toMatch(/^req-/);
    await expect(createVolume(w.ctx, { name: 'x', sizeGb: 1, location: 'mars' })).rejects.toBeInstanceOf(BadRequestError);
    await expect(createVolume(w.ctx, { name: 'x', sizeGb: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(createVolume(w.ctx, { name: 'x', sizeGb: 1, ex: { colour: 'red' } as never })).rejects.toThrow(/colour/);
  });

  it('attaches through Nova (reserved/attaching → in-use), refuses to delete it, detaches back to available', async () => {
    w = await startVn();
    const server = w.addServer();
    const v = await createVolume(w.ctx, { name: 'disk', sizeGb: 1 });
    await waitForVolume(w.ctx, v, { states: ['available'], pollIntervalMs: 100 });
    await expect(attachVolume(w.ctx, v, { node: server.id })).resolves.toBe(true);
    const inUse = await waitForVolume(w.ctx, v, { states: ['inuse'], pollIntervalMs: 100, timeoutMs: 10_000 });
    expect(inUse.attachedTo).toBe(server.id);
    expect(inUse.extra.attachments[0]).toMatchObject({ serverId: server.id, device: '/dev/vdb' });
    expect(server.volumesAttached.map((x) => x.id)).toEqual([v.id]);

    const refused = await destroyVolume(w.ctx, v).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).status).toBe(400);

    await expect(detachVolume(w.ctx, v)).resolves.toBe(true);
    const back = await waitForVolume(w.ctx, v, { states: ['available'], pollIntervalMs: 100, timeoutMs: 10_000 });
    expect(back.attachedTo).toBeUndefined();
    expect(server.volumesAttached).toEqual([]);
    await expect(detachVolume(w.ctx, v)).rejects.toThrow(/not attached/);
  });

  it('frees the volumes of a deleted server', async () => {
    w = await startVn();
    const server = w.addServer();
    const v = await createVolume(w.ctx, { name: 'd', sizeGb: 1 });
    await waitForVolume(w.ctx, v, { states: ['available'], pollIntervalMs: 100 });
    await attachVolume(w.ctx, v, { node: server.id });
    await waitForVolume(w.ctx, v, { states: ['inuse'], pollIntervalMs: 100 });
    computeStore(w.sim.world).servers.delete(server.id);
    const after = await getVolume(w.ctx, v);
    expect(after).toMatchObject({ state: 'available', attachedTo: undefined });
  });

  it('fails fast when a volume goes to error, and times out when it never gets there', async () => {
    w = await startVn();
    const bad = await createVolume(w.ctx, { name: 'bad', sizeGb: 1, ex: { metadata: { 'sim:fail-create': 'no space' } } });
    await expect(waitForVolume(w.ctx, bad, { states: ['available'], pollIntervalMs: 100, timeoutMs: 10_000 })).rejects.toThrow(
      /went to error/,
    );
    const stuck = await waitForVolume(w.ctx, bad, { states: ['inuse'], pollIntervalMs: 100, timeoutMs: 150, failOnError: false }).catch(
      (e: unknown) => e,
    );
    expect(stuck).toBeInstanceOf(TimeoutError);
    expect((stuck as TimeoutError).lastState).toBe('error');
  });

  it('shows the transitional states while Nova attaches and detaches', async () => {
    w = await startVn({ speed: 0.001 });
    const server = w.addServer();
    const store = volumeStore(w.sim.world);
    const v = store.insert({
      projectId: w.projectId,
      userId: 'u',
      name: 'slow',
      description: null,
      size: 1,
      availabilityZone: 'nova',
      volumeType: 'lvmdriver-1',
      snapshotId: null,
      sourceVolid: null,
      imageId: null,
      metadata: {},
    });
    await attachVolume(w.ctx, v.id, { node: server, device: '/dev/vdc' } as never);
    const attaching = await getVolume(w.ctx, v.id);
    expect(attaching.state).toBe(StorageVolumeState.ATTACHING);
    expect(attaching.extra.status).toBe('reserved');
    v.status = 'in-use';
    await detachVolume(w.ctx, v.id);
    const detaching = await getVolume(w.ctx, v.id);
    expect(detaching.state).toBe(StorageVolumeState.DETACHING);
    expect(detaching.attachedTo).toBe(server.id);
  });

  it('refuses to attach to an unknown server (404) or an attached volume (400)', async () => {
    w = await startVn();
    const v = await createVolume(w.ctx, { name: 'a', sizeGb: 1 });
    await waitForVolume(w.ctx, v, { states: ['available'], pollIntervalMs: 100 });
    await expect(attachVolume(w.ctx, v, { node: 'no-such-server' })).rejects.toBeInstanceOf(NotFoundError);
    const one = w.addServer('one');
    const two = w.addServer('two');
    await attachVolume(w.ctx, v, { node: one.id });
    await expect(attachVolume(w.ctx, v, { node: two.id })).rejects.toBeInstanceOf(BadRequestError);
    await expect(attachVolume(w.ctx, v, { node: two.id, device: 'vdb' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('speaks Cinder microversions: echoes the one asked for, refuses one above the maximum (406)', async () => {
    w = await startVn();
    const base = await w.ctx.volume.baseUrl();
    const token = await w.session.token();
    const asked = await fetch(`${base}/volumes`, { headers: { 'x-auth-token': token, 'openstack-api-version': 'volume 3.50' } });
    expect(asked.status).toBe(200);
    expect(asked.headers.get('openstack-api-version')).toBe('volume 3.50');
    const none = await fetch(`${base}/volumes`, { headers: { 'x-auth-token': token } });
    expect(none.headers.get('openstack-api-version')).toBe('volume 3.0');
    const tooNew = await fetch(`${base}/volumes`, { headers: { 'x-auth-token': token, 'openstack-api-version': 'volume 3.99' } });
    expect(tooNew.status).toBe(406);
    expect(await tooNew.json()).toEqual({ computeFault: { code: 406, message: expect.stringMatching(/maximum is 3\.70/) as unknown } });
    const otherProject = await fetch(base.replace(w.projectId, 'someone-else') + '/volumes', { headers: { 'x-auth-token': token } });
    expect(otherProject.status).toBe(400);
    const noToken = await fetch(`${base}/volumes`);
    expect(noToken.status).toBe(401);
  });

  it('snapshots a volume, lists snapshots of that volume only, and deletes the snapshot', async () => {
    w = await startVn({ maxPageSize: 1 });
    const a = await createVolume(w.ctx, { name: 'a', sizeGb: 2 });
    const b = await createVolume(w.ctx, { name: 'b', sizeGb: 1 });
    await waitForVolume(w.ctx, a, { states: ['available'], pollIntervalMs: 100 });
    await waitForVolume(w.ctx, b, { states: ['available'], pollIntervalMs: 100 });
    const s1 = await createVolumeSnapshot(w.ctx, a, { name: 'first' });
    expect(s1).toMatchObject({ name: 'first', sourceId: a.id, sizeGb: 2, state: 'creating' });
    await createVolumeSnapshot(w.ctx, a, { name: 'second' });
    await createVolumeSnapshot(w.ctx, b, { name: 'other' });
    const ofA = await all(iterateVolumeSnapshots(w.ctx, { volume: a }));
    expect(ofA.map((s) => s.name).sort()).toEqual(['first', 'second']);
    expect((await all(iterateVolumeSnapshots(w.ctx))).length).toBe(3);
    await until(async () => (await getVolumeSnapshot(w.ctx, s1.id)).state === 'available');
    // A volume with snapshots cannot be deleted.
    await expect(destroyVolume(w.ctx, a)).rejects.toBeInstanceOf(BadRequestError);
    // A new volume from the snapshot.
    const fromSnap = await createVolume(w.ctx, { name: 'restored', sizeGb: 2, snapshot: s1 });
    expect(fromSnap.extra.snapshotId).toBe(s1.id);
    await expect(destroyVolumeSnapshot(w.ctx, s1)).resolves.toBe(true);
    await until(async () =>
      getVolumeSnapshot(w.ctx, s1.id).then(
        () => false,
        (e: unknown) => e instanceof NotFoundError,
      ),
    );
  });
});
