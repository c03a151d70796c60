import type { CallOptions } from '@cloudmux/core';
import type { Node, NodeImage, NodeSize, Ref, VolumeSnapshot } from '@cloudmux/core/compute';
import type { SigningKeyInfo } from '../auth/signing-key.js';
import { type Env, readJoyentEnv } from '../config/from-env.js';
import { toSize } from '../mappers/to-resources.js';
import type {
  JoyentAccount,
  JoyentAccountUpdate,
  JoyentAuditEntry,
  JoyentDatacenter,
  JoyentFirewallRule,
  JoyentImageExtra,
  JoyentNetwork,
  JoyentNic,
  JoyentNodeExtra,
  JoyentSizeExtra,
  JoyentSnapshotExtra,
} from '../types.js';
import type { WirePackage } from '../wire.js';
import { getSizePrice } from '@cloudmux/core/pricing';
import { JoyentDriverBase } from './base-driver.js';
import type { JoyentImageFilters, JoyentListNodesFilters, JoyentListOptions, JoyentNetworkSpec, JoyentPackageFilters } from './call-options.js';
import { driverForDatacenter, listDatacenters } from './datacenters.js';
import { getAccount, type JoyentPing, ping, updateAccount } from './ex-account.js';
import * as fw from './ex-firewall.js';
import { countNodes, machineAction, machineAudit, machineFirewallRules, packageOf } from './ex-machines.js';
import * as md from './ex-metadata.js';
import * as net from './ex-networks.js';
import * as snap from './ex-snapshots.js';
import { defaultImage, defaultSize, filterImages, filterSizes } from './ex-search.js';
import * as tags from './ex-tags.js';
import { internalsOf } from './internals.js';
import type { JoyentDriverOptions } from './options.js';
import { type JoyentNodePredicate, type WaitForStateOptions, waitForState } from './wait-for-state.js';

type N = Ref<Node>;
type Opts = CallOptions;

/**
 * Joyent Triton / SmartDataCenter CloudAPI compute driver: HTTP Signature auth (key file, key
 * text, ssh-agent; RBAC sub-users), CloudAPI 7.x–9.x (and a legacy 6.5 mode), every page of
 * every list, and the `smartdc` library's feature set as `ex*` methods.
 *
 * @example
 * const driver = new JoyentNodeDriver('me', '~/.ssh/id_rsa', { url: 'https://cloudapi.example.com' });
 */
export class JoyentNodeDriver extends JoyentDriverBase {
  /**
   * A driver configured from `TRITON_*` / `SDC_*` variables or a Triton CLI profile
   * (`TRITON_PROFILE`, `~/.triton/config.json`); `overrides` win over what was read.
   */
  static fromEnv(env: Env = process.env, overrides: JoyentDriverOptions = {}): JoyentNodeDriver {
    const cfg = readJoyentEnv(env);
    return new JoyentNodeDriver(cfg.account, cfg.keyId, { ...cfg.options, ...overrides });
  }

  // ---- credentials, endpoints and datacenters ----
  /** Resolves the signing key now (agent / `~/.ssh` lookups included) and describes it. */
  async exGetKeyInfo(): Promise<SigningKeyInfo & { keyId: string }> {
    const { keyId, key } = await internalsOf(this).credentials.resolve();
    const { type, bits, algorithm, md5Fingerprint, sha256Fingerprint, source } = key;
    return { keyId, type, bits, algorithm, md5Fingerprint, sha256Fingerprint, source };
  }
  /** `GET /--ping`: versions served, the matched `Api-Version` and the datacenter name. */
  exPing(options: Opts = {}): Promise<JoyentPing> {
    return ping(this, options);
  }
  /** ListDatacenters: every datacenter name and CloudAPI URL. */
  exListDatacenters(options: Opts = {}): Promise<JoyentDatacenter[]> {
    return listDatacenters(this, options.signal, true);
  }
  /** A driver for datacenter `name` with the same credentials and options. */
  exForDatacenter(name: string, options: Opts = {}): Promise<JoyentNodeDriver> {
    return driverForDatacenter(this, name, options.signal);
  }

