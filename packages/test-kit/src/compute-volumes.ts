import { expect } from '@jest/globals';
import { StorageVolume, StorageVolumeState, VolumeSnapshot, type Node, type NodeLocation } from '@cloudmux/core/compute';
import { runningTestNode, type ComputeContext } from './compute-context.js';
import { collect, expectDriverRef, expectRefused, needs, pollUntil, uniqueName } from './harness.js';

const VOLUME_STATES: readonly string[] = Object.values(StorageVolumeState);

async function observeVolume(ctx: ComputeContext, id: string): Promise<StorageVolume | undefined> {
  return (await ctx.driver.listVolumes()).find((v) => v.id === id);
}

async function waitForVolume(
  ctx: ComputeContext,
  id: string,
  what: string,
  ok: (v: StorageVolume | undefined) => boolean,
): Promise<StorageVolume | undefined> {
  return pollUntil(
    `volume ${id} to be ${what}`,
    ctx.timing,
    () => observeVolume(ctx, id),
    ok,
    (v) => (v ? `${v.state}${v.attachedTo ? ` on ${v.attachedTo}` : ''}` : 'gone'),
  );
}

/** Creates a 1 GiB volume (in `location`, else the test nodes' location); it is detached and destroyed afterwards. */
async function createTestVolume(ctx: ComputeContext, location?: string | NodeLocation): Promise<StorageVolume> {
  const where = location ?? (await ctx.createOptions()).location;
  const name = uniqueName('cmx-vol');
  const volume = await ctx.driver.createVolume({ name, sizeGb: 1, ...(where !== undefined ? { location: where } : {}) });
  const { driver } = ctx;
  ctx.cleanup.push(async () => {
    if (driver.supports('detachVolume')) await driver.detachVolume(volume.id).catch(() => undefined);
    if (driver.supports('listVolumes'))
      await waitForVolume(
        ctx,
        volume.id,
        'detached',
        (v) => !v || (v.state !== StorageVolumeState.INUSE && v.state !== StorageVolumeState.DETACHING),
      ).catch(() => undefined);
    if (driver.supports('destroyVolume')) await driver.destroyVolume(volume.id);
  });
  expect(volume).toBeInstanceOf(StorageVolume);
  expect(volume.name).toBe(name);
  expect(volume.sizeGb).toBeGreaterThanOrEqual(1);
  expect(VOLUME_STATES).toContain(volume.state);
  expectDriverRef(volume, driver);
  return volume;
}

async function availableTestVolume(ctx: ComputeContext, location?: string): Promise<StorageVolume> {
  const v = await createTestVolume(ctx, location);
  return (await waitForVolume(ctx, v.id, 'available', (x) => x?.state === StorageVolumeState.AVAILABLE))!;
}

/** `createVolume`: a volume with the name and size asked for, which becomes available. */
export async function checkCreateVolume(ctx: ComputeContext): Promise<void> {
  const v = await createTestVolume(ctx);
  if (ctx.driver.supports('listVolumes')) await waitForVolume(ctx, v.id, 'available', (x) => x?.state === StorageVolumeState.AVAILABLE);
}

/** `listVolumes`/`iterateVolumes`: typed entries; a new volume is listed by both. */
export async function checkListVolumes(ctx: ComputeContext): Promise<void> {
  const created = ctx.driver.supports('createVolume') ? await createTestVolume(ctx) : undefined;
  const listed = await ctx.driver.listVolumes();
  for (const v of listed) {
    expect(v).toBeInstanceOf(StorageVolume);
    expect(VOLUME_STATES).toContain(v.state);
    expectDriverRef(v, ctx.driver);
  }
  const iterated = (await collect(ctx.driver.iterateVolumes())).map((v) => v.id);
  expect(new Set(iterated).size).toBe(iterated.length);
  if (created) {
    expect(listed.map((v) => v.id)).toContain(created.id);
    expect(iterated).toContain(created.id);
  }
}

/** `destroyVolume`: an available volume goes away. */
export async function checkDestroyVolume(ctx: ComputeContext): Promise<void> {
  needs(ctx.driver, 'createVolume', 'destroyVolume');
  needs(ctx.driver, 'listVolumes', 'destroyVolume');
  const v = await availableTestVolume(ctx);
  expect(await ctx.driver.destroyVolume(v)).toBe(true);
  await waitForVolume(ctx, v.id, 'gone', (x) => !x || x.state === StorageVolumeState.DELETING);
}

