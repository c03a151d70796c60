import { readFile } from 'node:fs/promises';
import { notSupported, type Capabilities } from '../common/capabilities.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import type { ComputeMethod } from './capabilities.js';
import type { DeployNodeOptions, DeployNodeResult } from './deploy-node.js';
import { deployNodeLazily } from './deploy-node.js';
import type { Node, StorageVolume, VolumeSnapshot } from './node.js';
import type {
  AttachVolumeOptions,
  CreateNodeOptions,
  CreateVolumeOptions,
  CreateVolumeSnapshotOptions,
  ImportKeyPairFromFileOptions,
  ImportKeyPairOptions,
  ListNodesOptions,
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

/**
 * Base class of every compute driver. Every portable method throws `NotSupportedError` unless
 * the driver overrides it; `listX` drains `iterateX`; `waitUntilRunning` and `deployNode` work
 * on any driver that can list nodes.
 */
export abstract class NodeDriver {
  /** Provider definition; subclasses override. */
  static readonly provider: ProviderDefinition = { id: 'base', name: 'Base', api: 'none', regions: [] };
  /** Supported portable methods; subclasses override. */
  static readonly capabilities: Capabilities<ComputeMethod> = [];
  /**
   * The `createNode` `ex` key that takes a boot script (Joyent `userScript`, EC2 `userData`), used by
   * `deployNode({ viaBootScript: true })`; undefined when the provider has none.
   */
  static readonly bootScriptExKey: string | undefined = undefined;

  /** Provider id of this instance (may differ from the class default, e.g. a preset). */
  get providerId(): string {
    return (this.constructor as typeof NodeDriver).provider.id;
  }

  /** Whether this driver supports `method`. */
  supports(method: ComputeMethod): boolean {
    return (this.constructor as typeof NodeDriver).capabilities.includes(method);
  }

  /** Throws the standard NotSupportedError for `method`. */
  protected notSupported(method: string, detail?: string): never {
    return notSupported((this.constructor as typeof NodeDriver).provider.name, method, detail);
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
  /** Lists sizes, with prices from pricing data where known. */
  async listSizes(_options?: CallOptions & { location?: Ref<NodeLocation> }): Promise<NodeSize[]> {
    return this.notSupported('listSizes');
  }
  /** Lists images. */
  async listImages(_options?: CallOptions & { location?: Ref<NodeLocation> }): Promise<NodeImage[]> {
    return this.notSupported('listImages');
  }
  /** Gets one image by id. */
  async getImage(_id: string, _options?: CallOptions): Promise<NodeImage> {
    return this.notSupported('getImage');
  }
  /** Lists locations. */
  async listLocations(_options?: CallOptions): Promise<NodeLocation[]> {
    return this.notSupported('listLocations');
  }

  /**
   * Waits until every node is running and has an address on the chosen interface.
   * Throws `TimeoutError` naming the last state seen.
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
  /** Attaches a volume to a node. */
  async attachVolume(_node: Ref<Node>, _volume: Ref<StorageVolume>, _options?: AttachVolumeOptions): Promise<boolean> {
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
  listVolumeSnapshots(options?: CallOptions & { volume?: Ref<StorageVolume> }): Promise<VolumeSnapshot[]> {
    return drain(this.iterateVolumeSnapshots(options));
  }
  /** Iterates snapshots. */
  // eslint-disable-next-line require-yield
  async *iterateVolumeSnapshots(_options?: CallOptions & { volume?: Ref<StorageVolume> }): AsyncIterable<VolumeSnapshot> {
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

  /** Lists key pairs. */
  async listKeyPairs(_options?: CallOptions): Promise<KeyPair[]> {
    return this.notSupported('listKeyPairs');
  }
  /** Gets a key pair by name; `NotFoundError` if absent. */
  async getKeyPair(_name: string, _options?: CallOptions): Promise<KeyPair> {
    return this.notSupported('getKeyPair');
  }
  /** Has the provider generate a key pair; the result carries the private key. */
  async createKeyPair(_name: string, _options?: CallOptions): Promise<KeyPair> {
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
