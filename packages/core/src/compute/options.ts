import type { CallOptions } from '../common/options.js';
import type { Node } from './node.js';
import type { NodeImage, NodeLocation, NodeSize } from './resources.js';
import type { StorageVolume, VolumeSnapshot } from './node.js';

/** A resource or its id. */
export type Ref<T> = T | string;

/** How to log in to a new node. */
export type NodeAuth = { kind: 'ssh-key'; publicKey: string } | { kind: 'password'; password: string };

/** Options of `listNodes` / `iterateNodes`. */
export interface ListNodesOptions<F extends object = Record<string, unknown>> extends CallOptions {
  /** Only these node ids. */
  ids?: readonly string[] | undefined;
  /** Provider-specific filters. */
  ex?: F | undefined;
}

/** Options of `createNode`. */
export interface CreateNodeOptions<X extends object = Record<string, unknown>> extends CallOptions {
  /** Node name; drivers generate one when absent and the provider needs one. */
  name?: string | undefined;
  /** Size (object or id). */
  size: Ref<NodeSize>;
  /** Image (object or id). */
  image: Ref<NodeImage>;
  /** Location (object or id); default location of the driver when absent. */
  location?: Ref<NodeLocation> | undefined;
  /** Login credentials to install. */
  auth?: NodeAuth | undefined;
  /** Provider extensions. */
  ex?: X | undefined;
}

/** Options of `waitUntilRunning`. */
export interface WaitUntilRunningOptions extends CallOptions {
  /**
   * Poll interval; default 3000 ms. A positive value under `MIN_POLL_INTERVAL_MS` (100 ms) is raised
   * to it; 0, negative, NaN and Infinity throw `InvalidArgumentError`.
   */
  pollIntervalMs?: number | undefined;
  /**
   * @deprecated Use {@link WaitUntilRunningOptions.pollIntervalMs} (the name every cloudmux poll
   * interval has). Still honoured when `pollIntervalMs` is absent; passing both with different
   * values throws `InvalidArgumentError`.
   */
  waitPeriodMs?: number | undefined;
  /** Give up after; default 600000 ms (a finite number from 1 to `MAX_DURATION_MS`). */
  timeoutMs?: number | undefined;
  /** Which addresses must be present: `public` (default) or `private`. */
  sshInterface?: 'public' | 'private' | undefined;
  /** Require an address on the interface before a node counts as ready (default true). */
  requireIp?: boolean | undefined;
  /** Called after each poll with the nodes seen. */
  onPoll?: ((nodes: readonly Node[]) => void) | undefined;
}

/** A node that `waitUntilRunning` saw running, with the chosen addresses. */
export interface RunningNode<E extends object = object> {
  /** The node as last seen. */
  node: Node<E>;
  /** Addresses on the chosen interface, IPv4 first. */
  ips: readonly string[];
}

/** Options of `createVolume`. */
export interface CreateVolumeOptions<X extends object = Record<string, unknown>> extends CallOptions {
  /** Size in GiB. */
  sizeGb: number;
  /** Name. */
  name: string;
  /** Location (availability zone). */
  location?: Ref<NodeLocation> | undefined;
  /** Create from this snapshot. */
  snapshot?: Ref<VolumeSnapshot> | undefined;
  /** Provider extensions. */
  ex?: X | undefined;
}

/** Options of `attachVolume(volume, { node })`. */
export interface AttachVolumeOptions extends CallOptions {
  /** The node to attach the volume to (object or id). */
  node: Ref<Node>;
  /** Device name (`/dev/sdh`), when the provider needs one. */
  device?: string | undefined;
}

/** Options of `createVolumeSnapshot`. */
export interface CreateVolumeSnapshotOptions extends CallOptions {
  /** Snapshot name or description. */
  name?: string | undefined;
}

/** Options of `importKeyPairFromString`. */
export interface ImportKeyPairOptions extends CallOptions {
  /** Key name. */
  name: string;
  /** Public key in OpenSSH format. */
  publicKey: string;
}

/** Options of `importKeyPairFromFile`. */
export interface ImportKeyPairFromFileOptions extends CallOptions {
  /** Key name. */
  name: string;
  /** Path of an OpenSSH public key file. */
  path: string;
}

/** Options of `listSizes` / `iterateSizes`. */
export interface ListSizesOptions extends CallOptions {
  /** Only sizes offered in this location (object or id). */
  location?: Ref<NodeLocation> | undefined;
}

/** Options of `listImages` / `iterateImages`. */
export interface ListImagesOptions extends CallOptions {
  /** Only images available in this location (object or id). */
  location?: Ref<NodeLocation> | undefined;
}

/** Options of `listVolumeSnapshots` / `iterateVolumeSnapshots`. */
export interface ListVolumeSnapshotsOptions extends CallOptions {
  /** Only snapshots of this volume (object or id); all when absent. */
  volume?: Ref<StorageVolume> | undefined;
}

/** Options of `createKeyPair`. */
export interface CreateKeyPairOptions extends CallOptions {
  /** Key name. */
  name: string;
}
