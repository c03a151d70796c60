import type { CallOptions, Capabilities } from '@cloudmux/core';
import {
  NodeDriver,
  type AttachVolumeOptions,
  type ComputeMethod,
  type CreateNodeOptions,
  type CreateVolumeOptions,
  type ListImagesOptions,
  type ListNodesOptions,
  type ListSizesOptions,
  type Node,
  type NodeImage,
  type NodeLocation,
  type NodeSize,
  type Ref,
  type StorageVolume,
} from '@cloudmux/core/compute';
import { STRATUSLAB_CAPABILITIES } from './capabilities.js';
import * as catalog from './catalog.js';
import type { StratusLabLocationExtra, StratusLabSizeExtra } from './catalog.js';
import { StratusLabContext } from './context.js';
import { readStratusLabEnv, type Env } from './from-env.js';
import * as nodes from './nodes.js';
import type { StratusLabCreateNodeEx, StratusLabDriverOptions, StratusLabListNodesEx } from './options.js';
import { STRATUSLAB_PROVIDER } from './provider.js';
import type { StratusLabImageExtra } from './to-image.js';
import type { StratusLabNodeExtra } from './to-node.js';
import * as volumes from './volumes.js';
import type { StratusLabVolumeExtra } from './volumes.js';

/**
 * StratusLab compute driver: machines through OpenNebula 3.x XML-RPC behind StratusLab's one-proxy
 * (HTTP Basic), images from the Marketplace (RDF/XML), volumes through PDisk. Every cloud of the
 * user configuration (`~/.stratuslab/stratuslab-user.cfg`) is a location, and node and volume ids
 * carry their location (`lal:42`). Not bundled with `cloudmux`: register it at runtime.
 *
 * @example
 * setDriver('stratuslab', '@cloudmux/stratuslab', 'StratusLabNodeDriver');
 * const StratusLab = getDriver('stratuslab');
 * const driver = new StratusLab(); // reads ~/.stratuslab/stratuslab-user.cfg
 */
export class StratusLabNodeDriver extends NodeDriver {
  /** The StratusLab provider definition. */
  static override readonly provider = STRATUSLAB_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: Capabilities<ComputeMethod> = STRATUSLAB_CAPABILITIES;

  /**
   * A driver configured from `STRATUSLAB_*` variables: with `STRATUSLAB_ENDPOINT`, one location
   * (`STRATUSLAB_USER_CONFIG_SECTION` or `default`) from the variables; otherwise the user
   * configuration file, `STRATUSLAB_USER_CONFIG_SECTION` choosing the default location and
   * `STRATUSLAB_USERNAME`/`STRATUSLAB_PASSWORD` overriding its credentials. `overrides` win.
   */
  static fromEnv(env: Env = process.env, overrides: StratusLabDriverOptions = {}): StratusLabNodeDriver {
    const cfg = readStratusLabEnv(env);
    return new StratusLabNodeDriver(cfg.username, cfg.password, { ...cfg.options, ...overrides });
  }

  readonly #ctx: StratusLabContext;

  /**
   * @param username - overrides every location's `username` when given (Libcloud's driver ignored its key).
   * @param password - overrides every location's `password` together with `username`.
   * @param options - configuration source and transport, see {@link StratusLabDriverOptions}.
   */
  constructor(username?: string, password?: string, options: StratusLabDriverOptions = {}) {
    super();
    this.#ctx = new StratusLabContext(this, username, password, options);
  }

  /** Id of the default location. */
  get defaultLocation(): string {
    return this.#ctx.config.defaultLocation;
  }

  /** Closes pooled HTTP connections. */
  close(): void {
    this.#ctx.close();
  }

