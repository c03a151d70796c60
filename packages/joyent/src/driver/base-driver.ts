import { randomBytes } from 'node:crypto';
import { assertKnownOptions, type CallOptions } from '@cloudmux/core';
import {
  type ComputeMethod,
  type CreateNodeOptions,
  type ImportKeyPairOptions,
  type KeyPair,
  type ListNodesOptions,
  type Node,
  NodeDriver,
  type NodeImage,
  type NodeLocation,
  type NodeSize,
  type Ref,
  refId,
} from '@cloudmux/core/compute';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { getSizePrice } from '@cloudmux/core/pricing';
import { CloudApiCredentials } from '../auth/credentials.js';
import { CloudApiClient } from '../client/cloudapi-client.js';
import { toNode } from '../mappers/to-node.js';
import { toImage, toKeyPair, toLocation, toSize } from '../mappers/to-resources.js';
import { JOYENT_PROVIDER, findRegion } from '../provider.js';
import type { JoyentImageExtra, JoyentKeyPairExtra, JoyentLocationExtra, JoyentNodeExtra, JoyentSizeExtra } from '../types.js';
import type { WireDataset, WireImage, WireKey, WireMachine, WirePackage } from '../wire.js';
import {
  CREATE_NODE_EXTRAS,
  type JoyentCreateNodeExtras,
  type JoyentImageFilters,
  type JoyentListNodesFilters,
  type JoyentListOptions,
  type JoyentPackageFilters,
} from './call-options.js';
import { createMachineBody } from './create-body.js';
import { driverForLocation, listDatacenters } from './datacenters.js';
import { type DriverInternals, internalsOf, setInternals, SHARED_CREDENTIALS } from './internals.js';
import { machineAction } from './ex-machines.js';
import { listMachinesQuery } from './list-query.js';
import { pages } from './paging.js';
import type { JoyentDriverOptions } from './options.js';
import { resolveSettings } from './settings.js';

/** Portable compute methods the Joyent driver implements (`deployNode` via `@cloudmux/deploy`, SSH or boot script). */
export const JOYENT_CAPABILITIES: readonly ComputeMethod[] = [
  'listNodes',
  'getNode',
  'createNode',
  'rebootNode',
  'destroyNode',
  'startNode',
  'stopNode',
  'listSizes',
  'listImages',
  'getImage',
  'listLocations',
  'waitUntilRunning',
  'deployNode',
  'listKeyPairs',
  'getKeyPair',
  'importKeyPairFromString',
  'importKeyPairFromFile',
  'deleteKeyPair',
];

/** How many machines at the end of a page are remembered to drop repeats at the start of the next. */
const PAGE_OVERLAP_CHECK = 100;

/** A 410 answer is a machine that was deleted: CloudAPI still sends its body. */
function deletedMachine(id: string, body: unknown): WireMachine {
  const m = body && typeof body === 'object' ? (body as Partial<WireMachine>) : {};
  return { ...m, id: m.id ?? id, name: m.name ?? id, state: 'deleted' };
}

/**
 * Construction, endpoint plumbing and the portable compute methods of the CloudAPI driver.
 * Use {@link JoyentNodeDriver}, which adds the `ex*` extensions.
 */
export abstract class JoyentDriverBase extends NodeDriver {
  /** The Joyent Triton provider definition. */
  static override readonly provider = JOYENT_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: readonly ComputeMethod[] = JOYENT_CAPABILITIES;
  /** Boot scripts go in `ex.userScript` (CloudAPI's `user-script` metadata). */
  static override readonly bootScriptExKey: string | undefined = 'userScript';

  /** Account login the driver authenticates as. */
  readonly account: string;
  /** CloudAPI base URL. */
  readonly url: string;

  /**
   * @param account - account login.
   * @param keyIdOrPath - a key id (`/<account>/keys/<md5>`), a fingerprint (MD5 or `SHA256:`), or a private key path.
   * @param options - see {@link JoyentDriverOptions}.
   */
  constructor(account: string, keyIdOrPath?: string, options: JoyentDriverOptions = {}) {
    super();
    const shared = (options as { [SHARED_CREDENTIALS]?: CloudApiCredentials })[SHARED_CREDENTIALS];
    const { settings, credentials: spec } = shared
      ? resolveSettings(account, undefined, { ...options, user: shared.spec.user, privateKey: undefined, keyPath: undefined, passphrase: undefined, useAgent: false, sshDir: false })
      : resolveSettings(account, keyIdOrPath, options);
    const credentials = shared ?? new CloudApiCredentials(spec);
    const client = new CloudApiClient(settings, credentials, options);
    this.account = account;
    this.url = settings.url;
    const internals: DriverInternals = { client, settings, credentials, account, keyIdOrPath, options, datacenters: undefined };
    setInternals(this, internals);
  }

