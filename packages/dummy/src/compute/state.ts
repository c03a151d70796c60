import { NodeState } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { settle } from '../common/timed.js';
import { DUMMY_IMAGES, DUMMY_REGIONS, DUMMY_SIZES, type DummyImageSpec, type DummySizeSpec } from './catalog.js';
import type { ResolvedDummyOptions } from './options.js';
import type { KeyPairRecord, NodeRecord, SnapshotRecord, VolumeRecord } from './records.js';

type IdRef = string | { id: string };

function idOf(what: string, ref: unknown): string {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'object' && ref !== null && typeof (ref as { id?: unknown }).id === 'string') return (ref as { id: string }).id;
  throw new InvalidArgumentError(`Invalid ${what} ${JSON.stringify(ref)}: expected an id or an object with an id`);
}

/** All in-memory data of one Dummy compute driver instance. */
export class ComputeState {
  /** Nodes by id. */
  readonly nodes = new Map<string, NodeRecord>();
  /** Volumes by id. */
  readonly volumes = new Map<string, VolumeRecord>();
  /** Snapshots by id. */
  readonly snapshots = new Map<string, SnapshotRecord>();
  /** Key pairs by name. */
  readonly keyPairs = new Map<string, KeyPairRecord>();
  /** Pages served by `iterateNodes` so far. */
  pagesFetched = 0;
  #seq = 0;
  #ipIndex = 0;

  constructor(readonly options: ResolvedDummyOptions) {}

  /** Next sequence number (ids and list order). */
  nextSeq(): number {
    return ++this.#seq;
  }

  /** Addresses for the next node: configured lists round-robin, else TEST-NET-1 / 10.0.x.y. */
  allocateIps(): { publicIps: string[]; privateIps: string[] } {
    const i = this.#ipIndex++;
    const pick = (list: readonly string[] | undefined, fallback: string): string[] => {
      if (!list) return [fallback];
      const ip = list[i % Math.max(1, list.length)];
      return ip === undefined ? [] : [ip];
    };
    return {
      publicIps: pick(this.options.publicIps, `192.0.2.${(i % 254) + 1}`),
      privateIps: pick(this.options.privateIps, `10.0.${Math.floor(i / 254) % 256}.${(i % 254) + 1}`),
    };
  }

  /** Applies due transitions to every node and forgets terminated nodes whose time is up. */
  settleNodes(now = Date.now()): void {
    for (const n of this.nodes.values()) this.settleNode(n, now);
  }

  /** Applies a due transition to one node; returns false when the node is gone. */
  settleNode(n: NodeRecord, now = Date.now()): boolean {
    settle(n, now);
    if (n.state === NodeState.TERMINATED && n.purgeAt !== undefined && now >= n.purgeAt) {
      this.nodes.delete(n.id);
      return false;
    }
    return true;
  }

  /** The node with `id` after settling, or undefined. */
  node(id: string): NodeRecord | undefined {
    const n = this.nodes.get(id);
    return n && this.settleNode(n) ? n : undefined;
  }

  /** The volume with `id` after settling, or undefined. */
  volume(id: string): VolumeRecord | undefined {
    const v = this.volumes.get(id);
    if (v) settle(v);
    return v;
  }

  /** The snapshot with `id` after settling, or undefined. */
  snapshot(id: string): SnapshotRecord | undefined {
    const s = this.snapshots.get(id);
    if (s) settle(s);
    return s;
  }

  /** Resolves a size reference; unknown ids throw `InvalidArgumentError` listing valid ones. */
  size(ref: unknown): DummySizeSpec {
    const id = idOf('size', ref);
    const s = DUMMY_SIZES.find((x) => x.id === id);
    if (!s) throw new InvalidArgumentError(`Unknown size "${id}". Valid sizes: ${DUMMY_SIZES.map((x) => x.id).join(', ')}`);
    return s;
  }

  /** Resolves a location reference (default: the driver's region). */
  location(ref: unknown): string {
    if (ref === undefined) return this.options.region;
    const id = idOf('location', ref);
    if (!DUMMY_REGIONS.some((r) => r.id === id)) {
      throw new InvalidArgumentError(`Unknown location "${id}". Valid locations: ${DUMMY_REGIONS.map((r) => r.id).join(', ')}`);
    }
    return id;
  }

  /** Resolves an image reference, checking that `location` offers it. */
  image(ref: unknown, location?: string): DummyImageSpec {
    const id = idOf('image', ref);
    const img = DUMMY_IMAGES.find((x) => x.id === id);
    if (!img) throw new InvalidArgumentError(`Unknown image "${id}". Valid images: ${DUMMY_IMAGES.map((x) => x.id).join(', ')}`);
    if (location !== undefined && !img.locations.includes(location)) {
      const there = DUMMY_IMAGES.filter((x) => x.locations.includes(location)).map((x) => x.id);
      throw new InvalidArgumentError(`Image "${id}" is not offered in location "${location}". Images there: ${there.join(', ')}`);
    }
    return img;
  }

  /** Id of a node/volume/snapshot reference. */
  static refId(what: string, ref: IdRef | unknown): string {
    return idOf(what, ref);
  }
}
