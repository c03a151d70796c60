/**
 * Cinder's state in the simulator: volumes and snapshots per project, their timed transitions, and the
 * attachment bookkeeping Nova's `os-volume_attachments` routes drive.
 *
 * For the compute simulator: {@link VolumeStore.attachmentsOfServer} lists a server's volumes and a deleted
 * server's attachments are dropped on the next Cinder request (the volume goes back to `available`).
 * @module
 */
import type { SimulatorWorld } from '../world.js';
import '../compute/store.js';
import { cinderError } from './errors.js';
import { CINDER_TIMINGS, FAIL_VOLUME_METADATA_KEY, type SimSnapshot, type SimVolume, type SimVolumeAttachment } from './model.js';

declare module '../world.js' {
  interface SimulatorStores {
    /** Cinder records. */
    volume?: VolumeStore;
  }
}

/** Statuses from which Cinder deletes a volume. */
const DELETABLE = new Set(['available', 'error', 'error_restoring', 'error_extending', 'error_managing']);

/** Fields of a new volume. */
export interface NewVolume {
  projectId: string;
  userId: string;
  name: string;
  description: string | null;
  size: number;
  availabilityZone: string;
  volumeType: string;
  snapshotId: string | null;
  sourceVolid: string | null;
  imageId: string | null;
  metadata: Record<string, string>;
}

/** Cinder's records. */
export class VolumeStore {
  /** Volumes by id, oldest first. */
  readonly volumes = new Map<string, SimVolume>();
  /** Snapshots by id, oldest first. */
  readonly snapshots = new Map<string, SimSnapshot>();
  /** Volume types offered. */
  readonly volumeTypes: readonly string[] = ['lvmdriver-1', '__DEFAULT__'];
  /** Availability zones offered. */
  readonly zones: readonly string[] = ['nova', 'az-2'];
  readonly #world: SimulatorWorld;

  constructor(world: SimulatorWorld) {
    this.#world = world;
  }

  /** A volume of `projectId`, or Cinder's 404. */
  volume(projectId: string, id: string): SimVolume {
    this.reconcile();
    const v = this.volumes.get(id);
    if (!v || v.projectId !== projectId) cinderError(404, `Volume ${id} could not be found.`);
    return v;
  }

  /** A snapshot of `projectId`, or Cinder's 404. */
  snapshot(projectId: string, id: string): SimSnapshot {
    const s = this.snapshots.get(id);
    if (!s || s.projectId !== projectId) cinderError(404, `Snapshot ${id} could not be found.`);
    return s;
  }

  /** Volumes of a project, newest first (Cinder's default `created_at:desc`). */
  projectVolumes(projectId: string): SimVolume[] {
    this.reconcile();
    return [...this.volumes.values()].filter((v) => v.projectId === projectId).reverse();
  }

  /** Snapshots of a project, newest first. */
  projectSnapshots(projectId: string): SimSnapshot[] {
    return [...this.snapshots.values()].filter((s) => s.projectId === projectId).reverse();
  }