  // ---- machines ----
  /** Counts machines matching the filters (`HEAD /machines`, `x-resource-count`). */
  exCountNodes(filters?: JoyentListNodesFilters, options: Opts = {}): Promise<number> {
    return countNodes(this, filters, options);
  }
  /** Resizes a machine to another package (not for kvm). */
  exResizeNode(node: N, size: Ref<NodeSize>, options: Opts = {}): Promise<boolean> {
    return machineAction(this, node, 'resize', { package: packageOf(this, size) }, options);
  }
  /** Renames a machine. */
  exRenameNode(node: N, name: string, options: Opts = {}): Promise<boolean> {
    return machineAction(this, node, 'rename', { name }, options);
  }
  /** Turns the Cloud Firewall on or off for a machine. */
  exSetFirewallEnabled(node: N, enabled: boolean, options: Opts = {}): Promise<boolean> {
    return machineAction(this, node, enabled ? 'enable_firewall' : 'disable_firewall', {}, options);
  }
  /** Turns deletion protection on or off (CloudAPI 8.6+). */
  exSetDeletionProtection(node: N, enabled: boolean, options: Opts = {}): Promise<boolean> {
    return machineAction(this, node, enabled ? 'enable_deletion_protection' : 'disable_deletion_protection', {}, options);
  }
  /** MachineAudit: actions on a machine, newest first. */
  exGetMachineAudit(node: N, options: Opts = {}): Promise<JoyentAuditEntry[]> {
    return machineAudit(this, node, options);
  }
  /** Polls until the machine reaches `state` (portable or CloudAPI name) or `predicate` holds (poll_until). */
  exWaitForState(node: N, state: string | JoyentNodePredicate, options: WaitForStateOptions = {}): Promise<Node<JoyentNodeExtra>> {
    return waitForState(this, node, state, options, 'until');
  }
  /** Polls while the machine is in `state` or `predicate` holds (poll_while); returns the first other node. */
  exWaitWhileState(node: N, state: string | JoyentNodePredicate, options: WaitForStateOptions = {}): Promise<Node<JoyentNodeExtra>> {
    return waitForState(this, node, state, options, 'while');
  }

  // ---- sizes and images ----
  /** GetPackage by id or name. */
  async exGetSize(idOrName: string, options: Opts = {}): Promise<NodeSize<JoyentSizeExtra>> {
    const { client, settings } = internalsOf(this);
    const res = await client.request<WirePackage>({ method: 'GET', path: client.path('packages', idOrName), signal: options.signal });
    return toSize(res.body, this, getSizePrice('compute', 'joyent', res.body.name, settings.datacenter));
  }
  /** The flagged default package, else the smallest one. */
  async exGetDefaultSize(options: JoyentListOptions<JoyentPackageFilters> = {}): Promise<NodeSize<JoyentSizeExtra> | undefined> {
    return defaultSize(await this.listSizes(options));
  }
  /** The flagged default image (6.5), else the most recently published one (of `os`, when given). */
  async exGetDefaultImage(options: JoyentListOptions<JoyentImageFilters> & { os?: string | undefined } = {}): Promise<NodeImage<JoyentImageExtra> | undefined> {
    const { os, ...rest } = options;
    return defaultImage(await this.listImages(rest), os);
  }
  /** Sizes whose name matches `pattern`. */
  async exFindSizes(pattern: RegExp, options: JoyentListOptions<JoyentPackageFilters> = {}): Promise<NodeSize<JoyentSizeExtra>[]> {
    return filterSizes(await this.listSizes(options), pattern);
  }
  /** Images whose name or `name@version` matches `pattern`. */
  async exFindImages(pattern: RegExp, options: JoyentListOptions<JoyentImageFilters> = {}): Promise<NodeImage<JoyentImageExtra>[]> {
    return filterImages(await this.listImages(options), pattern);
  }

