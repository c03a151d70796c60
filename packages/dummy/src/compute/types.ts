import type { NodeState } from '@cloudmux/core/compute';

/** `extra` of Dummy nodes. */
export interface DummyNodeExtra {
  /** Tags given at creation (`ex.tags`). */
  tags: Readonly<Record<string, string>>;
  /** How the node was told to let users in (the password itself is never kept). */
  authMethod: 'ssh-key' | 'password' | 'none';
  /** SHA256 fingerprint of the installed SSH key, with `auth: { kind: 'ssh-key' }`. */
  authKeyFingerprint?: string | undefined;
  /** The state the node is moving to, while a transition is under way. */
  targetState?: NodeState | undefined;
}

/** `extra` of Dummy sizes. */
export interface DummySizeExtra {
  /** Locations offering the size (all of them). */
  locations: readonly string[];
}

/** `extra` of Dummy images. */
export interface DummyImageExtra {
  /** Operating system family. */
  os: 'linux' | 'smartos' | 'bsd';
  /** OS version. */
  version: string;
  /** Locations offering the image. */
  locations: readonly string[];
}

/** `extra` of Dummy locations. */
export interface DummyLocationExtra {
  /** Pseudo endpoint (`memory://dummy/<id>`). */
  endpoint: string;
}

/** `extra` of Dummy volumes. */
export interface DummyVolumeExtra {
  /** Location (availability zone) of the volume. */
  locationId: string;
  /** Device name while attached. */
  device?: string | undefined;
  /** Snapshot the volume was created from. */
  snapshotId?: string | undefined;
  /** Creation time. */
  created: Date;
}

/** `extra` of Dummy key pairs. */
export interface DummyKeyPairExtra {
  /** Key type (`ssh-ed25519`...). */
  type: string;
  /** Key size in bits. */
  bits: number;
  /** MD5 fingerprint (colon-separated hex). */
  md5Fingerprint: string;
  /** When the key was added. */
  created: Date;
}

/** Provider extensions of `createNode` on the Dummy driver (`createNode({ ..., ex })`). */
export interface DummyCreateNodeEx {
  /** Tags (string → string) stored on the node. */
  tags?: Readonly<Record<string, string>> | undefined;
}

/** @deprecated Renamed {@link DummyCreateNodeEx} (provider `ex` option types end in `Ex`). */
export type DummyCreateNodeExtras = DummyCreateNodeEx;

/** Provider filters of `listNodes` / `iterateNodes` on the Dummy driver (`listNodes({ ex })`). */
export interface DummyListNodesEx {
  /** Only nodes in this state. */
  state?: NodeState | undefined;
  /** Only nodes with this exact name. */
  name?: string | undefined;
}

/** @deprecated Renamed {@link DummyListNodesEx} (provider `ex` option types end in `Ex`). */
export type DummyListNodesFilters = DummyListNodesEx;
