import { InvalidArgumentError, mapSettled, type CallOptions } from '@cloudmux/core';
import { StorageVolume, StorageVolumeState, type AttachVolumeOptions, type CreateVolumeOptions } from '@cloudmux/core/compute';
import type { Ref } from '@cloudmux/core/compute';
import type { ResolvedLocation } from '../config/user-config.js';
import type { StratusLabContext } from './context.js';
import { formatId, parseId } from './ids.js';
import { vmInfo } from './nodes.js';
import type { WireDisk } from './wire.js';

const P = 'stratuslab';

/** StratusLab data of a {@link StorageVolume}: the PDisk record. */
export interface StratusLabVolumeExtra {
  /** Location (cloud) id. */
  readonly location: string;
  /** PDisk UUID. */
  readonly uuid: string;
  /** Owner. */
  readonly owner: string | undefined;
  /** Number of VMs the disk is mounted on. */
  readonly mounts: number;
  /** Marketplace identifier of the disk's content, if any. */
  readonly identifier: string | undefined;
  /** Whether PDisk holds it in quarantine (being deleted). */
  readonly quarantine: boolean;
}

function toVolume(
  ctx: StratusLabContext,
  location: string,
  disk: WireDisk,
  vmId: string | undefined,
): StorageVolume<StratusLabVolumeExtra> {
  const mounts = Number(disk.count ?? '0') || 0;
  const quarantine = disk.quarantine !== undefined && disk.quarantine !== '' && disk.quarantine !== 'false';
  return new StorageVolume<StratusLabVolumeExtra>(
    {
      id: formatId(location, disk.uuid),
      name: disk.tag ?? '',
      sizeGb: Number(disk.size ?? '0') || 0,
      state: quarantine ? StorageVolumeState.DELETING : mounts > 0 ? StorageVolumeState.INUSE : StorageVolumeState.AVAILABLE,
      attachedTo: vmId !== undefined ? formatId(location, vmId) : undefined,
      extra: { location, uuid: disk.uuid, owner: disk.owner, mounts, identifier: disk.identifier || undefined, quarantine },
    },
    ctx.driver,
  );
}

async function locationVolumes(
  ctx: StratusLabContext,
  location: ResolvedLocation,
  signal?: AbortSignal,
): Promise<StorageVolume<StratusLabVolumeExtra>[]> {
  const pdisk = ctx.pdisk(location);
  const disks = await pdisk.listDisks(signal);
  const results = await mapSettled(disks, 4, async (d) => {
    const mounted = (Number(d.count ?? '0') || 0) > 0 ? await pdisk.listMounts(d.uuid, signal) : [];
    return toVolume(ctx, location.id, d, mounted[0]?.vmId);
  });
  return results.map((r) => {
    if (!r.ok) throw r.error;
    return r.value;
  });
}

/** Lists the PDisk volumes of every location (own disks and public ones); in-use disks name their VM. */
export async function listVolumes(ctx: StratusLabContext, options: CallOptions = {}): Promise<StorageVolume<StratusLabVolumeExtra>[]> {
  const settled = await mapSettled(ctx.config.locations, 4, (l) => locationVolumes(ctx, l, options.signal));
  return settled.flatMap((r) => {
    if (!r.ok) throw r.error;
    return r.value;
  });
}

/** Creates a private PDisk volume of `sizeGb` GiB (1–1024) tagged with `name`. */
export async function createVolume(ctx: StratusLabContext, options: CreateVolumeOptions): Promise<StorageVolume<StratusLabVolumeExtra>> {
  const method = 'createVolume';
  if (options.ex !== undefined && Object.keys(options.ex).length > 0) {
    throw new InvalidArgumentError(
      `${method} ex: unknown option ${JSON.stringify(Object.keys(options.ex)[0])}. Valid options: (none: ${method} takes no ex options)`,
      { provider: P },
    );
  }
  if (options.snapshot !== undefined)
    throw new InvalidArgumentError(`${method}: StratusLab PDisk has no snapshots to create a volume from`, { provider: P });
  const { sizeGb, name } = options;
  if (!Number.isInteger(sizeGb) || sizeGb < 1 || sizeGb > 1024) {
    throw new InvalidArgumentError(`${method}: sizeGb must be an integer from 1 to 1024 (PDisk's limit), got ${String(sizeGb)}`, {
      provider: P,
    });
  }
  // eslint-disable-next-line no-control-regex
  if (typeof name !== 'string' || name.trim() === '' || /[\u0000-\u001f]/.test(name)) {
    throw new InvalidArgumentError(`${method}: name must be a non-empty string without control characters, got ${JSON.stringify(name)}`, {
      provider: P,
    });
  }
  const location = ctx.location(options.location, method);
  const uuid = await ctx.pdisk(location).createDisk(sizeGb, name, options.signal);
  return toVolume(ctx, location.id, { uuid, tag: name, size: String(sizeGb), count: '0' }, undefined);
}

/**
 * Attaches (hot-plugs) a volume: reads the VM's hypervisor host with `one.vm.info`, then
 * `POST /disks/<uuid>/mounts/` with `node` and `vm_id`. The node must be deployed (it has no host
 * while pending) and in the volume's location.
 */
export async function attachVolume(ctx: StratusLabContext, volume: Ref<StorageVolume>, options: AttachVolumeOptions): Promise<boolean> {
  const method = 'attachVolume';
  const vol = parseId(volume, 'volume', method, ctx.locationIds, 'volume');
  const node = parseId(options?.node, 'node', method, ctx.locationIds, 'node');
  if (vol.location !== node.location) {
    throw new InvalidArgumentError(
      `${method}: volume is in location ${vol.location} but the node in ${node.location}; both must be in one cloud`,
      { provider: P },
    );
  }
  const location = ctx.location(vol.location, method);
  const vm = await vmInfo(ctx, location, Number(node.local), options.signal);
  if (!vm.hostname) {
    throw new InvalidArgumentError(
      `${method}: node ${formatId(location.id, node.local)} is not deployed on a host yet (still pending); attach once it runs`,
      { provider: P },
    );
  }
  await ctx.pdisk(location).mount(vol.local, vm.hostname, node.local, options.signal);
  return true;
}

/** Detaches a volume from every VM it is mounted on; a volume mounted nowhere is an `InvalidArgumentError`. */
export async function detachVolume(ctx: StratusLabContext, volume: Ref<StorageVolume>, options: CallOptions = {}): Promise<boolean> {
  const method = 'detachVolume';
  const vol = parseId(volume, 'volume', method, ctx.locationIds, 'volume');
  const pdisk = ctx.pdisk(ctx.location(vol.location, method));
  const mounts = await pdisk.listMounts(vol.local, options.signal);
  if (mounts.length === 0)
    throw new InvalidArgumentError(`${method}: volume ${vol.location}:${vol.local} is not attached to any node`, { provider: P });
  for (const m of mounts) await pdisk.unmount(vol.local, m.vmId, options.signal);
  return true;
}

/** Destroys a volume (`DELETE /disks/<uuid>/`); PDisk refuses a disk that is in use. */
export async function destroyVolume(ctx: StratusLabContext, volume: Ref<StorageVolume>, options: CallOptions = {}): Promise<boolean> {
  const vol = parseId(volume, 'volume', 'destroyVolume', ctx.locationIds, 'volume');
  await ctx.pdisk(ctx.location(vol.location, 'destroyVolume')).deleteDisk(vol.local, options.signal);
  return true;
}
