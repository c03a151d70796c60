import type { CallOptions } from '../common/options.js';
import type { NodeDriver } from './base-driver.js';
import type { NodeState } from './node-state.js';
import { attachDriver } from './resources.js';
import { sameResource } from '../common/same-resource.js';

const NO_STRINGS: readonly string[] = Object.freeze([]);

/**
 * A frozen list with the same items: a list that is already frozen is shared as it is (nobody
 * can change it), anything else is copied first so the caller's array stays theirs.
 */
function frozenList(list: readonly string[] | undefined): readonly string[] {
  if (list === undefined || list.length === 0) return NO_STRINGS;
  return Object.isFrozen(list) ? list : Object.freeze(list.slice());
}

/** Fields of a {@link Node}. */
export interface NodeInit<E extends object = object> {
  id: string;
  name: string;
  state: NodeState;
  publicIps?: readonly string[];
  privateIps?: readonly string[];
  /** Size id, when the provider reports it. */
  sizeId?: string | undefined;
  /** Image id, when the provider reports it. */
  imageId?: string | undefined;
  /** Location id, when the provider reports it. */
  locationId?: string | undefined;
  created?: Date | undefined;
  /**
   * Login password the provider generated for the new node (OpenStack `adminPass`; Libcloud's
   * `node.extra['password']`). Kept non-enumerable: logging, inspecting or serializing the node never shows it.
   */
  password?: string | undefined;
  extra?: E;
}

/** A virtual machine. `node.reboot()` and friends call back into the driver that made it. */
export class Node<E extends object = object> {
  /** Provider id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Portable state. */
  readonly state: NodeState;
  /** Public addresses (IPv4 first). */
  readonly publicIps: readonly string[];
  /** Private addresses (IPv4 first). */
  readonly privateIps: readonly string[];
  /** Size id, if known. */
  readonly sizeId: string | undefined;
  /** Image id, if known. */
  readonly imageId: string | undefined;
  /** Location id, if known. */
  readonly locationId: string | undefined;
  /** Creation time, if known. */
  readonly created: Date | undefined;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver that produced this node (non-enumerable). */
  declare readonly driver: NodeDriver;
  /**
   * Login password the provider generated at creation, when it did (only on the node `createNode`
   * returned); non-enumerable, so `console.log`, `util.inspect` and `JSON.stringify` leave it out.
   * `deployNode` logs in with it when no other credentials are given.
   */
  declare readonly password: string | undefined;

  constructor(init: NodeInit<E>, driver: NodeDriver) {
    this.id = init.id;
    this.name = init.name;
    this.state = init.state;
    this.publicIps = frozenList(init.publicIps);
    this.privateIps = frozenList(init.privateIps);
    this.sizeId = init.sizeId;
    this.imageId = init.imageId;
    this.locationId = init.locationId;
    this.created = init.created;
    this.extra = init.extra ?? ({} as E);
    attachDriver(this, driver);
    // Only nodes that carry one get the property (listing thousands of nodes defines nothing extra).
    if (init.password !== undefined) Object.defineProperty(this, 'password', { value: init.password, enumerable: false });
  }

  /** Whether `other` is the same node: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(
      this,
      other,
      (r) => r.id,
      (r) => r.locationId,
    );
  }

  /** Reboots this node. */
  reboot(options?: CallOptions): Promise<boolean> {
    return this.driver.rebootNode(this, options);
  }
  /** Destroys this node. */
  destroy(options?: CallOptions): Promise<boolean> {
    return this.driver.destroyNode(this, options);
  }
  /** Starts this node. */
  start(options?: CallOptions): Promise<boolean> {
    return this.driver.startNode(this, options);
  }
  /** Stops this node. */
  stop(options?: CallOptions): Promise<boolean> {
    return this.driver.stopNode(this, options);
  }
  /** Fetches this node again. */
  refresh(options?: CallOptions): Promise<Node<E>> {
    return this.driver.getNode(this.id, options) as Promise<Node<E>>;
  }
}

/** Fields of a {@link StorageVolume}. */
export interface StorageVolumeInit<E extends object = object> {
  id: string;
  name: string;
  /** Size in GiB. */
  sizeGb: number;
  state: StorageVolumeState;
  /** Node id it is attached to, if any. */
  attachedTo?: string | undefined;
  extra?: E;
}

/** Portable block-volume states. */
export const StorageVolumeState = {
  AVAILABLE: 'available',
  CREATING: 'creating',
  ATTACHING: 'attaching',
  INUSE: 'inuse',
  DETACHING: 'detaching',
  DELETING: 'deleting',
  ERROR: 'error',
  UNKNOWN: 'unknown',
} as const;
/** One of the {@link StorageVolumeState} values. */
export type StorageVolumeState = (typeof StorageVolumeState)[keyof typeof StorageVolumeState];

/** A block storage volume (EBS volume, Cinder volume). */
export class StorageVolume<E extends object = object> {
  /** Provider id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Size in GiB. */
  readonly sizeGb: number;
  /** State. */
  readonly state: StorageVolumeState;
  /** Node id it is attached to. */
  readonly attachedTo: string | undefined;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: NodeDriver;
  constructor(init: StorageVolumeInit<E>, driver: NodeDriver) {
    this.id = init.id;
    this.name = init.name;
    this.sizeGb = init.sizeGb;
    this.state = init.state;
    this.attachedTo = init.attachedTo;
    this.extra = init.extra ?? ({} as E);
    attachDriver(this, driver);
  }

  /** Whether `other` is the same volume: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.id);
  }
}

/** Fields of a {@link VolumeSnapshot}. */
export interface VolumeSnapshotInit<E extends object = object> {
  id: string;
  name?: string | undefined;
  /** Size in GiB, if known. */
  sizeGb?: number | undefined;
  /** Id of the volume (or machine) it was taken from. */
  sourceId?: string | undefined;
  state: string;
  created?: Date | undefined;
  extra?: E;
}

/** A snapshot of a volume (or, for Joyent, of a machine). */
export class VolumeSnapshot<E extends object = object> {
  /** Provider id. */
  readonly id: string;
  /** Name, if any. */
  readonly name: string | undefined;
  /** Size in GiB, if known. */
  readonly sizeGb: number | undefined;
  /** Source volume or machine id. */
  readonly sourceId: string | undefined;
  /** Provider state (`created`, `completed`...). */
  readonly state: string;
  /** Creation time. */
  readonly created: Date | undefined;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: NodeDriver;
  constructor(init: VolumeSnapshotInit<E>, driver: NodeDriver) {
    this.id = init.id;
    this.name = init.name;
    this.sizeGb = init.sizeGb;
    this.sourceId = init.sourceId;
    this.state = init.state;
    this.created = init.created;
    this.extra = init.extra ?? ({} as E);
    attachDriver(this, driver);
  }

  /** Whether `other` is the same snapshot: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.id);
  }
}
