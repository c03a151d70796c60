/**
 * The OpenStack compute driver class: thin methods handing the driver's context to the resource modules.
 * @module
 */
import { assertKnownOptions, drain, type Capabilities, type CallOptions } from '@cloudmux/core';
import { TimeoutError } from '@cloudmux/core/errors';
import {
  NodeDriver,
  refId,
  type AttachVolumeOptions,
  type ComputeMethod,
  type CreateKeyPairOptions,
  type CreateVolumeOptions,
  type ImportKeyPairOptions,
  type KeyPair,
  type ListVolumeSnapshotsOptions,
  type Node,
  type NodeImage,
  type NodeLocation,
  type NodeSize,
  type Ref,
  type RunningNode,
  type StorageVolume,
  type VolumeSnapshot,
  type WaitUntilRunningOptions,
} from '@cloudmux/core/compute';
import { resolveOpenStackConfig, sessionOptionsFromConfig } from '../config/resolve.js';
import { IdentitySession } from '../identity/session.js';
import * as img from '../image/images.js';
import type { OpenStackImageExtra } from '../image/to-image.js';
import * as net from '../network/index.js';
import * as vol from '../volume/index.js';
import { OPENSTACK_CAPABILITIES } from './capabilities.js';
import * as cat from './catalog.js';
import { createContext, type OpenStackContext } from './context.js';
import * as nodes from './nodes.js';
import { FROM_ENV_OPTIONS, resolveDriverOptions, type OpenStackDriverOptions, type OpenStackFromEnvOptions } from './options.js';
import { OPENSTACK_PROVIDER } from './provider.js';
import * as ops from './server-ops.js';
import type {
  ConsoleOutputOptions,
  CreateImageOptions,
  OpenStackCreateNodeOptions,
  OpenStackKeyPairExtra,
  OpenStackListNodesOptions,
  OpenStackLocationExtra,
  OpenStackNodeExtra,
  OpenStackSizeExtra,
  RebuildNodeOptions,
} from './types.js';

type N = Ref<Node>;
type Opts = CallOptions;

/**
 * OpenStack compute driver: Keystone v3/v2.0 (one cached token, refreshed), Nova v2.1 with a negotiated
 * microversion, Glance v2 images, Cinder v3 volumes and Neutron floating IPs and security groups; every page
 * of every list.
 *
 * @example
 * const driver = new OpenStackNodeDriver('demo', 'secret', { authUrl: 'https://keystone:5000/v3', projectName: 'demo' });
 * const driver2 = OpenStackNodeDriver.fromEnv(); // OS_CLOUD + clouds.yaml, or OS_* variables
 */
export class OpenStackNodeDriver extends NodeDriver {
  /** The generic OpenStack provider definition. */
  static override readonly provider = OPENSTACK_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: Capabilities<ComputeMethod> = OPENSTACK_CAPABILITIES;
  /** Boot scripts go in `ex.userData` (cloud-init). */
  static override readonly bootScriptExKey: string | undefined = 'userData';