/** `attachVolume`/`detachVolume`: available → in use on the node → available; illegal moves are refused. */
export async function checkAttachDetach(ctx: ComputeContext, method: 'attachVolume' | 'detachVolume'): Promise<void> {
  for (const m of ['createNode', 'createVolume', 'listVolumes', 'attachVolume'] as const) needs(ctx.driver, m, method);
  const node: Node = await runningTestNode(ctx);
  const v = await availableTestVolume(ctx, node.locationId);
  expect(await ctx.driver.attachVolume(v, { node })).toBe(true);
  const attached = await waitForVolume(ctx, v.id, 'in use', (x) => x?.state === StorageVolumeState.INUSE);
  expect(attached?.attachedTo).toBe(node.id);
  await expectRefused('attaching a volume that is in use', () => ctx.driver.attachVolume(v.id, { node }));
  if (ctx.driver.supports('destroyVolume')) await expectRefused('destroying a volume that is in use', () => ctx.driver.destroyVolume(v.id));
  if (!ctx.driver.supports('detachVolume')) return;
  expect(await ctx.driver.detachVolume(v)).toBe(true);
  const detached = await waitForVolume(ctx, v.id, 'available again', (x) => x?.state === StorageVolumeState.AVAILABLE);
  expect(detached?.attachedTo).toBeUndefined();
  await expectRefused('detaching a volume that is not attached', () => ctx.driver.detachVolume(v.id));
}

/** Snapshot methods: create from a volume, list by volume, destroy. */
export async function checkSnapshots(
  ctx: ComputeContext,
  method: 'createVolumeSnapshot' | 'listVolumeSnapshots' | 'destroyVolumeSnapshot',
): Promise<void> {
  if (method === 'listVolumeSnapshots' && !ctx.driver.supports('createVolumeSnapshot')) {
    for (const s of await ctx.driver.listVolumeSnapshots()) expect(s).toBeInstanceOf(VolumeSnapshot);
    return;
  }
  for (const m of ['createVolume', 'listVolumes', 'createVolumeSnapshot'] as const) needs(ctx.driver, m, method);
  const v = await availableTestVolume(ctx);
  const snap = await ctx.driver.createVolumeSnapshot(v, { name: uniqueName('cmx-snap') });
  if (ctx.driver.supports('destroyVolumeSnapshot')) ctx.cleanup.push(() => ctx.driver.destroyVolumeSnapshot(snap.id));
  expect(snap).toBeInstanceOf(VolumeSnapshot);
  expect(typeof snap.id).toBe('string');
  if (snap.sourceId !== undefined) expect(snap.sourceId).toBe(v.id);
  expectDriverRef(snap, ctx.driver);
  if (!ctx.driver.supports('listVolumeSnapshots')) {
    if (ctx.driver.supports('destroyVolumeSnapshot')) expect(await ctx.driver.destroyVolumeSnapshot(snap)).toBe(true);
    return;
  }
  const listed = await ctx.driver.listVolumeSnapshots({ volume: v });
  expect(listed.map((s) => s.id)).toContain(snap.id);
  expect((await ctx.driver.listVolumeSnapshots()).map((s) => s.id)).toContain(snap.id);
  await pollUntil(
    `snapshot ${snap.id} to complete`,
    ctx.timing,
    async () => (await ctx.driver.listVolumeSnapshots({ volume: v })).find((s) => s.id === snap.id),
    (s) => !!s && !/creating|pending/i.test(s.state),
    (s) => s?.state ?? 'gone',
  );
  if (!ctx.driver.supports('destroyVolumeSnapshot')) return;
  expect(await ctx.driver.destroyVolumeSnapshot(snap)).toBe(true);
  await pollUntil(
    `snapshot ${snap.id} to be gone`,
    ctx.timing,
    async () => (await ctx.driver.listVolumeSnapshots()).find((s) => s.id === snap.id),
    (s) => !s || /delet/i.test(s.state),
    (s) => s?.state ?? 'gone',
  );
}
