import type { NodeState, StorageVolumeState } from '@cloudmux/core/compute';
import type { Timed } from '../common/timed.js';

/** Stored node. */
export interface NodeRecord extends Timed {
  seq: number;
  id: string;
  name: string;
  state: NodeState;
  /** State the running transition leads to. */
  targetState?: NodeState | undefined;
  /** When a terminated node disappears from lists. */
  purgeAt?: number | undefined;
  publicIps: readonly string[];
  privateIps: readonly string[];
  sizeId: string;
  imageId: string;
  locationId: string;
  created: Date;
  tags: Readonly<Record<string, string>>;
  authKeyFingerprint?: string | undefined;
  authMethod: 'ssh-key' | 'password' | 'none';
}

/** Stored volume. */
export interface VolumeRecord extends Timed {
  seq: number;
  id: string;
  name: string;
  sizeGb: number;
  state: StorageVolumeState;
  attachedTo?: string | undefined;
  device?: string | undefined;
  locationId: string;
  snapshotId?: string | undefined;
  created: Date;
}

/** Stored snapshot. */
export interface SnapshotRecord extends Timed {
  seq: number;
  id: string;
  name: string | undefined;
  sizeGb: number;
  sourceId: string;
  state: 'creating' | 'completed';
  created: Date;
}

/** Stored key pair. */
export interface KeyPairRecord {
  name: string;
  publicKey: string;
  type: string;
  bits: number;
  sha256Fingerprint: string;
  md5Fingerprint: string;
  created: Date;
}
