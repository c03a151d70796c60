/**
 * Internal records → CloudAPI JSON, per API version (6.5 compat, 7.x, 8.x, 9.x).
 * @module
 */
import type {
  SimAccount,
  SimAuditEntry,
  SimFirewallRule,
  SimImage,
  SimKey,
  SimMachine,
  SimNetwork,
  SimNic,
  SimPackage,
  SimSnapshot,
} from './model.js';
import { compareVersions } from './semver.js';
import type { SimStore } from './store.js';

/** Whether `version` is the 6.5 compat mode. */
export function isLegacy(version: string): boolean {
  return compareVersions(version, '7.0.0') < 0;
}

function machineType(brand: string): 'smartmachine' | 'virtualmachine' {
  return brand === 'kvm' || brand === 'bhyve' ? 'virtualmachine' : 'smartmachine';
}

/** Options of {@link machineJson}. */
export interface MachineJsonOptions {
  version: string;
  credentials?: boolean | undefined;
  /** GetMachine adds CNS `dns_names`. */
  detail?: boolean | undefined;
}

/** A machine as CloudAPI returns it. */
export function machineJson(store: SimStore, m: SimMachine, o: MachineJsonOptions): Record<string, unknown> {
  const ips = m.nics.map((n) => n.ip);
  const metadata: Record<string, unknown> = { ...m.metadata };
  if (o.credentials && Object.keys(m.credentials).length > 0) metadata['credentials'] = { ...m.credentials };
  const image = store.images.get(m.image);
  if (isLegacy(o.version)) {
    return {
      id: m.id,
      name: m.name,
      type: machineType(m.brand),
      state: m.state,
      dataset: image?.urn ?? m.image,
      memory: m.memory,
      disk: m.disk,
      ips,
      metadata,
      created: m.created.toISOString(),
      updated: m.updated.toISOString(),
    };
  }
  const primary = m.nics.find((n) => n.primary) ?? m.nics[0];
  const out: Record<string, unknown> = {
    id: m.id,
    name: m.name,
    type: machineType(m.brand),
    brand: m.brand,
    state: m.state,
    image: m.image,
    ips,
    memory: m.memory,
    disk: m.disk,
    metadata,
    tags: { ...m.tags },
    created: m.created.toISOString(),
    updated: m.updated.toISOString(),
    docker: false,
    networks: m.nics.map((n) => n.network),
    firewall_enabled: m.firewallEnabled,
    deletion_protection: m.deletionProtection,
    compute_node: m.computeNode,
    package: m.packageName,
  };
  if (primary) out['primaryIp'] = primary.ip;
  if (compareVersions(o.version, '8.0.0') < 0) out['dataset'] = image?.urn ?? m.image;
  if (compareVersions(o.version, '9.0.0') >= 0) out['nics'] = m.nics.map(nicJson);
  if (o.detail) out['dns_names'] = [`${m.id}.inst.${m.owner}.${store.settings.datacenterName}.cns.simulator.invalid`];
  return out;
}

/** A NIC. */
export function nicJson(n: SimNic): Record<string, unknown> {
  return { mac: n.mac, ip: n.ip, primary: n.primary, netmask: n.netmask, gateway: n.gateway, state: n.state, network: n.network };
}

/** A package (6.5: name, memory, disk, swap, default only). */
export function packageJson(p: SimPackage, version: string): Record<string, unknown> {
  if (isLegacy(version)) return { name: p.name, memory: p.memory, disk: p.disk, swap: p.swap, default: p.default };
  return {
    id: p.id,
    name: p.name,
    memory: p.memory,
    disk: p.disk,
    swap: p.swap,
    lwps: p.lwps,
    vcpus: p.vcpus,
    version: p.version,
    group: p.group,
    description: p.description,
    default: p.default,
  };
}

/** An image (7.x reports the old smartmachine/virtualmachine type, 8.x+ the IMGAPI type). */
export function imageJson(i: SimImage, version: string): Record<string, unknown> {
  const type = compareVersions(version, '8.0.0') < 0 ? (i.type === 'zvol' ? 'virtualmachine' : 'smartmachine') : i.type;
  const out: Record<string, unknown> = {
    id: i.id,
    name: i.name,
    version: i.version,
    os: i.os,
    requirements: { ...i.requirements },
    type,
    description: i.description,
    files: [{ compression: 'gzip', sha1: i.id.replace(/-/g, '').slice(0, 40).padEnd(40, '0'), size: 104857600 }],
    tags: { ...i.tags },
    published_at: i.publishedAt.toISOString(),
    owner: i.owner,
    public: i.public,
    state: i.state,
  };
  if (i.homepage) out['homepage'] = i.homepage;
  return out;
}

/** A 6.5 dataset. */
export function datasetJson(i: SimImage, isDefault: boolean): Record<string, unknown> {
  return {
    id: i.id,
    urn: i.urn,
    name: i.name,
    os: i.os,
    type: i.type === 'zvol' ? 'virtualmachine' : 'smartmachine',
    description: i.description,
    default: isDefault,
    requirements: { ...i.requirements },
    version: i.version,
    created: i.publishedAt.toISOString(),
  };
}

/** An SSH key. */
export function keyJson(k: SimKey): Record<string, unknown> {
  return { name: k.name, fingerprint: k.fingerprint, key: k.key };
}

/** The account. */
export function accountJson(a: SimAccount): Record<string, unknown> {
  return { id: a.id, login: a.login, ...a.profile, created: a.created.toISOString(), updated: a.updated.toISOString() };
}

/** A snapshot. */
export function snapshotJson(s: SimSnapshot): Record<string, unknown> {
  return { name: s.name, state: s.state, size: s.size, created: s.created.toISOString(), updated: s.updated.toISOString() };
}

/** A network. */
export function networkJson(n: SimNetwork): Record<string, unknown> {
  const out: Record<string, unknown> = { id: n.id, name: n.name, public: n.public, description: n.description };
  if (n.fabric) {
    Object.assign(out, {
      fabric: true,
      subnet: n.subnet,
      provision_start_ip: n.provisionStart,
      provision_end_ip: n.provisionEnd,
      gateway: n.gateway,
      resolvers: [...n.resolvers],
      internet_nat: true,
      vlan_id: 2,
    });
  }
  return out;
}

/** A firewall rule. */
export function firewallRuleJson(r: SimFirewallRule): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id, rule: r.rule, enabled: r.enabled, global: r.global };
  if (r.description !== undefined) out['description'] = r.description;
  return out;
}

/** An audit entry. */
export function auditJson(e: SimAuditEntry): Record<string, unknown> {
  return { action: e.action, parameters: e.parameters, success: e.success, caller: e.caller, time: e.time.toISOString() };
}
