import { drain, type Capabilities, type CallOptions, type ProviderDefinition } from '@cloudmux/core';
import { NotSupportedError } from '@cloudmux/core/errors';
import {
  NodeDriver,
  type AttachVolumeOptions,
  type ComputeMethod,
  type CreateKeyPairOptions,
  type CreateVolumeOptions,
  type ImportKeyPairOptions,
  type KeyPair,
  type ListNodesOptions,
  type ListSizesOptions,
  type ListVolumeSnapshotsOptions,
  type Node,
  type NodeImage,
  type NodeLocation,
  type NodeSize,
  type Ref,
  type StorageVolume,
  type VolumeSnapshot,
} from '@cloudmux/core/compute';
import { findSizePrice } from '@cloudmux/core/pricing';
import { readAwsEnv } from '../credentials/from-env.js';
import type { Env } from '../credentials/shared-files.js';
import type { XmlObject } from '../xml/index.js';
import * as addr from './addresses.js';
import { EC2_CAPABILITIES, EC2_PRESET_CAPABILITIES } from './capabilities.js';
import { Ec2Client } from './client.js';
import type { Ec2Context } from './context.js';
import * as img from './images.js';
import { EC2_INSTANCE_TYPES } from './instance-types.js';
import * as keys from './key-pairs.js';
import * as nodes from './nodes.js';
import { resolveEc2Settings, type Ec2DriverOptions, type Ec2Settings } from './options.js';
import type { Ec2Params } from './params.js';
import { EC2_PROVIDER } from './providers.js';
import * as sg from './security-groups.js';
import * as tags from './tags.js';
import { toLocation, toSize } from './to-resources.js';
import type {
  Ec2ElasticIp,
  Ec2ImageExtra,
  Ec2IpPermission,
  Ec2KeyPairExtra,
  Ec2LocationExtra,
  Ec2NodeExtra,
  Ec2SecurityGroup,
  Ec2SizeExtra,
  Ec2SnapshotExtra,
  Ec2Tag,
  Ec2VolumeExtra,
} from './types.js';
import * as vol from './volumes.js';
import { items } from './wire.js';

type N = Ref<Node>;

/** Makes a subclass of `base` whose static `provider` and `capabilities` are the given data. */
function deriveDriverClass(base: Ec2DriverClass, provider: ProviderDefinition, caps: Capabilities<ComputeMethod>): Ec2DriverClass {
  const derived = class extends base {
    static override readonly provider: ProviderDefinition = provider;
    static override readonly capabilities: Capabilities<ComputeMethod> = caps;
  };
  Object.defineProperty(derived, 'name', { value: `${base.name}[${provider.id}]` });
  return derived;
}

/** A class of {@link Ec2NodeDriver} bound to a provider preset (what `withProvider` returns). */
export type Ec2DriverClass = typeof Ec2NodeDriver;

/**
 * Amazon EC2 Query API compute driver (SigV4, every AWS region), also serving EC2-compatible clouds
 * through provider presets (`EUCALYPTUS_PROVIDER`, `NIMBUS_PROVIDER`): instances, AMIs, availability
 * zones, EBS volumes and snapshots, key pairs, and `ex*` methods for security groups, Elastic IPs,
 * tags, console output and images.
 *
 * @example
 * const ec2 = new Ec2NodeDriver(process.env.AWS_ACCESS_KEY_ID!, process.env.AWS_SECRET_ACCESS_KEY!, { region: 'eu-west-1' });
 * const euca = new Ec2NodeDriver(key, secret, { provider: EUCALYPTUS_PROVIDER, host: 'euca.example.org' });
 */
export class Ec2NodeDriver extends NodeDriver {
  /** Amazon EC2. */
  static override readonly provider: ProviderDefinition = EC2_PROVIDER;
  /** Every portable compute method. */
  static override readonly capabilities: Capabilities<ComputeMethod> = EC2_CAPABILITIES;
  /** Boot scripts go in `ex.userData` (cloud-init runs it at first boot). */
  static override readonly bootScriptExKey: string | undefined = 'userData';

