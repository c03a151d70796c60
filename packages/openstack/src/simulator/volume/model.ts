/**
 * Cinder's records in the simulator and how long its transitions take (simulated ms, divided by `speed`).
 * @module
 */

/** Simulated durations of Cinder's transitions (ms before `speed` scaling). */
export const CINDER_TIMINGS = Object.freeze({
  /** `creating` → `available`. */
  create: 2000,
  /** `deleting` → gone. */
  delete: 1500,
  /** `reserved` → `attaching`. */
  reserve: 300,
  /** `attaching` → `in-use`. */
  attach: 1000,
  /** `detaching` → `available`. */
  detach: 1000,
  /** Snapshot `creating` → `available`. */
  snapshot: 1500,
  /** Snapshot `deleting` → gone. */
  snapshotDelete: 1000,
});

/** Metadata key that makes a new volume fail its build (`creating` → `error`). */
export const FAIL_VOLUME_METADATA_KEY = 'sim:fail-create';

/** An attachment of a volume to a server. */
export interface SimVolumeAttachment {
  /** Cinder attachment id. */
  id: string;
  serverId: string;
  device: string;
  attachedAt: number;
}

/** A simulated Cinder volume. */
export interface SimVolume {
  id: string;
  projectId: string;
  userId: string;
  name: string;
  description: string | null;
  size: number;
  status: string;
  availabilityZone: string;
  volumeType: string;
  bootable: boolean;
  snapshotId: string | null;
  sourceVolid: string | null;
  imageId: string | null;
  metadata: Record<string, string>;
  attachments: SimVolumeAttachment[];
  created: number;
  updated: number | null;
}

/** A simulated Cinder snapshot. */
export interface SimSnapshot {
  id: string;
  projectId: string;
  volumeId: string;
  name: string | null;
  description: string | null;
  size: number;
  status: string;
  metadata: Record<string, string>;
  created: number;
  updated: number | null;
}
