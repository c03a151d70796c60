import {
  assertKnownOptions,
  checkExKeys,
  drain,
  requireId,
  requireRefId,
  throwIfAborted,
  type CallOptions,
  type Capabilities,
} from '@cloudmux/core';
import {
  COMPUTE_METHODS,
  NODE_STATES,
  NodeDriver,
  NodeImage,
  NodeLocation,
  NodeSize,
  NodeState,
  type ComputeMethod,
  type CreateKeyPairOptions,
  type CreateNodeOptions,
  type CreateVolumeOptions,
  type CreateVolumeSnapshotOptions,
  type ImportKeyPairFromFileOptions,
  type ImportKeyPairOptions,
  type KeyPair,
  type ListImagesOptions,
  type ListNodesOptions,
  type ListSizesOptions,
  type ListVolumeSnapshotsOptions,
  type Node,
  type Ref,
  type StorageVolume,
  type VolumeSnapshot,
  type AttachVolumeOptions,
} from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { findSizePrice } from '@cloudmux/core/pricing';
import { schedule } from '../common/timed.js';
import { checkLabel, checkObject } from '../common/validate.js';
import { DUMMY_IMAGES, DUMMY_PROVIDER, DUMMY_REGIONS, DUMMY_SIZES, type DummyImageSpec } from './catalog.js';
import { incorrectState, notFound } from './errors.js';
import * as keys from './key-pair-ops.js';
import { readDummyEnv, resolveDummyOptions, type DummyNodeDriverOptions } from './options.js';
import type { NodeRecord } from './records.js';
import { parseOpenSshPublicKey } from './ssh-keys.js';
import { ComputeState } from './state.js';
import { toNode, toVolume } from './to-resources.js';
import type {
  DummyCreateNodeEx,
  DummyImageExtra,
  DummyKeyPairExtra,
  DummyListNodesEx,
  DummyLocationExtra,
  DummyNodeExtra,
  DummySizeExtra,
  DummyVolumeExtra,
} from './types.js';
import * as vols from './volume-ops.js';

/** Every portable compute method: the Dummy driver implements them all. */
export const DUMMY_COMPUTE_CAPABILITIES: Capabilities<ComputeMethod> = Object.freeze([...COMPUTE_METHODS]);

/**
 * An in-memory compute provider with real behaviour: nodes move `pending → running`,
 * `rebooting → running`, `stopping → stopped` and `terminated → gone` over configurable delays;
 * lists paginate; bad input throws `InvalidArgumentError` naming the value and the valid ones;
 * key pairs are real Ed25519 keys. Each instance has its own state.
 *
 * A subclass may narrow `static capabilities`: the methods it leaves out then throw `NotSupportedError`.
 */
export class DummyNodeDriver extends NodeDriver {
  /** The Dummy provider definition. */
  static override readonly provider = DUMMY_PROVIDER;
  /** Supported portable methods (all of them). */
  static override readonly capabilities: Capabilities<ComputeMethod> = DUMMY_COMPUTE_CAPABILITIES;

  /** Default location of new nodes and volumes. */
  readonly region: string;
  readonly #state: ComputeState;

  /**
   * @param key - any string (the Dummy provider has no credentials).
   * @param _secret - ignored.
   * @param options - see {@link DummyNodeDriverOptions}.
   */
  constructor(key: string, _secret?: string, options?: DummyNodeDriverOptions) {
    super();
    if (typeof key !== 'string') throw new InvalidArgumentError(`DummyNodeDriver: key must be a string, got ${typeof key}`);
    this.#state = new ComputeState(resolveDummyOptions(options));
    this.region = this.#state.options.region;
  }

  /** Builds a driver from `CLOUDMUX_DUMMY_*` variables (see `readDummyEnv`). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): DummyNodeDriver {
    const { key, options } = readDummyEnv(env);
    return new DummyNodeDriver(key, undefined, options);
  }

  /** Pages served by `iterateNodes` so far (pagination is observable in tests). */
  get exPagesFetched(): number {
    return this.#state.pagesFetched;
  }

