/**
 * Glance's records in the simulator: images with their status, visibility, tags and custom properties.
 * Shared with Nova (server `createImage` adds one; server create checks `imageRef`).
 * @module
 */
import type { SimulatorWorld } from '../world.js';

/** A simulated Glance image. */
export interface SimImage {
  id: string;
  name: string | null;
  status: 'queued' | 'saving' | 'active' | 'killed' | 'deleted' | 'pending_delete' | 'deactivated' | 'uploading' | 'importing';
  visibility: 'public' | 'private' | 'shared' | 'community';
  owner: string | null;
  tags: string[];
  containerFormat: string | null;
  diskFormat: string | null;
  minDisk: number;
  minRam: number;
  size: number | null;
  protected: boolean;
  createdAt: number;
  updatedAt: number;
  /** Custom properties (`os_distro`, `image_type`, …). */
  properties: Record<string, string>;
}

declare module '../world.js' {
  interface SimulatorStores {
    /** Glance images. */
    image?: ImageStore;
  }
}

/** The image records (insertion-ordered, newest last). */
export class ImageStore {
  readonly images = new Map<string, SimImage>();
  readonly #world: SimulatorWorld;

  constructor(world: SimulatorWorld) {
    this.#world = world;
  }

  /** Adds an image; unset fields get Glance's defaults for an uploaded image. */
  add(init: Partial<SimImage> & { name: string }): SimImage {
    const now = this.#world.now();
    const image: SimImage = {
      id: init.id ?? this.#world.newId(),
      name: init.name,
      status: init.status ?? 'active',
      visibility: init.visibility ?? 'public',
      owner: init.owner ?? null,
      tags: init.tags ?? [],
      containerFormat: init.containerFormat ?? 'bare',
      diskFormat: init.diskFormat ?? 'qcow2',
      minDisk: init.minDisk ?? 0,
      minRam: init.minRam ?? 0,
      size: init.size ?? 16_338_944,
      protected: init.protected ?? false,
      createdAt: init.createdAt ?? now,
      updatedAt: init.updatedAt ?? now,
      properties: init.properties ?? {},
    };
    this.images.set(image.id, image);
    return image;
  }

  /** A usable (not deleted) image. */
  get(id: string): SimImage | undefined {
    const image = this.images.get(id);
    return image && image.status !== 'deleted' ? image : undefined;
  }
}

/** The world's image store, created (with a seed image) on first use. */
export function imageStore(world: SimulatorWorld): ImageStore {
  let store = world.stores.image;
  if (!store) {
    store = new ImageStore(world);
    store.add({
      id: '7e1b8d2a-5c43-4b8f-9c3e-2a1f0e6d9b01',
      name: 'cirros-0.6.2-x86_64-disk',
      tags: ['cirros'],
      properties: { os_distro: 'cirros', hw_rng_model: 'virtio' },
    });
    store.add({
      id: '3f9a6c55-1d2e-4a7b-8e0f-6b4c2d9a8e02',
      name: 'ubuntu-22.04-server',
      minDisk: 3,
      size: 687_865_856,
      tags: ['ubuntu', 'lts'],
      properties: { os_distro: 'ubuntu', os_version: '22.04' },
    });
    world.stores.image = store;
  }
  return store;
}