  // ---- snapshots ----
  /** Lists a machine's snapshots. */
  exListSnapshots(node: N, options: Opts = {}): Promise<VolumeSnapshot<JoyentSnapshotExtra>[]> {
    return snap.listSnapshots(this, node, options);
  }
  /** Snapshots a machine (name optional; not for kvm). */
  exCreateSnapshot(node: N, options: Opts & { name?: string | undefined } = {}): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
    return snap.createSnapshot(this, node, options.name, options);
  }
  /** Gets one snapshot. */
  exGetSnapshot(node: N, name: string, options: Opts = {}): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
    return snap.getSnapshot(this, node, name, options);
  }
  /** Deletes a snapshot. */
  exDeleteSnapshot(node: N, snapshot: Ref<VolumeSnapshot>, options: Opts = {}): Promise<boolean> {
    return snap.deleteSnapshot(this, node, snap.snapshotName(snapshot), options);
  }
  /** Boots a stopped machine from a snapshot. */
  exStartFromSnapshot(node: N, snapshot: Ref<VolumeSnapshot>, options: Opts = {}): Promise<boolean> {
    return snap.startFromSnapshot(this, node, snap.snapshotName(snapshot), options);
  }
  /** Polls a snapshot until it is `created`. */
  exWaitForSnapshot(node: N, snapshot: Ref<VolumeSnapshot>, options: snap.WaitForSnapshotOptions = {}): Promise<VolumeSnapshot<JoyentSnapshotExtra>> {
    return snap.waitForSnapshot(this, node, snap.snapshotName(snapshot), options);
  }

  // ---- metadata and boot script ----
  /** Lists metadata (`credentials: true` adds generated passwords). */
  exListMetadata(node: N, options: Opts & { credentials?: boolean | undefined } = {}): Promise<Record<string, unknown>> {
    return md.listMetadata(this, node, options);
  }
  /** Gets one metadata value. */
  exGetMetadata(node: N, key: string, options: Opts = {}): Promise<string> {
    return md.getMetadata(this, node, key, options);
  }
  /** Creates or overwrites metadata keys; returns all metadata. */
  exSetMetadata(node: N, values: Readonly<Record<string, string>>, options: Opts = {}): Promise<Record<string, unknown>> {
    return md.setMetadata(this, node, values, options);
  }
  /** Deletes one metadata key. */
  exDeleteMetadata(node: N, key: string, options: Opts = {}): Promise<boolean> {
    return md.deleteMetadata(this, node, key, options);
  }
  /** Deletes all (deletable) metadata. */
  exDeleteAllMetadata(node: N, options: Opts = {}): Promise<boolean> {
    return md.deleteAllMetadata(this, node, options);
  }
  /** Sets the boot script (`user-script`, run at first boot and every reboot). */
  exSetBootScript(node: N, script: string, options: Opts = {}): Promise<Record<string, unknown>> {
    return md.setMetadata(this, node, { [md.USER_SCRIPT_KEY]: script }, options);
  }
  /** Removes the boot script. */
  exDeleteBootScript(node: N, options: Opts = {}): Promise<boolean> {
    return md.deleteMetadata(this, node, md.USER_SCRIPT_KEY, options);
  }

  // ---- tags ----
  /** Lists tags. */
  exListTags(node: N, options: Opts = {}): Promise<Record<string, tags.JoyentTagValue>> {
    return tags.listTags(this, node, options);
  }
  /** Adds (merges) tags; returns the resulting tags. */
  exAddTags(node: N, values: Readonly<Record<string, tags.JoyentTagValue>>, options: Opts = {}): Promise<Record<string, tags.JoyentTagValue>> {
    return tags.writeTags(this, node, values, false, options);
  }
  /** Replaces all tags. */
  exReplaceTags(node: N, values: Readonly<Record<string, tags.JoyentTagValue>>, options: Opts = {}): Promise<Record<string, tags.JoyentTagValue>> {
    return tags.writeTags(this, node, values, true, options);
  }
  /** Gets one tag value. */
  exGetTag(node: N, name: string, options: Opts = {}): Promise<tags.JoyentTagValue> {
    return tags.getTag(this, node, name, options);
  }
  /** Deletes one tag. */
  exDeleteTag(node: N, name: string, options: Opts = {}): Promise<boolean> {
    return tags.deleteTags(this, node, name, options);
  }
  /** Deletes all tags. */
  exDeleteAllTags(node: N, options: Opts = {}): Promise<boolean> {
    return tags.deleteTags(this, node, undefined, options);
  }

  // ---- networks and NICs ----
  /** Lists networks (and network pools). */
  exListNetworks(options: Opts = {}): Promise<JoyentNetwork[]> {
    return net.listNetworks(this, options);
  }
  /** Gets a network. */
  exGetNetwork(id: string, options: Opts = {}): Promise<JoyentNetwork> {
    return net.getNetwork(this, id, options);
  }
  /** Lists a machine's NICs. */
  exListNics(node: N, options: Opts = {}): Promise<JoyentNic[]> {
    return net.listNics(this, node, options);
  }
  /** Gets a NIC by MAC (any separator). */
  exGetNic(node: N, mac: string | JoyentNic, options: Opts = {}): Promise<JoyentNic> {
    return net.getNic(this, node, mac, options);
  }
  /** Adds a NIC on a network (the machine reboots). */
  exAddNic(node: N, network: JoyentNetworkSpec, options: net.AddNicOptions = {}): Promise<JoyentNic> {
    return net.addNic(this, node, network, options);
  }
  /** Removes a NIC (the machine reboots). */
  exRemoveNic(node: N, mac: string | JoyentNic, options: Opts = {}): Promise<boolean> {
    return net.removeNic(this, node, mac, options);
  }

  // ---- firewall rules ----
  /** Lists firewall rules. */
  exListFirewallRules(options: Opts = {}): Promise<JoyentFirewallRule[]> {
    return fw.listFirewallRules(this, options);
  }
  /** Gets a firewall rule. */
  exGetFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<JoyentFirewallRule> {
    return fw.getFirewallRule(this, rule, options);
  }
  /** Creates a firewall rule (disabled unless `enabled: true`). */
  exCreateFirewallRule(input: fw.FirewallRuleInput & Opts): Promise<JoyentFirewallRule> {
    return fw.createFirewallRule(this, input);
  }
  /** Updates a firewall rule's text, state or description. */
  exUpdateFirewallRule(rule: string | JoyentFirewallRule, input: fw.FirewallRuleInput & Opts): Promise<JoyentFirewallRule> {
    return fw.updateFirewallRule(this, rule, input);
  }
  /** Enables a firewall rule. */
  exEnableFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<JoyentFirewallRule> {
    return fw.setFirewallRuleEnabled(this, rule, true, options);
  }
  /** Disables a firewall rule. */
  exDisableFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<JoyentFirewallRule> {
    return fw.setFirewallRuleEnabled(this, rule, false, options);
  }
  /** Deletes a firewall rule. */
  exDeleteFirewallRule(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<boolean> {
    return fw.deleteFirewallRule(this, rule, options);
  }
  /** Machines a firewall rule applies to (every page). */
  exListFirewallRuleNodes(rule: string | JoyentFirewallRule, options: Opts = {}): Promise<Node<JoyentNodeExtra>[]> {
    return fw.firewallRuleNodes(this, rule, options);
  }
  /** Firewall rules that apply to a machine. */
  exListNodeFirewallRules(node: N, options: Opts = {}): Promise<JoyentFirewallRule[]> {
    return machineFirewallRules(this, node, options);
  }

  // ---- account ----
  /** GetAccount. */
  exGetAccount(options: Opts = {}): Promise<JoyentAccount> {
    return getAccount(this, options);
  }
  /** UpdateAccount (only the fields given change). */
  exUpdateAccount(update: JoyentAccountUpdate, options: Opts = {}): Promise<JoyentAccount> {
    return updateAccount(this, update, options);
  }
}