  /** Name of the datacenter this driver talks to, when known. */
  get datacenter(): string | undefined {
    return internalsOf(this).settings.datacenter;
  }

  /** Closes pooled HTTP connections. */
  close(): void {
    internalsOf(this).client.close();
  }

  /**
   * Machines page by page (limit ≤ 1000 and offset, until a short page), mapped to nodes. When
   * the list shifts while paging (a machine created meanwhile), the first machines of a page
   * repeat the end of the previous one: those are dropped, so no node is yielded twice.
   */
  async *#nodePages(options: ListNodesOptions<JoyentListNodesFilters>): AsyncGenerator<Node<JoyentNodeExtra>[]> {
    const { client, settings } = internalsOf(this);
    const ids = options.ids;
    if (ids && ids.length > 0 && ids.length <= 20 && !options.ex) {
      const out: Node<JoyentNodeExtra>[] = [];
      for (const id of ids) {
        try {
          out.push(await this.getNode(id, { signal: options.signal }));
        } catch (e) {
          if (!(e instanceof NotFoundError)) throw e;
        }
      }
      yield out;
      return;
    }
    const { query, pageSize } = listMachinesQuery(options.ex, settings.legacy65);
    const wanted = ids ? new Set(ids) : undefined;
    let previousTail: Set<string> | undefined;
    for await (const page of pages<WireMachine>(client, client.path('machines'), query, options.signal, pageSize)) {
      const dc = settings.datacenter;
      const out: Node<JoyentNodeExtra>[] = [];
      let i = 0;
      if (previousTail) while (i < page.length && previousTail.has((page[i] as WireMachine).id)) i++;
      for (; i < page.length; i++) {
        const m = page[i] as WireMachine;
        if (wanted && !wanted.has(m.id)) continue;
        out.push(toNode(m, this, dc));
      }
      previousTail = new Set(page.slice(-PAGE_OVERLAP_CHECK).map((m) => m.id));
      yield out;
    }
  }

  /** Iterates machines lazily, one page (≤ 1000) at a time, following every page. */
  override async *iterateNodes(options: ListNodesOptions<JoyentListNodesFilters> = {}): AsyncIterable<Node<JoyentNodeExtra>> {
    for await (const page of this.#nodePages(options)) yield* page;
  }

  /** Lists every machine (all pages). Filters go in `ex` (name, state, image, memory, tags, tombstone...). */
  override async listNodes(options: ListNodesOptions<JoyentListNodesFilters> = {}): Promise<Node<JoyentNodeExtra>[]> {
    const out: Node<JoyentNodeExtra>[] = [];
    for await (const page of this.#nodePages(options)) for (const n of page) out.push(n);
    return out;
  }

  /** Gets one machine; a deleted machine (410) comes back in state TERMINATED. */
  override async getNode(id: string, options: CallOptions & { credentials?: boolean } = {}): Promise<Node<JoyentNodeExtra>> {
    const { client, settings } = internalsOf(this);
    const res = await client.request<WireMachine>({
      method: 'GET',
      path: client.path('machines', id),
      query: options.credentials ? { credentials: true } : undefined,
      acceptStatus: [410],
      signal: options.signal,
    });
    return toNode(res.status === 410 ? deletedMachine(id, res.body) : res.body, this, settings.datacenter);
  }

  /**
   * Creates a machine: `size` is a package (id or name), `image` an image id, `location` a
   * datacenter name (another datacenter is reached with the same credentials). A name is
   * generated when absent.
   */
  override async createNode(options: CreateNodeOptions<JoyentCreateNodeExtras>): Promise<Node<JoyentNodeExtra>> {
    assertKnownOptions('createNode ex', options.ex, CREATE_NODE_EXTRAS);
    if (options.location !== undefined) {
      const target = await driverForLocation(this, options.location, options.signal);
      if (target !== this) return target.createNode({ ...options, location: undefined });
    }
    const { client, settings } = internalsOf(this);
    const name = options.name ?? `cloudmux-${randomBytes(4).toString('hex')}`;
    const body = createMachineBody({ ...options, name }, settings.legacy65);
    const res = await client.request<WireMachine>({ method: 'POST', path: client.path('machines'), json: body, signal: options.signal });
    return toNode(res.body, this, settings.datacenter);
  }

  /** Reboots a machine. */
  override rebootNode(node: Ref<Node>, options?: CallOptions): Promise<boolean> {
    return machineAction(this, node, 'reboot', {}, options ?? {});
  }
  /** Starts a stopped machine. */
  override startNode(node: Ref<Node>, options?: CallOptions): Promise<boolean> {
    return machineAction(this, node, 'start', {}, options ?? {});
  }
  /** Stops a running machine. */
  override stopNode(node: Ref<Node>, options?: CallOptions): Promise<boolean> {
    return machineAction(this, node, 'stop', {}, options ?? {});
  }

  /** Deletes a machine (true also when it was already deleted). */
  override async destroyNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    const { client } = internalsOf(this);
    await client.request<unknown>({ method: 'DELETE', path: client.path('machines', refId(node)), acceptStatus: [410], signal: options.signal });
    return true;
  }

  /** Lists packages as sizes, priced from `pricing/compute/joyent.json` by package name. */
  override async listSizes(options: JoyentListOptions<JoyentPackageFilters> = {}): Promise<NodeSize<JoyentSizeExtra>[]> {
    if (options.location !== undefined) {
      const target = await driverForLocation(this, options.location, options.signal);
      if (target !== this) return target.listSizes({ ...options, location: undefined });
    }
    const { client, settings } = internalsOf(this);
    const res = await client.request<WirePackage[]>({ method: 'GET', path: client.path('packages'), query: { ...options.ex }, signal: options.signal });
    return res.body.map((p) => toSize(p, this, getSizePrice('compute', 'joyent', p.name, settings.datacenter)));
  }

  /** Lists images (datasets in legacy 6.5 mode). */
  override async listImages(options: JoyentListOptions<JoyentImageFilters> = {}): Promise<NodeImage<JoyentImageExtra>[]> {
    if (options.location !== undefined) {
      const target = await driverForLocation(this, options.location, options.signal);
      if (target !== this) return target.listImages({ ...options, location: undefined });
    }
    const { client, settings } = internalsOf(this);
    const path = client.path(settings.legacy65 ? 'datasets' : 'images');
    const res = await client.request<Array<WireImage | WireDataset>>({ method: 'GET', path, query: { ...options.ex }, signal: options.signal });
    return res.body.map((i) => toImage(i, this));
  }

  /** Gets one image (or 6.5 dataset) by id. */
  override async getImage(id: string, options: CallOptions = {}): Promise<NodeImage<JoyentImageExtra>> {
    const { client, settings } = internalsOf(this);
    const res = await client.request<WireImage>({ method: 'GET', path: client.path(settings.legacy65 ? 'datasets' : 'images', id), signal: options.signal });
    return toImage(res.body, this);
  }

  /** Lists datacenters as locations (`extra.url` is each one's CloudAPI URL). */
  override async listLocations(options: CallOptions = {}): Promise<NodeLocation<JoyentLocationExtra>[]> {
    const dcs = await listDatacenters(this, options.signal, true);
    return dcs.map((d) => toLocation(d.name, d.url, findRegion(d.name)?.country ?? '', this));
  }

  /** Path of the key collection: the sub-user's keys when `user` is set. */
  protected keysPath(...rest: string[]): string {
    const { client, settings } = internalsOf(this);
    return settings.user ? client.path('users', settings.user, 'keys', ...rest) : client.path('keys', ...rest);
  }

  /** Lists SSH keys of the account (or of the RBAC sub-user). */
  override async listKeyPairs(options: CallOptions = {}): Promise<KeyPair<JoyentKeyPairExtra>[]> {
    const res = await internalsOf(this).client.request<WireKey[]>({ method: 'GET', path: this.keysPath(), signal: options.signal });
    return res.body.map((k) => toKeyPair(k, this));
  }

  /** Gets a key by name or MD5 fingerprint. */
  override async getKeyPair(name: string, options: CallOptions = {}): Promise<KeyPair<JoyentKeyPairExtra>> {
    const res = await internalsOf(this).client.request<WireKey>({ method: 'GET', path: this.keysPath(name), signal: options.signal });
    return toKeyPair(res.body, this);
  }

  /** Uploads an OpenSSH public key. */
  override async importKeyPairFromString(options: ImportKeyPairOptions): Promise<KeyPair<JoyentKeyPairExtra>> {
    if (!options.publicKey || typeof options.publicKey !== 'string') throw new InvalidArgumentError('importKeyPairFromString: publicKey must be an OpenSSH public key string');
    const res = await internalsOf(this).client.request<WireKey>({
      method: 'POST',
      path: this.keysPath(),
      json: { name: options.name, key: options.publicKey.trim() },
      signal: options.signal,
    });
    return toKeyPair(res.body, this);
  }

  /** Deletes a key by name (or a {@link KeyPair}). */
  override async deleteKeyPair(keyPair: KeyPair | string, options: CallOptions = {}): Promise<boolean> {
    const name = typeof keyPair === 'string' ? keyPair : keyPair.name;
    await internalsOf(this).client.request<unknown>({ method: 'DELETE', path: this.keysPath(name), signal: options.signal });
    return true;
  }
}

