import { readFile } from 'node:fs/promises';
import type { Capabilities } from '../common/capabilities.js';
import { DriverBase, portableApi } from '../common/driver-base.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import { COMPUTE_METHODS, type ComputeMethod } from './capabilities.js';
import type { DeployNodeOptions, DeployNodeResult } from './deploy-node.js';
import { deployNodeLazily } from './deploy-node.js';
import type { Node, StorageVolume, VolumeSnapshot } from './node.js';
import type {
  AttachVolumeOptions,
  CreateNodeOptions,
  CreateVolumeOptions,
  CreateKeyPairOptions,
  CreateVolumeSnapshotOptions,
  ImportKeyPairFromFileOptions,
  ImportKeyPairOptions,
  ListImagesOptions,
  ListNodesOptions,
  ListSizesOptions,
  ListVolumeSnapshotsOptions,
  Ref,
  RunningNode,
  WaitUntilRunningOptions,
} from './options.js';
import type { KeyPair, NodeImage, NodeLocation, NodeSize } from './resources.js';
import { waitUntilRunning } from './wait-until-running.js';

/** Static side of every compute driver class (what `getDriver` returns). */
export interface NodeDriverClass {
  /** Constructs a driver: `new Driver(key, secret, options)`. */
  new (key: string, secret?: string, options?: object): NodeDriver;
  /** The provider this class serves by default. */
  readonly provider: ProviderDefinition;
  /** Portable methods this class supports. */
  readonly capabilities: Capabilities<ComputeMethod>;
}

/** Returns the id of a resource or id. */
export function refId(ref: Ref<{ id: string }>): string {
  return typeof ref === 'string' ? ref : ref.id;
}

/** The portable compute methods, for the capability guard of {@link DriverBase}. */
const COMPUTE_API = portableApi({ methods: COMPUTE_METHODS });

/**
 * Base class of every compute driver. Every portable method throws `NotSupportedError` unless
 * the driver overrides it; `listX` drains `iterateX`; `waitUntilRunning` and `deployNode` work
 * on any driver that can list nodes.
 */
export abstract class NodeDriver extends DriverBase<ComputeMethod> {
  /** Supported portable methods; subclasses override. */
  static override readonly capabilities: Capabilities<ComputeMethod> = [];
  /**
   * The `createNode` `ex` key that takes a boot script (Joyent `userScript`, EC2 `userData`), used by
   * `deployNode({ viaBootScript: true })`; undefined when the provider has none.
   */
  static readonly bootScriptExKey: string | undefined = undefined;

  /** Subclasses call `super()`; the capability guard of {@link DriverBase} runs here. */
  constructor() {
    super(COMPUTE_API);
  }

  /** Lists every node, following all pages. */
  listNodes(options?: ListNodesOptions): Promise<Node[]> {
    return drain(this.iterateNodes(options));
  }
  /** Iterates nodes lazily, page by page. */
  // eslint-disable-next-line require-yield
  async *iterateNodes(_options?: ListNodesOptions): AsyncIterable<Node> {
    this.notSupported('listNodes');
  }
  /** Gets one node by id; `NotFoundError` if it does not exist. */
  async getNode(_id: string, _options?: CallOptions): Promise<Node> {
    return this.notSupported('getNode');
  }
  /** Creates a node. */
  async createNode(_options: CreateNodeOptions): Promise<Node> {
    return this.notSupported('createNode');
  }
  /** Reboots a node. */
  async rebootNode(_node: Ref<Node>, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('rebootNode');
  }
  /** Destroys a node. */
  async destroyNode(_node: Ref<Node>, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('destroyNode');
  }
  /** Starts a stopped node. */
  async startNode(_node: Ref<Node>, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('startNode');
  }
  /** Stops a running node. */
  async stopNode(_node: Ref<Node>, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('stopNode');
  }
  /** Lists sizes, with prices from pricing data where known (drains `iterateSizes`). */
  listSizes(options?: ListSizesOptions): Promise<NodeSize[]> {
    return drain(this.iterateSizes(options));
  }
  /**
   * Iterates sizes. Drivers override this (or, for a provider without pagination, `listSizes`
   * alone: then this yields what `listSizes` returns).
   */
  async *iterateSizes(options?: ListSizesOptions): AsyncIterable<NodeSize> {
    if (this.listSizes === NodeDriver.prototype.listSizes) this.notSupported('listSizes');
    yield* await this.listSizes(options);
  }
  /** Lists images (drains `iterateImages`). */
  listImages(options?: ListImagesOptions): Promise<NodeImage[]> {
    return drain(this.iterateImages(options));
  }
  /** Iterates images; a driver that overrides only `listImages` gets its result here. */
  async *iterateImages(options?: ListImagesOptions): AsyncIterable<NodeImage> {
    if (this.listImages === NodeDriver.prototype.listImages) this.notSupported('listImages');
    yield* await this.listImages(options);
  }
  /** Gets one image by id. */
  async getImage(_id: string, _options?: CallOptions): Promise<NodeImage> {
    return this.notSupported('getImage');
  }
  /** Lists locations (drains `iterateLocations`). */
  listLocations(options?: CallOptions): Promise<NodeLocation[]> {
    return drain(this.iterateLocations(options));
  }
  /** Iterates locations; a driver that overrides only `listLocations` gets its result here. */
  async *iterateLocations(options?: CallOptions): AsyncIterable<NodeLocation> {
    if (this.listLocations === NodeDriver.prototype.listLocations) this.notSupported('listLocations');
    yield* await this.listLocations(options);
  }

