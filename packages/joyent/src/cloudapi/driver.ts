import { drain, type Capabilities, type CallOptions } from '@cloudmux/core';
import {
  NodeDriver,
  type ComputeMethod,
  type ImportKeyPairOptions,
  type KeyPair,
  type ListNodesOptions,
  type Node,
  type NodeImage,
  type NodeLocation,
  type NodeSize,
  type Ref,
  type VolumeSnapshot,
} from '@cloudmux/core/compute';
import type { SigningKeyInfo } from '../auth/signing-key.js';
import { type Env, readJoyentEnv } from '../config/from-env.js';
import * as account from './account.js';
import type { JoyentPing } from './account.js';
import { JOYENT_CAPABILITIES } from './capabilities.js';
import * as catalog from './catalog.js';
import { createContext, type JoyentContext } from './context.js';
import * as dcs from './datacenters.js';
import * as fw from './firewall.js';
import * as img from './image-from-node.js';
import * as keys from './key-pairs.js';
import * as md from './metadata.js';
import * as net from './networks.js';
import * as nodes from './nodes.js';
import type {
  JoyentCreateNodeOptions,
  JoyentDriverOptions,
  JoyentImageFilters,
  JoyentListNodesEx,
  JoyentListOptions,
  JoyentNetworkSpec,
  JoyentPackageFilters,
} from './options.js';
import { JOYENT_PROVIDER } from './provider.js';
import * as snap from './snapshots.js';
import * as tags from './tags.js';
import type {
  JoyentAccount,
  JoyentAccountUpdate,
  JoyentAuditEntry,
  JoyentDatacenter,
  JoyentFirewallRule,
  JoyentImageExtra,
  JoyentKeyPairExtra,
  JoyentLocationExtra,
  JoyentNetwork,
  JoyentNic,
  JoyentNodeExtra,
  JoyentSizeExtra,
  JoyentSnapshotExtra,
} from './types.js';
import * as waits from './waits.js';
import type { JoyentNodePredicate, WaitForStateOptions } from './waits.js';

type N = Ref<Node>;
type Opts = CallOptions;

/**
 * Joyent Triton / SmartDataCenter CloudAPI compute driver: HTTP Signature auth (key file, key
 * text, ssh-agent; RBAC sub-users), CloudAPI 7.x–9.x (and a legacy 6.5 mode), every page of
 * every list, and the `smartdc` library's feature set as `ex*` methods. Each method hands the
 * driver's {@link JoyentContext} to the module of its resource family (`nodes.ts`, `catalog.ts`…).
 *
 * @example
 * const driver = new JoyentNodeDriver('me', '~/.ssh/id_rsa', { url: 'https://cloudapi.example.com' });
 */
export class JoyentNodeDriver extends NodeDriver {
  /** The Joyent Triton provider definition. */
  static override readonly provider = JOYENT_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: Capabilities<ComputeMethod> = JOYENT_CAPABILITIES;
  /** Boot scripts go in `ex.userScript` (CloudAPI's `user-script` metadata). */
  static override readonly bootScriptExKey: string | undefined = 'userScript';

  /** A driver configured from `TRITON_*` / `SDC_*` variables or a Triton CLI profile (`TRITON_PROFILE`, `~/.triton/config.json`); `overrides` win. */
  static fromEnv(env: Env = process.env, overrides: JoyentDriverOptions = {}): JoyentNodeDriver {
    const cfg = readJoyentEnv(env);
    return new JoyentNodeDriver(cfg.account, cfg.keyId, { ...cfg.options, ...overrides });
  }

  /** Account login the driver authenticates as. */
  readonly account: string;
  /** CloudAPI base URL. */
  readonly url: string;
  readonly #ctx: JoyentContext;

  /**
   * @param account - account login.
   * @param keyIdOrPath - a key id (`/<account>/keys/<md5>`), a fingerprint (MD5 or `SHA256:`), or a private key path.
   * @param options - see {@link JoyentDriverOptions}.
   */
  constructor(account: string, keyIdOrPath?: string, options: JoyentDriverOptions = {}) {
    super();
    this.#ctx = createContext(this, account, keyIdOrPath, options);
    this.account = account;
    this.url = this.#ctx.settings.url;
  }

  /** Name of the datacenter this driver talks to, when known. */
  get datacenter(): string | undefined {
    return this.#ctx.settings.datacenter;
  }