  /** Lists the VMs of every location (`one.vmpool.info` per cloud, concurrently); `ex.location` narrows it. */
  override listNodes(options: ListNodesOptions<StratusLabListNodesEx> = {}): Promise<Node<StratusLabNodeExtra>[]> {
    return nodes.listNodes(this.#ctx, options);
  }
  /** Iterates what {@link listNodes} returns (OpenNebula answers in one document). */
  override async *iterateNodes(options: ListNodesOptions<StratusLabListNodesEx> = {}): AsyncGenerator<Node<StratusLabNodeExtra>> {
    yield* await this.listNodes(options);
  }
  /** Gets one VM by id (`<location>:<vmId>`); a finished VM is TERMINATED. */
  override getNode(id: string, options: CallOptions = {}): Promise<Node<StratusLabNodeExtra>> {
    return nodes.getNode(this.#ctx, id, options);
  }
  /**
   * Creates a VM: `size` an instance type, `image` a Marketplace id, `location` a configured cloud,
   * `auth` an SSH public key (put in the template's `CONTEXT/PUBLIC_KEY`).
   */
  override createNode(options: CreateNodeOptions<StratusLabCreateNodeEx>): Promise<Node<StratusLabNodeExtra>> {
    return nodes.createNode(this.#ctx, options);
  }
  /** Destroys a VM (`one.vm.action("finalize")`). */
  override destroyNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    return nodes.vmAction(this.#ctx, node, 'finalize', 'destroyNode', options);
  }
  /** Shuts a VM down gracefully (`one.vm.action("shutdown")`): it goes through epilog to DONE. */
  exShutdownNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    return nodes.vmAction(this.#ctx, node, 'shutdown', 'exShutdownNode', options);
  }
  /** Instance types (built-in and `[instance_types]`); RAM in MiB, swap in `extra.swapMb`. */
  override async listSizes(_options: ListSizesOptions = {}): Promise<NodeSize<StratusLabSizeExtra>[]> {
    return catalog.listSizes(this.#ctx);
  }
  /** Marketplace images of a location's Marketplace (default location when absent). */
  override listImages(options: ListImagesOptions = {}): Promise<NodeImage<StratusLabImageExtra>[]> {
    return catalog.listImages(this.#ctx, options);
  }
  /** One Marketplace image; `NotFoundError` when unknown. */
  override getImage(id: string, options: CallOptions = {}): Promise<NodeImage<StratusLabImageExtra>> {
    return catalog.getImage(this.#ctx, id, options);
  }
  /** The configured clouds. */
  override async listLocations(_options: CallOptions = {}): Promise<NodeLocation<StratusLabLocationExtra>[]> {
    return catalog.listLocations(this.#ctx);
  }
  /** PDisk volumes of every location. */
  override listVolumes(options: CallOptions = {}): Promise<StorageVolume<StratusLabVolumeExtra>[]> {
    return volumes.listVolumes(this.#ctx, options);
  }
  /** Iterates what {@link listVolumes} returns. */
  override async *iterateVolumes(options: CallOptions = {}): AsyncGenerator<StorageVolume<StratusLabVolumeExtra>> {
    yield* await this.listVolumes(options);
  }
  /** Creates a private PDisk volume (1–1024 GiB) in `location`. */
  override createVolume(options: CreateVolumeOptions): Promise<StorageVolume<StratusLabVolumeExtra>> {
    return volumes.createVolume(this.#ctx, options);
  }
  /** Hot-plugs a volume into a running node of the same cloud. */
  override attachVolume(volume: Ref<StorageVolume>, options: AttachVolumeOptions): Promise<boolean> {
    return volumes.attachVolume(this.#ctx, volume, options);
  }
  /** Unplugs a volume from the node(s) it is mounted on. */
  override detachVolume(volume: Ref<StorageVolume>, options: CallOptions = {}): Promise<boolean> {
    return volumes.detachVolume(this.#ctx, volume, options);
  }
  /** Destroys a volume (refused while it is in use). */
  override destroyVolume(volume: Ref<StorageVolume>, options: CallOptions = {}): Promise<boolean> {
    return volumes.destroyVolume(this.#ctx, volume, options);
  }
}