  /**
   * A driver class for a provider preset, made from data: `new (Ec2NodeDriver.withProvider(EUCALYPTUS_PROVIDER))(key, secret, { host })`.
   * Its static `provider` and `capabilities` are the preset's, for registries and support matrices.
   */
  static withProvider(this: Ec2DriverClass, provider: ProviderDefinition, capabilities?: Capabilities<ComputeMethod>): Ec2DriverClass {
    const caps = capabilities ?? EC2_PRESET_CAPABILITIES[provider.id] ?? EC2_CAPABILITIES;
    return deriveDriverClass(this, provider, caps);
  }

  /**
   * A driver from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, or the `AWS_PROFILE`
   * profile of `~/.aws/credentials` and `~/.aws/config`; region from `AWS_REGION`/`AWS_DEFAULT_REGION` or the
   * profile, endpoint from `AWS_ENDPOINT_URL_EC2`/`AWS_ENDPOINT_URL` or the profile's `endpoint_url`. `overrides` win.
   */
  static fromEnv<T extends Ec2DriverClass>(this: T, env: Env = process.env, overrides: Ec2DriverOptions = {}): InstanceType<T> {
    const cfg = readAwsEnv(env);
    const options: Ec2DriverOptions = { ...overrides };
    const provider = overrides.provider ?? this.provider;
    // AWS_REGION names an AWS region: it applies to providers with a region table (an unknown one is an error there).
    if (options.region === undefined && cfg.region !== undefined && provider.regions.length > 0) options.region = cfg.region;
    if (options.endpoint === undefined && options.host === undefined && cfg.endpoint !== undefined) options.endpoint = cfg.endpoint;
    if (options.sessionToken === undefined && cfg.credentials.sessionToken !== undefined)
      options.sessionToken = cfg.credentials.sessionToken;
    return new this(cfg.credentials.accessKeyId, cfg.credentials.secretAccessKey, options) as InstanceType<T>;
  }

  readonly #ctx: Ec2Context;
  readonly #capabilities: Capabilities<ComputeMethod>;

  /**
   * @param accessKeyId - AWS access key id.
   * @param secretAccessKey - AWS secret access key.
   * @param options - region (default `us-east-1`), endpoint or host/port/path, provider preset, session token…
   */
  constructor(accessKeyId: string, secretAccessKey?: string, options: Ec2DriverOptions = {}) {
    super();
    const cls = this.constructor as Ec2DriverClass;
    const settings: Ec2Settings = resolveEc2Settings(cls.provider, accessKeyId, secretAccessKey, options);
    const client = new Ec2Client({
      provider: settings.provider.id,
      endpoint: settings.endpoint,
      credentials: settings.credentials,
      signingRegion: settings.signingRegion,
      apiVersion: settings.apiVersion,
      signatureVersion: settings.signatureVersion,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
    });
    this.#ctx = { client, driver: this, settings };
    this.#capabilities =
      options.provider === undefined ? cls.capabilities : (EC2_PRESET_CAPABILITIES[options.provider.id] ?? EC2_CAPABILITIES);
  }

  /** Provider id of this instance (`ec2`, `eucalyptus`, `nimbus`…). */
  override get providerId(): string {
    return this.#ctx.settings.provider.id;
  }
  /** Provider definition in effect. */
  get providerDefinition(): ProviderDefinition {
    return this.#ctx.settings.provider;
  }
  /** Region (AWS region, or the signing region of a preset). */
  get region(): string {
    return this.#ctx.settings.region;
  }
  /** Base URL of the API. */
  get endpoint(): string {
    return this.#ctx.settings.endpoint;
  }
  /** EC2 API version sent. */
  get apiVersion(): string {
    return this.#ctx.settings.apiVersion;
  }

  /** Whether this instance's provider supports `method`. */
  override supports(method: ComputeMethod): boolean {
    return this.#capabilities.includes(method);
  }
  protected override notSupported(method: string, detail?: string): never {
    throw new NotSupportedError(this.#ctx.settings.provider.name, method, detail);
  }
  #need(method: ComputeMethod): Ec2Context {
    if (!this.supports(method)) this.notSupported(method);
    return this.#ctx;
  }

  /** Closes keep-alive sockets (the driver stays usable). */
  close(): void {
    this.#ctx.client.close();
  }