  /** Creates a volume in `creating`; `available` (or `error` with {@link FAIL_VOLUME_METADATA_KEY}) later. */
  create(init: NewVolume): SimVolume {
    const now = this.#world.now();
    const v: SimVolume = {
      ...init,
      id: this.#world.newId(),
      status: 'creating',
      bootable: init.imageId !== null,
      attachments: [],
      created: now,
      updated: null,
    };
    this.volumes.set(v.id, v);
    this.#later(CINDER_TIMINGS.create, () => {
      if (v.status !== 'creating') return;
      this.#set(v, init.metadata[FAIL_VOLUME_METADATA_KEY] !== undefined ? 'error' : 'available');
    });
    return v;
  }

  /** Adds a volume directly (seeding); no transitions. */
  insert(init: NewVolume & { status?: string | undefined }): SimVolume {
    const v: SimVolume = {
      ...init,
      id: this.#world.newId(),
      status: init.status ?? 'available',
      bootable: init.imageId !== null,
      attachments: [],
      created: this.#world.now(),
      updated: null,
    };
    this.volumes.set(v.id, v);
    return v;
  }

  /** Deletes a volume (`deleting`, then gone), with Cinder's checks (status, attachments, snapshots). */
  remove(v: SimVolume): void {
    const snaps = [...this.snapshots.values()].filter((s) => s.volumeId === v.id).length;
    if (!DELETABLE.has(v.status) || v.attachments.length > 0 || snaps > 0) {
      cinderError(
        400,
        'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.',
      );
    }
    this.#set(v, 'deleting');
    this.#later(CINDER_TIMINGS.delete, () => this.volumes.delete(v.id));
  }

  /** Snapshots a volume (`creating` → `available`); an attached volume needs `force`. */
  createSnapshot(
    v: SimVolume,
    init: { name: string | null; description: string | null; force: boolean; metadata: Record<string, string> },
  ): SimSnapshot {
    const ok = v.status === 'available' || (init.force && v.status === 'in-use');
    if (!ok) cinderError(400, `Invalid volume: Volume ${v.id} status must be available, but current status is: ${v.status}.`);
    const s: SimSnapshot = {
      id: this.#world.newId(),
      projectId: v.projectId,
      volumeId: v.id,
      name: init.name,
      description: init.description,
      size: v.size,
      status: 'creating',
      metadata: init.metadata,
      created: this.#world.now(),
      updated: null,
    };
    this.snapshots.set(s.id, s);
    this.#later(CINDER_TIMINGS.snapshot, () => {
      if (s.status === 'creating') this.#set(s, 'available');
    });
    return s;
  }

  /** Deletes a snapshot (`deleting`, then gone); only `available` or `error` ones. */
  removeSnapshot(s: SimSnapshot): void {
    if (s.status !== 'available' && s.status !== 'error')
      cinderError(400, `Invalid snapshot: Volume Snapshot status must be available or error, but current status is: ${s.status}.`);
    this.#set(s, 'deleting');
    this.#later(CINDER_TIMINGS.snapshotDelete, () => this.snapshots.delete(s.id));
  }

  /**
   * Starts attaching (what Nova does on `POST os-volume_attachments`): the volume must be `available` (or a
   * multiattach one); `reserved` → `attaching` → `in-use`. Returns the attachment.
   */
  attach(v: SimVolume, serverId: string, device: string): SimVolumeAttachment {
    if (v.status !== 'available') cinderError(400, `Invalid volume: volume ${v.id} status must be 'available'. Currently in '${v.status}'`);
    const a: SimVolumeAttachment = { id: this.#world.newId(), serverId, device, attachedAt: this.#world.now() };
    v.attachments.push(a);
    this.#set(v, 'reserved');
    this.#later(CINDER_TIMINGS.reserve, () => {
      if (v.status === 'reserved') this.#set(v, 'attaching');
    });
    this.#later(CINDER_TIMINGS.reserve + CINDER_TIMINGS.attach, () => {
      if (v.status === 'attaching' || v.status === 'reserved') this.#set(v, 'in-use');
    });
    return a;
  }

  /** Starts detaching from `serverId`: `detaching` → `available` (the attachment goes when it completes). */
  detach(v: SimVolume, serverId: string): void {
    const a = v.attachments.find((x) => x.serverId === serverId);
    if (!a) cinderError(404, `Volume ${v.id} is not attached to server ${serverId}.`);
    if (v.status !== 'in-use')
      cinderError(
        400,
        `Invalid volume: Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.`,
      );
    this.#set(v, 'detaching');
    this.#later(CINDER_TIMINGS.detach, () => {
      v.attachments = v.attachments.filter((x) => x !== a);
      if (v.status === 'detaching') this.#set(v, v.attachments.length > 0 ? 'in-use' : 'available');
    });
  }

  /** The volumes attached to (or attaching to) a server, with the device: for Nova's server views. */
  attachmentsOfServer(serverId: string): { volume: SimVolume; attachment: SimVolumeAttachment }[] {
    this.reconcile();
    const out: { volume: SimVolume; attachment: SimVolumeAttachment }[] = [];
    for (const v of this.volumes.values())
      for (const a of v.attachments) if (a.serverId === serverId) out.push({ volume: v, attachment: a });
    return out;
  }

  /** Drops attachments to servers the compute simulator no longer has (a deleted server frees its volumes). */
  reconcile(): void {
    const servers = this.#world.stores.compute?.servers;
    if (!servers) return;
    for (const v of this.volumes.values()) {
      if (v.attachments.length === 0) continue;
      const kept = v.attachments.filter((a) => servers.has(a.serverId));
      if (kept.length === v.attachments.length) continue;
      v.attachments = kept;
      if (kept.length === 0 && ['in-use', 'attaching', 'reserved', 'detaching'].includes(v.status)) this.#set(v, 'available');
    }
  }

  #set(r: SimVolume | SimSnapshot, status: string): void {
    r.status = status;
    r.updated = this.#world.now();
  }

  #later(ms: number, fn: () => void): void {
    this.#world.schedule(ms, fn);
  }
}

/** The world's volume store, created on first use. */
export function volumeStore(world: SimulatorWorld): VolumeStore {
  let store = world.stores.volume;
  if (!store) {
    store = new VolumeStore(world);
    world.stores.volume = store;
  }
  return store;
}
