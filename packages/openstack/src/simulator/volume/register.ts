/**
 * Cinder v3 (`/volume`, `/volume/v3/{project_id}`) and Nova's `os-volume_attachments` for the OpenStack
 * simulator.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { registerVolumeAttachmentRoutes } from './routes-attachments.js';
import { registerCinderRoutes } from './routes-cinder.js';
import { volumeStore } from './store.js';

/** Registers the Cinder routes and Nova's volume-attachment routes; creates `world.stores.volume`. */
export function registerVolumeRoutes(router: Router, world: SimulatorWorld): void {
  volumeStore(world);
  registerCinderRoutes(router, world);
  registerVolumeAttachmentRoutes(router, world);
}

export { VolumeStore, volumeStore, type NewVolume } from './store.js';
export { CINDER_TIMINGS, FAIL_VOLUME_METADATA_KEY, type SimVolume, type SimSnapshot, type SimVolumeAttachment } from './model.js';
