/**
 * State of the simulated Swift: accounts (`AUTH_<project id>`) with metadata, containers and objects;
 * static large objects keep their segment list and are assembled on read.
 * @module
 */
import { createHash } from 'node:crypto';
import type { SimulatorWorld } from '../world.js';

/** One stored object (or SLO manifest). */
export interface SwiftSimObject {
  data: Buffer;
  contentType: string;
  meta: Record<string, string>;
  /** MD5 hex of `data` (a manifest: of its segments' etags). */
  etag: string;
  /** Seconds since epoch with fraction (`X-Timestamp`). */
  timestamp: number;
  /** SLO segments (`/container/object` paths), when a manifest. */
  slo: { path: string; etag: string; size: number }[] | undefined;
  /** Total size (of the segments, for a manifest). */
  size: number;
}

/** One container. */
export interface SwiftSimContainer {
  meta: Record<string, string>;
  objects: Map<string, SwiftSimObject>;
  timestamp: number;
}

/** One account. */
export interface SwiftSimAccount {
  meta: Record<string, string>;
  containers: Map<string, SwiftSimContainer>;
}

/** The Swift store (in `world.stores.swift`). */
export class SwiftStore {
  readonly accounts = new Map<string, SwiftSimAccount>();
  readonly #world: SimulatorWorld;

  constructor(world: SimulatorWorld) {
    this.#world = world;
  }

  /** Seconds since epoch with microseconds, from the simulator clock. */
  timestamp(): number {
    return Math.round(this.#world.now() * 1000) / 1_000_000;
  }

  /** The account, created on first use (`account_autocreate`). */
  account(name: string): SwiftSimAccount {
    let a = this.accounts.get(name);
    if (!a) {
      a = { meta: {}, containers: new Map() };
      this.accounts.set(name, a);
    }
    return a;
  }

  /** The bytes of an object: its data, or its segments concatenated (missing segments give `undefined`). */
  contentOf(account: SwiftSimAccount, o: SwiftSimObject): Buffer | undefined {
    if (!o.slo) return o.data;
    const parts: Buffer[] = [];
    for (const s of o.slo) {
      const seg = this.resolve(account, s.path);
      if (!seg || seg.slo) return undefined;
      parts.push(seg.data);
    }
    return Buffer.concat(parts);
  }

  /** The object at `/container/object` in `account`. */
  resolve(account: SwiftSimAccount, path: string): SwiftSimObject | undefined {
    const { container, object } = splitObjectPath(path);
    return container === undefined || object === undefined ? undefined : account.containers.get(container)?.objects.get(object);
  }
}

/** Splits `/container/object/with/slashes` (leading slash optional, percent-decoded). */
export function splitObjectPath(path: string): { container: string | undefined; object: string | undefined } {
  let p = path;
  try {
    p = decodeURIComponent(path);
  } catch {
    // as is
  }
  p = p.replace(/^\/+/, '');
  const i = p.indexOf('/');
  if (i <= 0 || i === p.length - 1) return { container: undefined, object: undefined };
  return { container: p.slice(0, i), object: p.slice(i + 1) };
}

/** MD5 hex. */
export function md5(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

declare module '../world.js' {
  interface SimulatorStores {
    swift?: SwiftStore;
  }
}

/** The world's Swift store (created on first use). */
export function swiftStore(world: SimulatorWorld): SwiftStore {
  world.stores.swift ??= new SwiftStore(world);
  return world.stores.swift;
}