  /**
   * Waits until every node is running and has an address on the chosen interface, polling every
   * `pollIntervalMs` (default 3000, at least 100 ms). Node ids and durations are checked before the
   * first request (`InvalidArgumentError`). Throws `TimeoutError` naming the last state seen.
   */
  waitUntilRunning(nodes: readonly Ref<Node>[], options?: WaitUntilRunningOptions): Promise<RunningNode[]> {
    if (!this.supports('listNodes') && !this.supports('getNode')) this.notSupported('waitUntilRunning');
    return waitUntilRunning(this, nodes, options);
  }

  /**
   * Creates a node, waits for it and for SSH, and runs a deployment on it. Needs the
   * `@cloudmux/deploy` package, loaded on first use.
   */
  deployNode(options: DeployNodeOptions): Promise<DeployNodeResult> {
    if (!this.supports('createNode')) this.notSupported('deployNode');
    return deployNodeLazily(this, options);
  }

  /** Lists block volumes. */
  listVolumes(options?: CallOptions): Promise<StorageVolume[]> {
    return drain(this.iterateVolumes(options));
  }
  /** Iterates block volumes. */
  // eslint-disable-next-line require-yield
  async *iterateVolumes(_options?: CallOptions): AsyncIterable<StorageVolume> {
    this.notSupported('listVolumes');
  }
  /** Creates a block volume. */
  async createVolume(_options: CreateVolumeOptions): Promise<StorageVolume> {
    return this.notSupported('createVolume');
  }
  /** Attaches `volume` to node `options.node`. */
  async attachVolume(_volume: Ref<StorageVolume>, _options: AttachVolumeOptions): Promise<boolean> {
    return this.notSupported('attachVolume');
  }
  /** Detaches a volume. */
  async detachVolume(_volume: Ref<StorageVolume>, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('detachVolume');
  }
  /** Destroys a volume. */
  async destroyVolume(_volume: Ref<StorageVolume>, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('destroyVolume');
  }
  /** Lists snapshots of one volume, or all when `volume` is omitted. */
  listVolumeSnapshots(options?: ListVolumeSnapshotsOptions): Promise<VolumeSnapshot[]> {
    return drain(this.iterateVolumeSnapshots(options));
  }
  /** Iterates snapshots. */
  // eslint-disable-next-line require-yield
  async *iterateVolumeSnapshots(_options?: ListVolumeSnapshotsOptions): AsyncIterable<VolumeSnapshot> {
    this.notSupported('listVolumeSnapshots');
  }
  /** Snapshots a volume. */
  async createVolumeSnapshot(_volume: Ref<StorageVolume>, _options?: CreateVolumeSnapshotOptions): Promise<VolumeSnapshot> {
    return this.notSupported('createVolumeSnapshot');
  }
  /** Destroys a snapshot. */
  async destroyVolumeSnapshot(_snapshot: Ref<VolumeSnapshot>, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('destroyVolumeSnapshot');
  }

  /** Lists key pairs (drains `iterateKeyPairs`). */
  listKeyPairs(options?: CallOptions): Promise<KeyPair[]> {
    return drain(this.iterateKeyPairs(options));
  }
  /** Iterates key pairs; a driver that overrides only `listKeyPairs` gets its result here. */
  async *iterateKeyPairs(options?: CallOptions): AsyncIterable<KeyPair> {
    if (this.listKeyPairs === NodeDriver.prototype.listKeyPairs) this.notSupported('listKeyPairs');
    yield* await this.listKeyPairs(options);
  }
  /** Gets a key pair by name; `NotFoundError` if absent. */
  async getKeyPair(_name: string, _options?: CallOptions): Promise<KeyPair> {
    return this.notSupported('getKeyPair');
  }
  /** Has the provider generate key pair `options.name`; the result carries the private key. */
  async createKeyPair(_options: CreateKeyPairOptions): Promise<KeyPair> {
    return this.notSupported('createKeyPair');
  }
  /** Imports a public key. */
  async importKeyPairFromString(_options: ImportKeyPairOptions): Promise<KeyPair> {
    return this.notSupported('importKeyPairFromString');
  }
  /** Imports a public key from a file (reads it, then `importKeyPairFromString`). */
  async importKeyPairFromFile(options: ImportKeyPairFromFileOptions): Promise<KeyPair> {
    if (!this.supports('importKeyPairFromString')) this.notSupported('importKeyPairFromFile');
    const publicKey = (await readFile(options.path, 'utf8')).trim();
    return this.importKeyPairFromString({ name: options.name, publicKey, signal: options.signal });
  }
  /** Deletes a key pair. */
  async deleteKeyPair(_keyPair: KeyPair | string, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('deleteKeyPair');
  }
}