  /** The node behind `ref` (a node or its id, checked like every driver checks ids); `NotFoundError` when absent. */
  #require(ref: unknown, method: string, argName = 'node'): NodeRecord {
    const id = requireRefId(ref, argName, { method, provider: 'dummy', what: 'node id' });
    const n = this.#state.node(id);
    if (!n) throw notFound('Node', id);
    return n;
  }

  // ---- nodes ----

  /** Iterates nodes in creation order, `pageSize` at a time; `ex` filters by `state` or `name`. */
  override async *iterateNodes(options: ListNodesOptions<DummyListNodesEx> = {}): AsyncIterable<Node<DummyNodeExtra>> {
    throwIfAborted(options.signal);
    assertKnownOptions('listNodes', options, ['ids', 'ex', 'signal']);
    const ex = checkExKeys(options.ex, ['state', 'name'], { method: 'listNodes', provider: this.providerId });
    if (ex?.state !== undefined && !NODE_STATES.includes(ex.state as NodeState)) {
      throw new InvalidArgumentError(`Invalid listNodes ex.state ${JSON.stringify(ex.state)}. Valid values: ${NODE_STATES.join(', ')}`);
    }
    const ids = options.ids === undefined ? undefined : new Set(options.ids);
    const { pageSize } = this.#state.options;
    let after = 0;
    for (;;) {
      await Promise.resolve();
      throwIfAborted(options.signal);
      this.#state.settleNodes();
      const page = [...this.#state.nodes.values()]
        .filter(
          (n) =>
            n.seq > after &&
            (!ids || ids.has(n.id)) &&
            (ex?.state === undefined || n.state === ex.state) &&
            (ex?.name === undefined || n.name === ex.name),
        )
        .sort((a, b) => a.seq - b.seq)
        .slice(0, pageSize);
      this.#state.pagesFetched++;
      for (const n of page) yield toNode(n, this);
      const last = page.at(-1);
      if (page.length < pageSize || !last) return;
      after = last.seq;
    }
  }

  /** Lists every node (all pages). */
  override listNodes(options?: ListNodesOptions<DummyListNodesEx>): Promise<Node<DummyNodeExtra>[]> {
    return drain(this.iterateNodes(options));
  }

  /** Gets a node; `NotFoundError` once it is gone. */
  override async getNode(id: string, options: CallOptions = {}): Promise<Node<DummyNodeExtra>> {
    throwIfAborted(options.signal);
    return toNode(this.#require(id, 'getNode', 'id'), this);
  }

  /** Creates a node: `pending`, then `running` after `bootDelayMs`. */
  override async createNode(options: CreateNodeOptions<DummyCreateNodeEx>): Promise<Node<DummyNodeExtra>> {
    throwIfAborted(options?.signal);
    checkObject('createNode options', options);
    assertKnownOptions('createNode', options, ['name', 'size', 'image', 'location', 'auth', 'ex', 'signal']);
    const ex = checkExKeys(options.ex, ['tags'], { method: 'createNode', provider: this.providerId });
    const state = this.#state;
    const locationId = state.location(options.location);
    const size = state.size(options.size);
    const image = state.image(options.image, locationId);
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(checkObject('createNode ex.tags', ex?.tags) ?? {})) {
      if (typeof v !== 'string')
        throw new InvalidArgumentError(`Invalid tag ${JSON.stringify(k)}: values must be strings, got ${typeof v}`);
      tags[checkLabel('tag name', k, 128)] = v;
    }
    let authMethod: NodeRecord['authMethod'] = 'none';
    let authKeyFingerprint: string | undefined;
    if (options.auth !== undefined) {
      const auth = checkObject('createNode auth', options.auth) ?? {};
      if (auth.kind === 'ssh-key') {
        assertKnownOptions('createNode auth', auth, ['kind', 'publicKey']);
        authKeyFingerprint = parseOpenSshPublicKey(auth.publicKey as string).sha256Fingerprint;
        authMethod = 'ssh-key';
      } else if (auth.kind === 'password') {
        assertKnownOptions('createNode auth', auth, ['kind', 'password']);
        if (typeof auth.password !== 'string' || auth.password.length < 8)
          throw new InvalidArgumentError('Invalid createNode auth.password: expected a string of at least 8 characters');
        authMethod = 'password';
      } else {
        throw new InvalidArgumentError(`Invalid createNode auth.kind ${JSON.stringify(auth.kind)}. Valid values: ssh-key, password`);
      }
    }
    const seq = state.nextSeq();
    const id = `node-${seq}`;
    const name = options.name === undefined ? `dummy-${seq}` : checkLabel('node name', options.name);
    const n: NodeRecord = {
      seq,
      id,
      name,
      state: NodeState.PENDING,
      ...state.allocateIps(),
      sizeId: size.id,
      imageId: image.id,
      locationId,
      created: new Date(),
      tags,
      authMethod,
      authKeyFingerprint,
    };
    state.nodes.set(id, n);
    this.#transition(n, NodeState.PENDING, NodeState.RUNNING, state.options.bootDelayMs);
    return toNode(n, this);
  }

  #transition(n: NodeRecord, now: NodeState, then: NodeState, delayMs: number): void {
    n.state = now;
    n.targetState = then;
    schedule(n, delayMs, () => {
      n.state = then;
      n.targetState = undefined;
    });
  }

  #needs(n: NodeRecord, method: string, allowed: NodeState): void {
    if (n.state !== allowed) throw incorrectState(`Node ${n.id} (${n.name}) is ${n.state}; ${method} needs a ${allowed} node`);
  }

  /** Reboots a running node: `rebooting`, then `running` after `rebootDelayMs`. */
  override async rebootNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    const n = this.#require(node, 'rebootNode');
    this.#needs(n, 'rebootNode', NodeState.RUNNING);
    this.#transition(n, NodeState.REBOOTING, NodeState.RUNNING, this.#state.options.rebootDelayMs);
    return true;
  }

  /** Stops a running node: `stopping`, then `stopped` after `stopDelayMs`. */
  override async stopNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    const n = this.#require(node, 'stopNode');
    this.#needs(n, 'stopNode', NodeState.RUNNING);
    this.#transition(n, NodeState.STOPPING, NodeState.STOPPED, this.#state.options.stopDelayMs);
    return true;
  }

  /** Starts a stopped node: `pending`, then `running` after `bootDelayMs`. */
  override async startNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    const n = this.#require(node, 'startNode');
    this.#needs(n, 'startNode', NodeState.STOPPED);
    this.#transition(n, NodeState.PENDING, NodeState.RUNNING, this.#state.options.bootDelayMs);
    return true;
  }

  /**
   * Destroys a node: it is `terminated` at once (its volumes are detached) and disappears from
   * lists after `destroyDelayMs`. Destroying a terminated node again is a no-op.
   */
  override async destroyNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    const n = this.#require(node, 'destroyNode');
    if (n.state === NodeState.TERMINATED) return true;
    n.next = undefined;
    n.targetState = undefined;
    n.state = NodeState.TERMINATED;
    n.purgeAt = Date.now() + this.#state.options.destroyDelayMs;
    vols.releaseVolumesOf(this.#state, n.id);
    this.#state.settleNode(n);
    return true;
  }

  // ---- catalog ----

  /** Sizes, with hourly prices from `pricing/compute/dummy.json` for the given (or default) location. */
  override async *iterateSizes(options: ListSizesOptions = {}): AsyncIterable<NodeSize<DummySizeExtra>> {
    throwIfAborted(options.signal);
    assertKnownOptions('listSizes', options, ['location', 'signal']);
    const location = this.#state.location(options.location);
    const locations = DUMMY_REGIONS.map((r) => r.id);
    for (const s of DUMMY_SIZES) {
      yield new NodeSize<DummySizeExtra>(
        {
          id: s.id,
          name: s.name,
          ramMb: s.ramMb,
          diskGb: s.diskGb,
          vcpus: s.vcpus,
          bandwidthGb: s.bandwidthGb,
          price: findSizePrice('compute', 'dummy', s.id, location),
          extra: { locations },
        },
        this,
      );
    }
  }

  /** Images; with `location`, only those offered there. */
  override async *iterateImages(options: ListImagesOptions = {}): AsyncIterable<NodeImage<DummyImageExtra>> {
    throwIfAborted(options.signal);
    assertKnownOptions('listImages', options, ['location', 'signal']);
    const location = options.location === undefined ? undefined : this.#state.location(options.location);
    for (const i of DUMMY_IMAGES) if (location === undefined || i.locations.includes(location)) yield this.#toImage(i);
  }

  #toImage(i: DummyImageSpec): NodeImage<DummyImageExtra> {
    return new NodeImage<DummyImageExtra>(
      { id: i.id, name: i.name, extra: { os: i.os, version: i.version, locations: i.locations } },
      this,
    );
  }

  /** One image; `NotFoundError` for an unknown id. */
  override async getImage(id: string, options: CallOptions = {}): Promise<NodeImage<DummyImageExtra>> {
    throwIfAborted(options.signal);
    requireId(id, 'id', { method: 'getImage', provider: 'dummy', what: 'image id' });
    const img = DUMMY_IMAGES.find((i) => i.id === id);
    if (!img) throw notFound('Image', String(id));
    return this.#toImage(img);
  }

  /** Locations. */
  override async *iterateLocations(options: CallOptions = {}): AsyncIterable<NodeLocation<DummyLocationExtra>> {
    throwIfAborted(options.signal);
    assertKnownOptions('listLocations', options, ['signal']);
    for (const r of DUMMY_REGIONS)
      yield new NodeLocation<DummyLocationExtra>(
        { id: r.id, name: r.name, country: r.country ?? '', extra: { endpoint: r.endpoint } },
        this,
      );
  }

  // ---- volumes and snapshots ----

  /** Iterates volumes in creation order. */
  override async *iterateVolumes(options: CallOptions = {}): AsyncIterable<StorageVolume<DummyVolumeExtra>> {
    throwIfAborted(options.signal);
    for (const v of vols.listVolumeRecords(this.#state)) yield toVolume(v, this);
  }
  /** Creates a volume: `creating`, then `available`. */
  override async createVolume(options: CreateVolumeOptions): Promise<StorageVolume<DummyVolumeExtra>> {
    throwIfAborted(options?.signal);
    return vols.createVolume(this.#state, this, options);
  }
  /** Attaches an available volume to a running or stopped node (`options.node`) in the same location. */
  override async attachVolume(volume: Ref<StorageVolume>, options: AttachVolumeOptions): Promise<boolean> {
    throwIfAborted(options?.signal);
    return vols.attachVolume(this.#state, volume, options);
  }
  /** Detaches a volume in use. */
  override async detachVolume(volume: Ref<StorageVolume>, options?: CallOptions): Promise<boolean> {
    throwIfAborted(options?.signal);
    return vols.detachVolume(this.#state, volume, options);
  }
  /** Destroys an available volume. */
  override async destroyVolume(volume: Ref<StorageVolume>, options?: CallOptions): Promise<boolean> {
    throwIfAborted(options?.signal);
    return vols.destroyVolume(this.#state, volume, options);
  }
  /** Iterates snapshots, of one volume or all. */
  override async *iterateVolumeSnapshots(options: ListVolumeSnapshotsOptions = {}): AsyncIterable<VolumeSnapshot> {
    throwIfAborted(options.signal);
    assertKnownOptions('listVolumeSnapshots', options, ['volume', 'signal']);
    yield* vols.listSnapshots(this.#state, this, options.volume);
  }
  /** Snapshots a volume: `creating`, then `completed`. */
  override async createVolumeSnapshot(volume: Ref<StorageVolume>, options?: CreateVolumeSnapshotOptions): Promise<VolumeSnapshot> {
    throwIfAborted(options?.signal);
    return vols.createSnapshot(this.#state, this, volume, options);
  }
  /** Destroys a snapshot. */
  override async destroyVolumeSnapshot(snapshot: Ref<VolumeSnapshot>, options?: CallOptions): Promise<boolean> {
    throwIfAborted(options?.signal);
    return vols.destroySnapshot(this.#state, snapshot, options);
  }

  // ---- key pairs ----

  /** Key pairs, by name. */
  override async *iterateKeyPairs(options: CallOptions = {}): AsyncIterable<KeyPair<DummyKeyPairExtra>> {
    throwIfAborted(options.signal);
    for (const name of [...this.#state.keyPairs.keys()].sort()) yield keys.getKeyPair(this.#state, this, name);
  }
  /** One key pair; `NotFoundError` if absent. */
  override async getKeyPair(name: string, options: CallOptions = {}): Promise<KeyPair<DummyKeyPairExtra>> {
    throwIfAborted(options.signal);
    return keys.getKeyPair(this.#state, this, name);
  }
  /** Generates an Ed25519 key pair; the result's `privateKey` is in OpenSSH format. */
  override async createKeyPair(options: CreateKeyPairOptions): Promise<KeyPair<DummyKeyPairExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('createKeyPair', options, ['name', 'signal']);
    return keys.createKeyPair(this.#state, this, options?.name, options?.signal);
  }
  /** Imports an OpenSSH public key (ed25519, rsa >= 1024 bits, ecdsa), fingerprinted like `ssh-keygen -l`. */
  override async importKeyPairFromString(options: ImportKeyPairOptions): Promise<KeyPair<DummyKeyPairExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('importKeyPairFromString', options, ['name', 'publicKey', 'signal']);
    return keys.importKeyPair(this.#state, this, options.name, options.publicKey, options.signal);
  }
  /** Imports a public key file. */
  override async importKeyPairFromFile(options: ImportKeyPairFromFileOptions): Promise<KeyPair<DummyKeyPairExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('importKeyPairFromFile', options, ['name', 'path', 'signal']);
    return super.importKeyPairFromFile(options) as Promise<KeyPair<DummyKeyPairExtra>>;
  }
  /** Deletes a key pair; `NotFoundError` if absent. */
  override async deleteKeyPair(keyPair: KeyPair | string, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    return keys.deleteKeyPair(this.#state, keyPair);
  }
}