  /** Closes pooled HTTP connections. */
  close(): void {
    this.#ctx.client.close();
  }
  /** Iterates machines lazily, one page (≤ 1000) at a time, following every page. */
  override iterateNodes(options: ListNodesOptions<JoyentListNodesEx> = {}): AsyncIterable<Node<JoyentNodeExtra>> {
    return nodes.iterateNodes(this.#ctx, options);
  }
  /** Lists every machine (all pages). Filters go in `ex` (name, state, image, memory, tags, tombstone...). */
  override listNodes(options: ListNodesOptions<JoyentListNodesEx> = {}): Promise<Node<JoyentNodeExtra>[]> {
    return nodes.listNodes(this.#ctx, options);
  }
  /** Gets one machine; a deleted machine (410) comes back in state TERMINATED. */
  override getNode(id: string, options: CallOptions & { credentials?: boolean } = {}): Promise<Node<JoyentNodeExtra>> {
    return nodes.getNode(this.#ctx, id, options);
  }
  /**
   * Creates a machine: `size` a package (id or name), `image` an image id, `location` a datacenter name; a name is
   * generated when absent. With `ex.useDefaults: true` an omitted size / image is the datacenter's default.
   */
  override createNode(options: JoyentCreateNodeOptions): Promise<Node<JoyentNodeExtra>> {
    return nodes.createNode(this.#ctx, options);
  }
  /** Reboots a machine. */
  override rebootNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    return nodes.machineAction(this.#ctx, node, 'reboot', {}, options, 'rebootNode');
  }
  /** Starts a stopped machine. */
  override startNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    return nodes.machineAction(this.#ctx, node, 'start', {}, options, 'startNode');
  }
  /** Stops a running machine. */
  override stopNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    return nodes.machineAction(this.#ctx, node, 'stop', {}, options, 'stopNode');
  }
  /** Deletes a machine (true also when it was already deleted). */
  override destroyNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    return nodes.destroyNode(this.#ctx, node, options);
  }
  /** Lists packages as sizes, priced from `pricing/compute/joyent.json` by package name (drains `iterateSizes`). */
  override listSizes(options: JoyentListOptions<JoyentPackageFilters> = {}): Promise<NodeSize<JoyentSizeExtra>[]> {
    return drain(this.iterateSizes(options));
  }
  /** Iterates packages as sizes (CloudAPI returns them in one answer). */
  override async *iterateSizes(options: JoyentListOptions<JoyentPackageFilters> = {}): AsyncGenerator<NodeSize<JoyentSizeExtra>> {
    yield* await catalog.listSizes(this.#ctx, options);
  }
  /** Lists images, datasets in legacy 6.5 mode (drains `iterateImages`). */
  override listImages(options: JoyentListOptions<JoyentImageFilters> = {}): Promise<NodeImage<JoyentImageExtra>[]> {
    return drain(this.iterateImages(options));
  }
  /** Iterates images (CloudAPI returns them in one answer). */
  override async *iterateImages(options: JoyentListOptions<JoyentImageFilters> = {}): AsyncGenerator<NodeImage<JoyentImageExtra>> {
    yield* await catalog.listImages(this.#ctx, options);
  }
  /** Gets one image (or 6.5 dataset) by id. */
  override getImage(id: string, options: CallOptions = {}): Promise<NodeImage<JoyentImageExtra>> {
    return catalog.getImage(this.#ctx, id, options);
  }
  /** Lists datacenters as locations, `extra.url` being each one's CloudAPI URL (drains `iterateLocations`). */
  override listLocations(options: CallOptions = {}): Promise<NodeLocation<JoyentLocationExtra>[]> {
    return drain(this.iterateLocations(options));
  }
  /** Iterates datacenters as locations. */
  override async *iterateLocations(options: CallOptions = {}): AsyncGenerator<NodeLocation<JoyentLocationExtra>> {
    yield* await dcs.listLocations(this.#ctx, options);
  }
  /** Lists SSH keys of the account, or of the RBAC sub-user (drains `iterateKeyPairs`). */
  override listKeyPairs(options: CallOptions = {}): Promise<KeyPair<JoyentKeyPairExtra>[]> {
    return drain(this.iterateKeyPairs(options));
  }
  /** Iterates SSH keys of the account (or of the RBAC sub-user). */
  override async *iterateKeyPairs(options: CallOptions = {}): AsyncGenerator<KeyPair<JoyentKeyPairExtra>> {
    yield* await keys.listKeyPairs(this.#ctx, options);
  }
  /** Gets a key by name or MD5 fingerprint. */
  override getKeyPair(name: string, options: CallOptions = {}): Promise<KeyPair<JoyentKeyPairExtra>> {
    return keys.getKeyPair(this.#ctx, name, options);
  }
  /** Uploads an OpenSSH public key. */
  override importKeyPairFromString(options: ImportKeyPairOptions): Promise<KeyPair<JoyentKeyPairExtra>> {
    return keys.importKeyPair(this.#ctx, options);
  }
  /** Deletes a key by name (or a {@link KeyPair}). */
  override deleteKeyPair(keyPair: KeyPair | string, options: CallOptions = {}): Promise<boolean> {
    return keys.deleteKeyPair(this.#ctx, keyPair, options);
  }
  /** Resolves the signing key now (agent / `~/.ssh` lookups included) and describes it. */
  exGetKeyInfo(): Promise<SigningKeyInfo & { keyId: string }> {
    return account.getKeyInfo(this.#ctx);
  }
  /** `GET /--ping`: versions served, the matched `Api-Version` and the datacenter name. */
  exPing(options: Opts = {}): Promise<JoyentPing> {
    return account.ping(this.#ctx, options);
  }
  /** ListDatacenters: every datacenter name and CloudAPI URL. */
  exListDatacenters(options: Opts = {}): Promise<JoyentDatacenter[]> {
    return dcs.listDatacenters(this.#ctx, options.signal, true);
  }
  /** A driver for datacenter `name` with the same credentials and options. */
  exForDatacenter(name: string, options: Opts = {}): Promise<JoyentNodeDriver> {
    return dcs.forDatacenter<JoyentNodeDriver>(this.#ctx, name, options);
  }
  /** Counts machines matching the filters (`HEAD /machines`, `x-resource-count`). */
  exCountNodes(filters?: JoyentListNodesEx, options: Opts = {}): Promise<number> {
    return nodes.countNodes(this.#ctx, filters, options);
  }
  /** Resizes a machine to another package (not for kvm). */
  exResizeNode(node: N, size: Ref<NodeSize>, options: Opts = {}): Promise<boolean> {
    return nodes.resizeNode(this.#ctx, node, size, options);
  }
  /** Renames a machine. */
  exRenameNode(node: N, name: string, options: Opts = {}): Promise<boolean> {
    return nodes.renameNode(this.#ctx, node, name, options);
  }
  /** Turns the Cloud Firewall on or off for a machine. */
  exSetFirewallEnabled(node: N, enabled: boolean, options: Opts = {}): Promise<boolean> {
    return nodes.setFirewallEnabled(this.#ctx, node, enabled, options);
  }
  /** Turns deletion protection on or off (CloudAPI 8.6+). */
  exSetDeletionProtection(node: N, enabled: boolean, options: Opts = {}): Promise<boolean> {
    return nodes.setDeletionProtection(this.#ctx, node, enabled, options);
  }
  /** MachineAudit: actions on a machine, newest first. */
  exGetMachineAudit(node: N, options: Opts = {}): Promise<JoyentAuditEntry[]> {
    return nodes.machineAudit(this.#ctx, node, options);
  }
  /** Polls until the machine reaches `state` (portable or CloudAPI name) or `predicate` holds (poll_until). */
  exWaitForState(node: N, state: string | JoyentNodePredicate, options: WaitForStateOptions = {}): Promise<Node<JoyentNodeExtra>> {
    return waits.waitForState(this.#ctx, node, state, options, 'until');
  }
  /** Polls while the machine is in `state` or `predicate` holds (poll_while); returns the first other node. */
  exWaitWhileState(node: N, state: string | JoyentNodePredicate, options: WaitForStateOptions = {}): Promise<Node<JoyentNodeExtra>> {
    return waits.waitForState(this.#ctx, node, state, options, 'while');
  }
  /** CreateImageFromMachine: a new image (state `creating`) of a running or stopped machine; see `exWaitForImage`. */
  exCreateImageFromNode(node: N, options: img.CreateImageFromNodeOptions): Promise<NodeImage<JoyentImageExtra>> {
    return img.createImageFromNode(this.#ctx, node, options);
  }
  /** Polls an image until it is `active` (a `failed` image throws `ProviderError`). */
  exWaitForImage(image: Ref<NodeImage>, options: img.WaitForImageOptions = {}): Promise<NodeImage<JoyentImageExtra>> {
    return img.waitForImage(this.#ctx, image, options);
  }
  /** GetPackage by id or name. */
  exGetSize(idOrName: string, options: Opts = {}): Promise<NodeSize<JoyentSizeExtra>> {
    return catalog.getSize(this.#ctx, idOrName, options);
  }
  /** The flagged default package, else the smallest one. */
  exGetDefaultSize(options: JoyentListOptions<JoyentPackageFilters> = {}): Promise<NodeSize<JoyentSizeExtra> | undefined> {
    return catalog.getDefaultSize(this.#ctx, options);
  }
  /** The flagged default image (6.5), else the most recently published one (of `os`, when given). */
  exGetDefaultImage(
    options: JoyentListOptions<JoyentImageFilters> & { os?: string | undefined } = {},
  ): Promise<NodeImage<JoyentImageExtra> | undefined> {
    return catalog.getDefaultImage(this.#ctx, options);
  }
  /** Sizes whose name matches `pattern`. */
  exFindSizes(pattern: RegExp, options: JoyentListOptions<JoyentPackageFilters> = {}): Promise<NodeSize<JoyentSizeExtra>[]> {
    return catalog.findSizes(this.#ctx, pattern, options);
  }
  /** Images whose name or `name@version` matches `pattern`. */
  exFindImages(pattern: RegExp, options: JoyentListOptions<JoyentImageFilters> = {}): Promise<NodeImage<JoyentImageExtra>[]> {
    return catalog.findImages(this.#ctx, pattern, options);
  }
  /** Lists a machine's snapshots. */
  exListSnapshots(node: N, options: Opts = {}): Promise<VolumeSnapshot<JoyentSnapshotExtra>[]> {
    return snap.listSnapshots(this.#ctx, node, options);
  }
  /** Snapshots a machine (name optional; not for kvm). */
  exCreateSnapshot(node: N, options: Opts & { name?: string | undefined } = {}): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
    return snap.createSnapshot(this.#ctx, node, options.name, options);
  }
  /** Gets one snapshot. */
  exGetSnapshot(node: N, name: string, options: Opts = {}): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
    return snap.getSnapshot(this.#ctx, node, name, options);
  }
  /** Deletes a snapshot. */
  exDeleteSnapshot(node: N, snapshot: Ref<VolumeSnapshot>, options: Opts = {}): Promise<boolean> {
    return snap.deleteSnapshot(this.#ctx, node, snap.snapshotName(snapshot), options);
  }
  /** Boots a stopped machine from a snapshot. */
  exStartFromSnapshot(node: N, snapshot: Ref<VolumeSnapshot>, options: Opts = {}): Promise<boolean> {
    return snap.startFromSnapshot(this.#ctx, node, snap.snapshotName(snapshot), options);
  }
  /** Polls a snapshot until it is `created`. */
  exWaitForSnapshot(
    node: N,
    snapshot: Ref<VolumeSnapshot>,
    options: snap.WaitForSnapshotOptions = {},
  ): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
    return snap.waitForSnapshot(this.#ctx, node, snap.snapshotName(snapshot), options);
  }
  /** Lists metadata (`credentials: true` adds generated passwords). */
  exListMetadata(node: N, options: Opts & { credentials?: boolean | undefined } = {}): Promise<Record<string, unknown>> {
    return md.listMetadata(this.#ctx, node, options);
  }
  /** Gets one metadata value. */
  exGetMetadata(node: N, key: string, options: Opts = {}): Promise<string> {
    return md.getMetadata(this.#ctx, node, key, options);
  }
  /** Creates or overwrites metadata keys; returns all metadata. */
  exSetMetadata(node: N, values: Readonly<Record<string, string>>, options: Opts = {}): Promise<Record<string, unknown>> {
    return md.setMetadata(this.#ctx, node, values, options);
  }
  /** Deletes one metadata key (`key` must be a real key: `exDeleteAllMetadata` deletes every key). */
  exDeleteMetadata(node: N, key: string, options: Opts = {}): Promise<boolean> {
    return md.deleteMetadata(this.#ctx, node, key, options);
  }
  /** Deletes all (deletable) metadata. */
  exDeleteAllMetadata(node: N, options: Opts = {}): Promise<boolean> {
    return md.deleteAllMetadata(this.#ctx, node, options);
  }
  /** Sets the boot script (`user-script`, run at first boot and every reboot). */
  exSetBootScript(node: N, script: string, options: Opts = {}): Promise<Record<string, unknown>> {
    return md.setMetadata(this.#ctx, node, { [md.USER_SCRIPT_KEY]: script }, options, 'exSetBootScript');
  }
  /** Removes the boot script. */
  exDeleteBootScript(node: N, options: Opts = {}): Promise<boolean> {
    return md.deleteMetadata(this.#ctx, node, md.USER_SCRIPT_KEY, options, 'exDeleteBootScript');
  }
  /** Lists tags. */
  exListTags(node: N, options: Opts = {}): Promise<Record<string, tags.JoyentTagValue>> {
    return tags.listTags(this.#ctx, node, options);
  }
  /** Adds (merges) tags; returns the resulting tags. */
  exAddTags(
    node: N,
    values: Readonly<Record<string, tags.JoyentTagValue>>,
    options: Opts = {},
  ): Promise<Record<string, tags.JoyentTagValue>> {
    return tags.writeTags(this.#ctx, node, values, false, options);
  }
  /** Replaces all tags. */
  exReplaceTags(
    node: N,
    values: Readonly<Record<string, tags.JoyentTagValue>>,
    options: Opts = {},
  ): Promise<Record<string, tags.JoyentTagValue>> {
    return tags.writeTags(this.#ctx, node, values, true, options);
  }
  /** Gets one tag value. */
  exGetTag(node: N, key: string, options: Opts = {}): Promise<tags.JoyentTagValue> {
    return tags.getTag(this.#ctx, node, key, options);
  }
  /** Deletes one tag (`key` must be a real key: `exDeleteAllTags` deletes every tag). */
  exDeleteTag(node: N, key: string, options: Opts = {}): Promise<boolean> {
    return tags.deleteTag(this.#ctx, node, key, options);
  }
  /** Deletes all tags. */
  exDeleteAllTags(node: N, options: Opts = {}): Promise<boolean> {
    return tags.deleteAllTags(this.#ctx, node, options);
  }
  /** Lists networks (and network pools). */
  exListNetworks(options: Opts = {}): Promise<JoyentNetwork[]> {
    return net.listNetworks(this.#ctx, options);
  }
  /** Gets a network. */
  exGetNetwork(id: string, options: Opts = {}): Promise<JoyentNetwork> {
    return net.getNetwork(this.#ctx, id, options);
  }
  /** Lists a machine's NICs. */
  exListNics(node: N, options: Opts = {}): Promise<JoyentNic[]> {
    return net.listNics(this.#ctx, node, options);
  }
  /** Gets a NIC by MAC (any separator). */
  exGetNic(node: N, mac: string | JoyentNic, options: Opts = {}): Promise<JoyentNic> {
    return net.getNic(this.#ctx, node, mac, options);
  }
  /** Adds a NIC on a network (the machine reboots). */
  exAddNic(node: N, network: JoyentNetworkSpec, options: net.AddNicOptions = {}): Promise<JoyentNic> {
    return net.addNic(this.#ctx, node, network, options);
  }
  /** Removes a NIC (the machine reboots). */
  exRemoveNic(node: N, mac: string | JoyentNic, options: Opts = {}): Promise<boolean> {
    return net.removeNic(this.#ctx, node, mac, options);
  }
  /** Lists firewall rules. */
  exListFirewallRules(options: Opts = {}): Promise<JoyentFirewallRule[]> {
    return fw.listFirewallRules(this.#ctx, options);
  }
  /** Gets a firewall rule. */
  exGetFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<JoyentFirewallRule> {
    return fw.getFirewallRule(this.#ctx, rule, options);
  }
  /** Creates a firewall rule (disabled unless `enabled: true`). */
  exCreateFirewallRule(input: fw.FirewallRuleInput & Opts): Promise<JoyentFirewallRule> {
    return fw.createFirewallRule(this.#ctx, input);
  }
  /** Updates a firewall rule's text, state or description. */
  exUpdateFirewallRule(rule: string | JoyentFirewallRule, input: fw.FirewallRuleInput & Opts): Promise<JoyentFirewallRule> {
    return fw.updateFirewallRule(this.#ctx, rule, input);
  }
  /** Enables a firewall rule. */
  exEnableFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<JoyentFirewallRule> {
    return fw.setFirewallRuleEnabled(this.#ctx, rule, true, options);
  }
  /** Disables a firewall rule. */
  exDisableFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<JoyentFirewallRule> {
    return fw.setFirewallRuleEnabled(this.#ctx, rule, false, options);
  }
  /** Deletes a firewall rule. */
  exDeleteFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<boolean> {
    return fw.deleteFirewallRule(this.#ctx, rule, options);
  }
  /** Machines a firewall rule applies to (every page). */
  exListFirewallRuleNodes(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<Node<JoyentNodeExtra>[]> {
    return fw.firewallRuleNodes(this.#ctx, rule, options);
  }
  /** Firewall rules that apply to a machine. */
  exListNodeFirewallRules(node: N, options: Opts = {}): Promise<JoyentFirewallRule[]> {
    return fw.machineFirewallRules(this.#ctx, node, options);
  }
  /** GetAccount. */
  exGetAccount(options: Opts = {}): Promise<JoyentAccount> {
    return account.getAccount(this.#ctx, options);
  }
  /** UpdateAccount (only the fields given change). */
  exUpdateAccount(update: JoyentAccountUpdate, options: Opts = {}): Promise<JoyentAccount> {
    return account.updateAccount(this.#ctx, update, options);
  }
}