  // ---- nodes ----
  /** Iterates instances page by page; `ids` and `ex.filters` narrow the list. */
  override async *iterateNodes(options?: ListNodesOptions<nodes.Ec2ListNodesEx>): AsyncGenerator<Node<Ec2NodeExtra>> {
    yield* nodes.iterateNodes(this.#need('listNodes'), options);
  }
  /** Lists every instance (all pages; each next page is requested while the current one is parsed and mapped). */
  override async listNodes(options?: ListNodesOptions<nodes.Ec2ListNodesEx>): Promise<Node<Ec2NodeExtra>[]> {
    return nodes.listNodes(this.#need('listNodes'), options);
  }
  /** One instance; `NotFoundError` if EC2 does not know it. */
  override async getNode(id: string, options?: CallOptions): Promise<Node<Ec2NodeExtra>> {
    return nodes.getNode(this.#need('getNode'), id, options);
  }
  /** RunInstances (idempotent `ClientToken`, so a retried launch never starts two instances). */
  override async createNode(options: nodes.Ec2CreateNodeOptions): Promise<Node<Ec2NodeExtra>> {
    const created = await nodes.createNodes(this.#need('createNode'), options);
    const first = created[0];
    if (first === undefined)
      throw new NotSupportedError(this.#ctx.settings.provider.name, 'createNode', 'RunInstances returned no instance');
    return first;
  }
  /** RunInstances returning every instance launched (`ex.minCount`/`ex.maxCount`). */
  async exCreateNodes(options: nodes.Ec2CreateNodeOptions): Promise<Node<Ec2NodeExtra>[]> {
    return nodes.createNodes(this.#need('createNode'), options);
  }
  /** RebootInstances. */
  override async rebootNode(node: N, options?: CallOptions): Promise<boolean> {
    return nodes.instanceAction(this.#need('rebootNode'), 'RebootInstances', node, options);
  }
  /** TerminateInstances. */
  override async destroyNode(node: N, options?: CallOptions): Promise<boolean> {
    return nodes.instanceAction(this.#need('destroyNode'), 'TerminateInstances', node, options);
  }
  /** StartInstances. */
  override async startNode(node: N, options?: CallOptions): Promise<boolean> {
    return nodes.instanceAction(this.#need('startNode'), 'StartInstances', node, options);
  }
  /** StopInstances (`force` skips the guest's clean shutdown). */
  override async stopNode(node: N, options?: CallOptions & { force?: boolean | undefined }): Promise<boolean> {
    return nodes.instanceAction(this.#need('stopNode'), 'StopInstances', node, options);
  }
  /** ModifyInstanceAttribute with EC2's parameter names, e.g. `{ 'InstanceType.Value': 'm5.large' }` or `{ 'DisableApiTermination.Value': true }`. */
  async exModifyInstanceAttribute(
    node: N,
    attributes: Readonly<Record<string, string | number | boolean>>,
    options?: CallOptions,
  ): Promise<boolean> {
    return nodes.modifyInstanceAttribute(this.#ctx, node, attributes, options);
  }
  /** Changes the instance type of a stopped instance (EC2 refuses a running one: `IncorrectInstanceState`). */
  async exResizeNode(node: N, size: Ref<NodeSize>, options?: CallOptions): Promise<boolean> {
    return nodes.resizeNode(this.#ctx, node, size, options);
  }
  /** The instance's console output, base64-decoded. */
  async exGetConsoleOutput(node: N, options?: CallOptions & { latest?: boolean | undefined }): Promise<string> {
    return nodes.getConsoleOutput(this.#ctx, node, options);
  }
  /** All of the instance's metadata (its tags) as a record; the same meaning on every driver. */
  async exListMetadata(node: N, options?: CallOptions): Promise<Record<string, string>> {
    return tags.tagsOfResource(this.#ctx, node, options);
  }
  /** One metadata value (tag) of the instance; `NotFoundError` when it has no such key. */
  async exGetMetadata(node: N, key: string, options?: CallOptions): Promise<string> {
    return tags.tagOfResource(this.#ctx, node, key, options);
  }

  // ---- sizes, images, locations ----
  /** Instance types from the data table, priced for this region from the pricing data (undefined when unknown). */
  override listSizes(options?: ListSizesOptions): Promise<NodeSize<Ec2SizeExtra>[]> {
    return drain(this.iterateSizes(options));
  }
  /** Iterates the instance types of {@link Ec2NodeDriver.listSizes}. */
  override async *iterateSizes(_options?: ListSizesOptions): AsyncGenerator<NodeSize<Ec2SizeExtra>> {
    const { settings } = this.#need('listSizes');
    for (const t of EC2_INSTANCE_TYPES) yield toSize(t, findSizePrice('compute', settings.provider.id, t.id, settings.region), this);
  }
  /** DescribeImages; `ex` selects owners, ids, executable-by and filters (default on AWS: yours and Amazon's). */
  override listImages(options: img.Ec2ListImagesOptions = {}): Promise<NodeImage<Ec2ImageExtra>[]> {
    return drain(this.iterateImages(options));
  }
  /** Iterates DescribeImages page by page (`ex` as for {@link Ec2NodeDriver.listImages}). */
  override async *iterateImages(options: img.Ec2ListImagesOptions = {}): AsyncGenerator<NodeImage<Ec2ImageExtra>> {
    yield* img.iterateImages(this.#need('listImages'), options.ex, options);
  }
  /** Iterates DescribeImages page by page. */
  async *exIterateImages(query?: img.Ec2ImageQuery, options?: CallOptions): AsyncGenerator<NodeImage<Ec2ImageExtra>> {
    yield* img.iterateImages(this.#need('listImages'), query, options);
  }
  /** One AMI; `NotFoundError` when absent. */
  override async getImage(id: string, options?: CallOptions): Promise<NodeImage<Ec2ImageExtra>> {
    return img.getImage(this.#need('getImage'), id, options);
  }
  /** CreateImage from an instance. */
  async exCreateImage(node: N, options: img.Ec2CreateImageOptions): Promise<NodeImage<Ec2ImageExtra>> {
    return img.createImage(this.#ctx, node, options);
  }
  /** DeregisterImage. */
  async exDeregisterImage(image: Ref<NodeImage>, options?: CallOptions): Promise<boolean> {
    return img.deregisterImage(this.#ctx, image, options);
  }
  /** CopyImage from another region into this one. */
  async exCopyImage(options: img.Ec2CopyImageOptions): Promise<NodeImage<Ec2ImageExtra>> {
    return img.copyImage(this.#ctx, options);
  }
  /** DescribeAvailabilityZones. */
  override listLocations(options?: CallOptions): Promise<NodeLocation<Ec2LocationExtra>[]> {
    return drain(this.iterateLocations(options));
  }
  /** Iterates the availability zones (one DescribeAvailabilityZones call: it has no pages). */
  override async *iterateLocations(options: CallOptions = {}): AsyncGenerator<NodeLocation<Ec2LocationExtra>> {
    const ctx = this.#need('listLocations');
    const res = await ctx.client.call('DescribeAvailabilityZones', {}, { idempotent: true, signal: options.signal });
    const country = ctx.settings.provider.regions.find((r) => r.id === ctx.settings.region)?.country ?? '';
    for (const z of items(res, 'availabilityZoneInfo')) yield toLocation(z, country, this);
  }

  // ---- volumes and snapshots ----
  /** Iterates EBS volumes. */
  override async *iterateVolumes(options?: CallOptions & vol.Ec2VolumeFilters): AsyncGenerator<StorageVolume<Ec2VolumeExtra>> {
    yield* vol.iterateVolumes(this.#need('listVolumes'), options);
  }
  /** One volume; `NotFoundError` when absent. */
  async exGetVolume(id: string, options?: CallOptions): Promise<StorageVolume<Ec2VolumeExtra>> {
    return vol.getVolume(this.#need('listVolumes'), id, options);
  }
  /** CreateVolume (idempotent `ClientToken`); `location` is the availability zone. */
  override async createVolume(options: CreateVolumeOptions<vol.Ec2CreateVolumeEx>): Promise<StorageVolume<Ec2VolumeExtra>> {
    return vol.createVolume(this.#need('createVolume'), options);
  }
  /** AttachVolume (device default: first free of `/dev/sdf`–`/dev/sdp`). */
  override async attachVolume(volume: Ref<StorageVolume>, options: AttachVolumeOptions): Promise<boolean> {
    return vol.attachVolume(this.#need('attachVolume'), volume, options);
  }
  /** DetachVolume. */
  override async detachVolume(volume: Ref<StorageVolume>, options?: CallOptions & { force?: boolean | undefined }): Promise<boolean> {
    return vol.detachVolume(this.#need('detachVolume'), volume, options);
  }
  /** DeleteVolume. */
  override async destroyVolume(volume: Ref<StorageVolume>, options?: CallOptions): Promise<boolean> {
    return vol.destroyVolume(this.#need('destroyVolume'), volume, options);
  }
  /** Iterates your snapshots, of one volume when given. */
  override async *iterateVolumeSnapshots(options?: ListVolumeSnapshotsOptions): AsyncGenerator<VolumeSnapshot<Ec2SnapshotExtra>> {
    yield* vol.iterateVolumeSnapshots(this.#need('listVolumeSnapshots'), options);
  }
  /** CreateSnapshot. */
  override async createVolumeSnapshot(
    volume: Ref<StorageVolume>,
    options?: CallOptions & { name?: string | undefined },
  ): Promise<VolumeSnapshot<Ec2SnapshotExtra>> {
    return vol.createVolumeSnapshot(this.#need('createVolumeSnapshot'), volume, options);
  }
  /** DeleteSnapshot. */
  override async destroyVolumeSnapshot(snapshot: Ref<VolumeSnapshot>, options?: CallOptions): Promise<boolean> {
    return vol.destroyVolumeSnapshot(this.#need('destroyVolumeSnapshot'), snapshot, options);
  }

  // ---- key pairs ----
  /** DescribeKeyPairs. */
  override listKeyPairs(options?: CallOptions): Promise<KeyPair<Ec2KeyPairExtra>[]> {
    return drain(this.iterateKeyPairs(options));
  }
  /** Iterates DescribeKeyPairs (one call: it has no pages). */
  override async *iterateKeyPairs(options?: CallOptions): AsyncGenerator<KeyPair<Ec2KeyPairExtra>> {
    yield* await keys.listKeyPairs(this.#need('listKeyPairs'), undefined, options);
  }
  /** One key pair; `NotFoundError` when absent. */
  override async getKeyPair(name: string, options?: CallOptions): Promise<KeyPair<Ec2KeyPairExtra>> {
    return keys.getKeyPair(this.#need('getKeyPair'), name, options);
  }
  /** CreateKeyPair; the result's `privateKey` holds the generated key (shown once). */
  override async createKeyPair(options: CreateKeyPairOptions): Promise<KeyPair<Ec2KeyPairExtra>> {
    return keys.createKeyPair(this.#need('createKeyPair'), options?.name, options);
  }
  /** ImportKeyPair of an OpenSSH public key. */
  override async importKeyPairFromString(options: ImportKeyPairOptions): Promise<KeyPair<Ec2KeyPairExtra>> {
    return keys.importKeyPair(this.#need('importKeyPairFromString'), options.name, options.publicKey, options);
  }
  /** DeleteKeyPair. */
  override async deleteKeyPair(keyPair: KeyPair | string, options?: CallOptions): Promise<boolean> {
    return keys.deleteKeyPair(
      this.#need('deleteKeyPair'),
      typeof keyPair === 'object' && keyPair !== null ? keyPair.name : keyPair,
      options,
    );
  }

  // ---- security groups ----
  /** DescribeSecurityGroups. */
  async exListSecurityGroups(query?: sg.Ec2SecurityGroupQuery): Promise<Ec2SecurityGroup[]> {
    return sg.listSecurityGroups(this.#ctx, query);
  }
  /** CreateSecurityGroup; returns the group id. */
  async exCreateSecurityGroup(options: sg.Ec2CreateSecurityGroupOptions): Promise<string> {
    return sg.createSecurityGroup(this.#ctx, options);
  }
  /** DeleteSecurityGroup by id or name. */
  async exDeleteSecurityGroup(group: string, options?: CallOptions): Promise<boolean> {
    return sg.deleteSecurityGroup(this.#ctx, group, options);
  }
  /** AuthorizeSecurityGroupIngress (group id or name). */
  async exAuthorizeSecurityGroupIngress(group: string, permissions: readonly Ec2IpPermission[], options?: CallOptions): Promise<boolean> {
    return sg.changeRules(this.#ctx, 'AuthorizeSecurityGroupIngress', group, permissions, options);
  }
  /** AuthorizeSecurityGroupEgress (group id). */
  async exAuthorizeSecurityGroupEgress(groupId: string, permissions: readonly Ec2IpPermission[], options?: CallOptions): Promise<boolean> {
    return sg.changeRules(this.#ctx, 'AuthorizeSecurityGroupEgress', groupId, permissions, options);
  }
  /** RevokeSecurityGroupIngress (group id or name). */
  async exRevokeSecurityGroupIngress(group: string, permissions: readonly Ec2IpPermission[], options?: CallOptions): Promise<boolean> {
    return sg.changeRules(this.#ctx, 'RevokeSecurityGroupIngress', group, permissions, options);
  }
  /** RevokeSecurityGroupEgress (group id). */
  async exRevokeSecurityGroupEgress(groupId: string, permissions: readonly Ec2IpPermission[], options?: CallOptions): Promise<boolean> {
    return sg.changeRules(this.#ctx, 'RevokeSecurityGroupEgress', groupId, permissions, options);
  }

  // ---- Elastic IPs ----
  /** DescribeAddresses. */
  async exListAddresses(query?: addr.Ec2AddressQuery): Promise<Ec2ElasticIp[]> {
    return addr.listAddresses(this.#ctx, query);
  }
  /** AllocateAddress. */
  async exAllocateAddress(options?: CallOptions & { domain?: 'vpc' | 'standard' | undefined }): Promise<Ec2ElasticIp> {
    return addr.allocateAddress(this.#ctx, options);
  }
  /** AssociateAddress with an instance; returns the association id. */
  async exAssociateAddress(
    address: addr.Ec2AddressRef,
    node: N,
    options?: CallOptions & { allowReassociation?: boolean | undefined },
  ): Promise<string> {
    return addr.associateAddress(this.#ctx, address, node, options);
  }
  /** DisassociateAddress. */
  async exDisassociateAddress(address: addr.Ec2AddressRef, options?: CallOptions): Promise<boolean> {
    return addr.disassociateAddress(this.#ctx, address, options);
  }
  /** ReleaseAddress. */
  async exReleaseAddress(address: addr.Ec2AddressRef, options?: CallOptions): Promise<boolean> {
    return addr.releaseAddress(this.#ctx, address, options);
  }

  // ---- tags ----
  /** CreateTags on one or more resources (instances, volumes, snapshots, images, groups…). */
  async exCreateTags(
    resources: tags.Ec2ResourceRef | readonly tags.Ec2ResourceRef[],
    values: Readonly<Record<string, string>>,
    options?: CallOptions,
  ): Promise<boolean> {
    return tags.createTags(this.#ctx, resources, values, options);
  }
  /**
   * DeleteTags: keys (any value), key/value pairs that must match, or `{ all: true }` for every tag.
   * An empty list or record throws `InvalidArgumentError` (EC2 would delete every tag).
   */
  async exDeleteTags(
    resources: tags.Ec2ResourceRef | readonly tags.Ec2ResourceRef[],
    keys: tags.Ec2TagsToDelete,
    options?: CallOptions,
  ): Promise<boolean> {
    return tags.deleteTags(this.#ctx, resources, keys, options);
  }
  /** DescribeTags. */
  async exListTags(query?: Parameters<typeof tags.listTags>[1]): Promise<Ec2Tag[]> {
    return tags.listTags(this.#ctx, query);
  }

  /** Calls any EC2 Query API action and returns its raw `<ActionResponse>` element (an escape hatch). */
  async exCall(
    action: string,
    params: Ec2Params = {},
    options: CallOptions & { idempotent?: boolean | undefined } = {},
  ): Promise<XmlObject> {
    return this.#ctx.client.call(action, params, options);
  }
}

/**
 * Libcloud's name; use {@link Ec2NodeDriver}. The same class (construct it, call `fromEnv`, or use it as a type).
 * @deprecated Libcloud's name; use Ec2NodeDriver.
 */
export const EC2NodeDriver: typeof Ec2NodeDriver = Ec2NodeDriver;
/** @deprecated Libcloud's name; use Ec2NodeDriver. */
export type EC2NodeDriver = Ec2NodeDriver;