  /**
   * A driver from `OS_CLOUD` + clouds.yaml (with secure.yaml) or `OS_*` variables, as openstacksdk resolves them
   * (`compute_api_version` / `OS_COMPUTE_API_VERSION` pins the microversion). `overrides` win over the
   * configuration; `config` tunes where clouds.yaml is looked for (and `cloud`, `region`).
   */
  static fromEnv(
    env: Readonly<Record<string, string | undefined>> = process.env,
    overrides: OpenStackFromEnvOptions = {},
  ): OpenStackNodeDriver {
    assertKnownOptions('openstack fromEnv', overrides, FROM_ENV_OPTIONS);
    const {
      config: configOptions,
      provider = 'openstack',
      tls,
      timeoutMs,
      retry,
      debugFile,
      interface: iface,
      endpointOverrides,
    } = overrides;
    const config = resolveOpenStackConfig(env, {
      ...configOptions,
      ...(overrides.region !== undefined ? { region: overrides.region } : {}),
    });
    const base = sessionOptionsFromConfig(config, { provider });
    const session = new IdentitySession({
      ...base,
      ...(iface !== undefined ? { interface: iface } : {}),
      endpointOverrides: { ...base.endpointOverrides, ...endpointOverrides },
      connection: {
        ...base.connection,
        ...(tls !== undefined ? { tls } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(retry !== undefined ? { retry } : {}),
        ...(debugFile !== undefined ? { debugFile } : {}),
      },
    });
    const microversion = overrides.computeMicroversion ?? config.apiVersions.compute;
    return new OpenStackNodeDriver({
      session,
      region: config.region,
      ...(microversion !== undefined ? { computeMicroversion: microversion } : {}),
      ...(overrides.serviceNames !== undefined ? { serviceNames: overrides.serviceNames } : {}),
      ...(overrides.pollIntervalMs !== undefined ? { pollIntervalMs: overrides.pollIntervalMs } : {}),
    });
  }

  readonly #ctx: OpenStackContext;

  /** Username + password (Keystone v3 unless `identityApiVersion: '2.0'` or a `/v2.0` auth URL). */
  constructor(username: string, password?: string, options?: OpenStackDriverOptions);
  /** Options only: `credentials` (application credential, token…) or `session`. */
  constructor(options: OpenStackDriverOptions);
  constructor(a: string | OpenStackDriverOptions, b?: string, c?: OpenStackDriverOptions) {
    super();
    const [username, password, options] = typeof a === 'string' ? [a, b, c ?? {}] : [undefined, undefined, a];
    const { session, settings } = resolveDriverOptions(username, password, options);
    this.#ctx = createContext(this, session, settings);
  }

  /**
   * The driver's context (session, Nova/Glance/Cinder/Neutron clients, settings), for vendor subclasses that
   * add `ex` methods of their cloud's extensions over the same clients (e.g. Rackspace's rescue mode).
   */
  protected get context(): OpenStackContext {
    return this.#ctx;
  }

  /** The identity session (token, catalog), shared with other drivers if you like. */
  get session(): IdentitySession {
    return this.#ctx.session;
  }

  /** The Nova microversion in use (after the first request), `undefined` on clouds without microversions. */
  get computeMicroversion(): string | undefined {
    return this.#ctx.compute.microversion;
  }

  /** Negotiates the Nova microversion now (it is otherwise done before the first compute request). */
  exNegotiateMicroversion(options: Opts = {}): Promise<string | undefined> {
    return this.#ctx.compute.negotiate(options.signal);
  }

  /** Closes pooled HTTP connections (the driver stays usable). */
  async close(): Promise<void> {
    const c = this.#ctx;
    await Promise.all([c.compute.close(), c.image.close(), c.volume.close(), c.network.close()]);
    c.session.close();
  }

  /** Iterates servers, every page (`limit`/`marker`); Nova filters under `ex`. */
  override iterateNodes(options: OpenStackListNodesOptions = {}): AsyncIterable<Node<OpenStackNodeExtra>> {
    return nodes.iterateNodes(this.#ctx, options);
  }
  /** Lists every server (all pages). */
  override listNodes(options: OpenStackListNodesOptions = {}): Promise<Node<OpenStackNodeExtra>[]> {
    return nodes.listNodes(this.#ctx, options);
  }
  /** Gets one server; `NotFoundError` when it does not exist. */
  override getNode(id: string, options: Opts = {}): Promise<Node<OpenStackNodeExtra>> {
    return nodes.getNode(this.#ctx, id, options);
  }
  /** Creates a server (`size` a flavor, `image` a Glance image, `location` an availability zone); returns while it builds. */
  override createNode(options: OpenStackCreateNodeOptions): Promise<Node<OpenStackNodeExtra>> {
    return nodes.createNode(this.#ctx, options);
  }
  /** Soft reboot (`ex.hard` → `exRebootNode(node, { hard: true })`). */
  override async rebootNode(node: N, options: Opts = {}): Promise<boolean> {
    await nodes.serverAction(this.#ctx, node, 'reboot', { type: 'SOFT' }, options, 'rebootNode');
    return true;
  }
  /** Reboots soft or hard. */
  async exRebootNode(node: N, options: Opts & { hard?: boolean | undefined } = {}): Promise<boolean> {
    await nodes.serverAction(this.#ctx, node, 'reboot', { type: options.hard === true ? 'HARD' : 'SOFT' }, options, 'exRebootNode');
    return true;
  }
  /** Starts a stopped server (`os-start`). */
  override async startNode(node: N, options: Opts = {}): Promise<boolean> {
    await nodes.serverAction(this.#ctx, node, 'os-start', null, options, 'startNode');
    return true;
  }
  /** Stops a server (`os-stop`). */
  override async stopNode(node: N, options: Opts = {}): Promise<boolean> {
    await nodes.serverAction(this.#ctx, node, 'os-stop', null, options, 'stopNode');
    return true;
  }
  /** Deletes a server; `NotFoundError` if it is already gone. */
  override destroyNode(node: N, options: Opts = {}): Promise<boolean> {
    return nodes.destroyNode(this.#ctx, node, options);
  }
  /**
   * Waits until the servers are ACTIVE with an IP; a server that goes to ERROR fails the wait with a
   * `ProviderError` carrying Nova's `fault.message`.
   */
  override async waitUntilRunning(list: readonly N[], options?: WaitUntilRunningOptions): Promise<RunningNode[]> {
    try {
      return await super.waitUntilRunning(list, options);
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      for (const n of list) {
        const server = await nodes.getServer(this.#ctx, refId(n), { signal: options?.signal }, 'waitUntilRunning').catch(() => undefined);
        if (server?.status === 'ERROR') throw nodes.buildFailed(this.#ctx, server);
      }
      throw err;
    }
  }

  /** Rebuilds a server from an image. */
  exRebuildNode(node: N, options: RebuildNodeOptions): Promise<Node<OpenStackNodeExtra>> {
    return ops.rebuildNode(this.#ctx, node, options);
  }
  /** Resizes to another flavor; then {@link exConfirmResize} or {@link exRevertResize} once in VERIFY_RESIZE. */
  exResizeNode(node: N, size: Ref<NodeSize>, options: Opts = {}): Promise<boolean> {
    return ops.resizeNode(this.#ctx, node, size, options);
  }
  /** Confirms a resize. */
  async exConfirmResize(node: N, options: Opts = {}): Promise<boolean> {
    await nodes.serverAction(this.#ctx, node, 'confirmResize', null, options, 'exConfirmResize');
    return true;
  }
  /** Reverts a resize. */
  async exRevertResize(node: N, options: Opts = {}): Promise<boolean> {
    await nodes.serverAction(this.#ctx, node, 'revertResize', null, options, 'exRevertResize');
    return true;
  }
  /** Renames a server. */
  exRenameNode(node: N, name: string, options: Opts = {}): Promise<Node<OpenStackNodeExtra>> {
    return ops.renameNode(this.#ctx, node, name, options);
  }
  /** Every metadata item of a server. */
  exListMetadata(node: N, options: Opts = {}): Promise<Record<string, string>> {
    return ops.listMetadata(this.#ctx, node, options);
  }
  /** One metadata value; `NotFoundError` when not set. */
  exGetMetadata(node: N, key: string, options: Opts = {}): Promise<string> {
    return ops.getMetadata(this.#ctx, node, key, options);
  }
  /** Sets metadata items (merged; `replace: true` replaces all); returns the server's metadata. */
  exSetMetadata(
    node: N,
    metadata: Readonly<Record<string, string>>,
    options: Opts & { replace?: boolean | undefined } = {},
  ): Promise<Record<string, string>> {
    return ops.setMetadata(this.#ctx, node, metadata, options);
  }
  /** Deletes one metadata item. */
  exDeleteMetadata(node: N, key: string, options: Opts = {}): Promise<boolean> {
    return ops.deleteMetadata(this.#ctx, node, key, options);
  }
  /** Server tags (microversion 2.26+). */
  exListTags(node: N, options: Opts = {}): Promise<string[]> {
    return ops.listTags(this.#ctx, node, options);
  }
  /** Replaces every tag. */
  exSetTags(node: N, tags: readonly string[], options: Opts = {}): Promise<string[]> {
    return ops.setTags(this.#ctx, node, tags, options);
  }
  /** Adds a tag. */
  exAddTag(node: N, tag: string, options: Opts = {}): Promise<boolean> {
    return ops.addTag(this.#ctx, node, tag, options);
  }
  /** Removes a tag. */
  exRemoveTag(node: N, tag: string, options: Opts = {}): Promise<boolean> {
    return ops.removeTag(this.#ctx, node, tag, options);
  }
  /** Console output (last `length` lines). */
  exGetConsoleOutput(node: N, options: ConsoleOutputOptions = {}): Promise<string> {
    return ops.consoleOutput(this.#ctx, node, options);
  }
  /** Snapshots a server into an image; returns the image id. */
  exCreateImage(node: N, options: CreateImageOptions): Promise<string> {
    return ops.createImage(this.#ctx, node, options);
  }

  /** Lists flavors as sizes (drains `iterateSizes`). */
  override listSizes(options: Opts = {}): Promise<NodeSize<OpenStackSizeExtra>[]> {
    return drain(this.iterateSizes(options));
  }
  /** Iterates flavors (every page), with extra specs and prices from pricing data where known. */
  override iterateSizes(options: Opts = {}): AsyncGenerator<NodeSize<OpenStackSizeExtra>> {
    return cat.iterateSizes(this.#ctx, options);
  }
  /** One flavor. */
  exGetSize(id: string, options: Opts = {}): Promise<NodeSize<OpenStackSizeExtra>> {
    return cat.getSize(this.#ctx, id, options);
  }
  /** Lists Glance images (drains `iterateImages`); filters under `ex`. */
  override listImages(options: img.OpenStackListImagesOptions = {}): Promise<NodeImage<OpenStackImageExtra>[]> {
    return drain(this.iterateImages(options));
  }
  /** Iterates Glance images, every page. */
  override iterateImages(options: img.OpenStackListImagesOptions = {}): AsyncGenerator<NodeImage<OpenStackImageExtra>> {
    return img.iterateImages(this.#ctx, options);
  }
  /** One image. */
  override getImage(id: string, options: Opts = {}): Promise<NodeImage<OpenStackImageExtra>> {
    return img.getImage(this.#ctx, id, options);
  }
  /** Deletes an image. */
  exDeleteImage(image: Ref<NodeImage>, options: Opts = {}): Promise<boolean> {
    return img.deleteImage(this.#ctx, image, options);
  }
  /** Renames and/or re-tags an image (JSON patch). */
  exUpdateImage(image: Ref<NodeImage>, options: img.UpdateImageOptions): Promise<NodeImage<OpenStackImageExtra>> {
    return img.updateImage(this.#ctx, image, options);
  }
  /** Availability zones as locations (drains `iterateLocations`). */
  override listLocations(options: Opts = {}): Promise<NodeLocation<OpenStackLocationExtra>[]> {
    return cat.listLocations(this.#ctx, options);
  }
  /** Iterates availability zones. */
  override async *iterateLocations(options: Opts = {}): AsyncGenerator<NodeLocation<OpenStackLocationExtra>> {
    yield* await cat.listLocations(this.#ctx, options);
  }

  /** Lists key pairs (drains `iterateKeyPairs`). */
  override listKeyPairs(options: Opts = {}): Promise<KeyPair<OpenStackKeyPairExtra>[]> {
    return drain(this.iterateKeyPairs(options));
  }
  /** Iterates key pairs. */
  override iterateKeyPairs(options: Opts = {}): AsyncGenerator<KeyPair<OpenStackKeyPairExtra>> {
    return cat.iterateKeyPairs(this.#ctx, options);
  }
  /** One key pair. */
  override getKeyPair(name: string, options: Opts = {}): Promise<KeyPair<OpenStackKeyPairExtra>> {
    return cat.getKeyPair(this.#ctx, name, options);
  }
  /** Has Nova generate a key pair (private key returned once). */
  override createKeyPair(options: CreateKeyPairOptions): Promise<KeyPair<OpenStackKeyPairExtra>> {
    return cat.createKeyPair(this.#ctx, options.name, options);
  }
  /** Imports a public key. */
  override importKeyPairFromString(options: ImportKeyPairOptions): Promise<KeyPair<OpenStackKeyPairExtra>> {
    return cat.importKeyPair(this.#ctx, options);
  }
  /** Deletes a key pair. */
  override deleteKeyPair(keyPair: KeyPair | string, options: Opts = {}): Promise<boolean> {
    return cat.deleteKeyPair(this.#ctx, keyPair, options);
  }

  // Cinder (src/volume) — portable volume API.
  /** Iterates Cinder volumes, every page. */
  override iterateVolumes(options: vol.OpenStackListVolumesOptions = {}): AsyncGenerator<StorageVolume<vol.OpenStackVolumeExtra>> {
    return vol.iterateVolumes(this.#ctx, options);
  }
  /** Lists Cinder volumes. */
  override listVolumes(options: vol.OpenStackListVolumesOptions = {}): Promise<StorageVolume<vol.OpenStackVolumeExtra>[]> {
    return drain(this.iterateVolumes(options));
  }
  /** One volume. */
  exGetVolume(id: string, options: Opts = {}): Promise<StorageVolume<vol.OpenStackVolumeExtra>> {
    return vol.getVolume(this.#ctx, id, options);
  }
  /** Creates a volume. */
  override createVolume(options: CreateVolumeOptions<vol.OpenStackCreateVolumeEx>): Promise<StorageVolume<vol.OpenStackVolumeExtra>> {
    return vol.createVolume(this.#ctx, options);
  }
  /** Attaches a volume to a server (Nova volume attachments). */
  override attachVolume(volume: Ref<StorageVolume>, options: AttachVolumeOptions): Promise<boolean> {
    return vol.attachVolume(this.#ctx, volume, options);
  }
  /** Detaches a volume. */
  override detachVolume(volume: Ref<StorageVolume>, options: vol.OpenStackDetachVolumeOptions = {}): Promise<boolean> {
    return vol.detachVolume(this.#ctx, volume, options);
  }
  /** Deletes a volume. */
  override destroyVolume(volume: Ref<StorageVolume>, options: Opts = {}): Promise<boolean> {
    return vol.destroyVolume(this.#ctx, volume, options);
  }
  /** Iterates snapshots (of one volume, or all). */
  override iterateVolumeSnapshots(options: ListVolumeSnapshotsOptions = {}): AsyncGenerator<VolumeSnapshot<vol.OpenStackSnapshotExtra>> {
    return vol.iterateVolumeSnapshots(this.#ctx, options);
  }
  /** Lists snapshots. */
  override listVolumeSnapshots(options: ListVolumeSnapshotsOptions = {}): Promise<VolumeSnapshot<vol.OpenStackSnapshotExtra>[]> {
    return drain(this.iterateVolumeSnapshots(options));
  }
  /** Snapshots a volume. */
  override createVolumeSnapshot(
    volume: Ref<StorageVolume>,
    options: vol.OpenStackCreateVolumeSnapshotOptions = {},
  ): Promise<VolumeSnapshot<vol.OpenStackSnapshotExtra>> {
    return vol.createVolumeSnapshot(this.#ctx, volume, options);
  }
  /** Deletes a snapshot. */
  override destroyVolumeSnapshot(snapshot: Ref<VolumeSnapshot>, options: Opts = {}): Promise<boolean> {
    return vol.destroyVolumeSnapshot(this.#ctx, snapshot, options);
  }

  // Neutron (src/network) — ex methods.
  /** Iterates networks. */
  exIterateNetworks(options: net.ListNetworksOptions = {}): AsyncGenerator<net.OpenStackNetwork> {
    return net.exIterateNetworks(this.#ctx, options);
  }
  /** Lists networks. */
  exListNetworks(options: net.ListNetworksOptions = {}): Promise<net.OpenStackNetwork[]> {
    return net.exListNetworks(this.#ctx, options);
  }
  /** Iterates subnets. */
  exIterateSubnets(options: net.ListSubnetsOptions = {}): AsyncGenerator<net.OpenStackSubnet> {
    return net.exIterateSubnets(this.#ctx, options);
  }
  /** Lists subnets. */
  exListSubnets(options: net.ListSubnetsOptions = {}): Promise<net.OpenStackSubnet[]> {
    return net.exListSubnets(this.#ctx, options);
  }
  /** Iterates ports. */
  exIteratePorts(options: net.ListPortsOptions = {}): AsyncGenerator<net.OpenStackPort> {
    return net.exIteratePorts(this.#ctx, options);
  }
  /** Lists ports. */
  exListPorts(options: net.ListPortsOptions = {}): Promise<net.OpenStackPort[]> {
    return net.exListPorts(this.#ctx, options);
  }
  /** Iterates floating IPs. */
  exIterateFloatingIps(options: net.ListFloatingIpsOptions = {}): AsyncGenerator<net.OpenStackFloatingIp> {
    return net.exIterateFloatingIps(this.#ctx, options);
  }
  /** Lists floating IPs. */
  exListFloatingIps(options: net.ListFloatingIpsOptions = {}): Promise<net.OpenStackFloatingIp[]> {
    return net.exListFloatingIps(this.#ctx, options);
  }
  /** Allocates a floating IP from a pool / external network. */
  exAllocateFloatingIp(options: net.AllocateFloatingIpOptions = {}): Promise<net.OpenStackFloatingIp> {
    return net.exAllocateFloatingIp(this.#ctx, options);
  }
  /** Associates a floating IP with a server's port. */
  exAssociateFloatingIp(ip: net.FloatingIpRef, node: N, options: net.AssociateFloatingIpOptions = {}): Promise<net.OpenStackFloatingIp> {
    return net.exAssociateFloatingIp(this.#ctx, ip, node, options);
  }
  /** Disassociates a floating IP. */
  exDisassociateFloatingIp(ip: net.FloatingIpRef, options: Opts = {}): Promise<net.OpenStackFloatingIp> {
    return net.exDisassociateFloatingIp(this.#ctx, ip, options);
  }
  /** Releases a floating IP. */
  exReleaseFloatingIp(ip: net.FloatingIpRef, options: Opts = {}): Promise<boolean> {
    return net.exReleaseFloatingIp(this.#ctx, ip, options);
  }
  /** Iterates security groups. */
  exIterateSecurityGroups(options: net.ListSecurityGroupsOptions = {}): AsyncGenerator<net.OpenStackSecurityGroup> {
    return net.exIterateSecurityGroups(this.#ctx, options);
  }
  /** Lists security groups. */
  exListSecurityGroups(options: net.ListSecurityGroupsOptions = {}): Promise<net.OpenStackSecurityGroup[]> {
    return net.exListSecurityGroups(this.#ctx, options);
  }
  /** Creates a security group. */
  exCreateSecurityGroup(options: net.CreateSecurityGroupOptions): Promise<net.OpenStackSecurityGroup> {
    return net.exCreateSecurityGroup(this.#ctx, options);
  }
  /** Deletes a security group. */
  exDeleteSecurityGroup(group: Ref<{ id: string }>, options: Opts = {}): Promise<boolean> {
    return net.exDeleteSecurityGroup(this.#ctx, group, options);
  }
  /** Adds a rule to a security group. */
  exAddSecurityGroupRule(group: Ref<{ id: string }>, rule: net.SecurityGroupRuleSpec): Promise<net.OpenStackSecurityGroupRule> {
    return net.exAddSecurityGroupRule(this.#ctx, group, rule);
  }
  /** Removes a security group rule. */
  exRemoveSecurityGroupRule(rule: Ref<{ id: string }>, options: Opts = {}): Promise<boolean> {
    return net.exRemoveSecurityGroupRule(this.#ctx, rule, options);
  }

  // Single resources by id (or object), and the volume wait helper.
  /** Waits until a volume reaches one of `options.states` (fails on an error state unless `failOnError: false`). */
  exWaitForVolume(volume: Ref<StorageVolume>, options: vol.WaitForVolumeOptions): Promise<StorageVolume<vol.OpenStackVolumeExtra>> {
    return vol.waitForVolume(this.#ctx, volume, options);
  }
  /** One volume snapshot. */
  exGetVolumeSnapshot(snapshot: Ref<VolumeSnapshot>, options: Opts = {}): Promise<VolumeSnapshot<vol.OpenStackSnapshotExtra>> {
    return vol.getVolumeSnapshot(this.#ctx, snapshot, options);
  }
  /** One network. */
  exGetNetwork(network: Ref<{ id: string }>, options: Opts = {}): Promise<net.OpenStackNetwork> {
    return net.exGetNetwork(this.#ctx, network, options);
  }
  /** One subnet. */
  exGetSubnet(subnet: Ref<{ id: string }>, options: Opts = {}): Promise<net.OpenStackSubnet> {
    return net.exGetSubnet(this.#ctx, subnet, options);
  }
  /** One port. */
  exGetPort(port: Ref<{ id: string }>, options: Opts = {}): Promise<net.OpenStackPort> {
    return net.exGetPort(this.#ctx, port, options);
  }
  /** One floating IP, by object, id or address. */
  exGetFloatingIp(ip: net.FloatingIpRef, options: Opts = {}): Promise<net.OpenStackFloatingIp> {
    return net.exGetFloatingIp(this.#ctx, ip, options);
  }
  /** One security group with its rules. */
  exGetSecurityGroup(group: Ref<{ id: string }>, options: Opts = {}): Promise<net.OpenStackSecurityGroup> {
    return net.exGetSecurityGroup(this.#ctx, group, options);
  }
}
