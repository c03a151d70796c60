import type { CallOptions } from '@cloudmux/core';

/** `ListNodesOptions.ex` filters for `listNodes` / `iterateNodes` (ListMachines query). */
export interface JoyentListNodesFilters {
  /** Exact machine name. */
  name?: string | undefined;
  /** CloudAPI state: provisioning, stopping, active, stopped, running, unknown, destroyed. */
  state?: string | undefined;
  /** Image uuid. */
  image?: string | undefined;
  /** Memory in MiB. */
  memory?: number | undefined;
  /** Deprecated machine type. */
  type?: 'smartmachine' | 'virtualmachine' | undefined;
  /** Brand (`joyent`, `lx`, `kvm`, `bhyve`). */
  brand?: string | undefined;
  /** Tag filters (`tag.<k>=<v>`, all must match), or `'*'` for machines with any tag. */
  tags?: Readonly<Record<string, string | number | boolean>> | '*' | undefined;
  /** Include destroyed machines (boolean since 7.0; minutes in 6.5). */
  tombstone?: boolean | number | undefined;
  /** Only Docker containers (true) or only non-Docker machines (false). */
  docker?: boolean | undefined;
  /** Include `credentials` in metadata. */
  credentials?: boolean | undefined;
  /** Page size, 1–1000 (default 1000, CloudAPI's maximum). */
  pageSize?: number | undefined;
}

/** Filter names accepted in {@link JoyentListNodesFilters}. */
export const LIST_NODES_FILTERS = ['name', 'state', 'image', 'memory', 'type', 'brand', 'tags', 'tombstone', 'docker', 'credentials', 'pageSize'] as const;

/** A network to attach: a network (or pool) uuid, or a network with fixed IPs (CloudAPI 8.5+). */
export type JoyentNetworkSpec = string | { readonly ipv4Uuid: string; readonly ipv4Ips?: readonly string[] | undefined };

/** A volume to mount at creation (CloudAPI 8.x+, tritonnfs). */
export interface JoyentVolumeMount {
  /** Volume name. */
  name: string;
  /** Volume type (default `tritonnfs`). */
  type?: 'tritonnfs' | undefined;
  /** Mount mode (default `rw`). */
  mode?: 'rw' | 'ro' | undefined;
  /** Mount point in the instance. */
  mountpoint: string;
}

/** `CreateNodeOptions.ex` for Joyent (CreateMachine inputs). */
export interface JoyentCreateNodeExtras {
  /** Networks to attach (uuids, or `{ ipv4Uuid, ipv4Ips }`; no mixing). */
  networks?: readonly JoyentNetworkSpec[] | undefined;
  /** Metadata (`metadata.<key>`); values must be strings. */
  metadata?: Readonly<Record<string, string>> | undefined;
  /** Tags (`tag.<key>`). */
  tags?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Boot script, run at first boot and every reboot (`user-script` metadata). */
  userScript?: string | undefined;
  /** Turn the Cloud Firewall on. */
  firewallEnabled?: boolean | undefined;
  /** Refuse deletion until turned off (CloudAPI 8.6+). */
  deletionProtection?: boolean | undefined;
  /** Affinity rules, e.g. `instance!=web*`, `role==~db` (CloudAPI 8.3+). */
  affinity?: readonly string[] | undefined;
  /** Brand for images that allow several (`kvm`, `bhyve`; CloudAPI 9.9+). */
  brand?: string | undefined;
  /** Allow images shared with the account (CloudAPI 9.1+). */
  allowSharedImages?: boolean | undefined;
  /** NFS volumes to mount. */
  volumes?: readonly JoyentVolumeMount[] | undefined;
  /** Give the instance a delegated ZFS dataset. */
  delegatedDataset?: boolean | undefined;
  /** Provision on an encrypted compute node. */
  encrypted?: boolean | undefined;
}

/** Names accepted in {@link JoyentCreateNodeExtras}. */
export const CREATE_NODE_EXTRAS = [
  'networks',
  'metadata',
  'tags',
  'userScript',
  'firewallEnabled',
  'deletionProtection',
  'affinity',
  'brand',
  'allowSharedImages',
  'volumes',
  'delegatedDataset',
  'encrypted',
] as const;

/** `listSizes` filters (ListPackages query; `*` wildcards allowed in strings since 8.1.1). */
export interface JoyentPackageFilters {
  name?: string | undefined;
  memory?: number | undefined;
  disk?: number | undefined;
  swap?: number | undefined;
  lwps?: number | undefined;
  vcpus?: number | undefined;
  version?: string | undefined;
  group?: string | undefined;
}

/** `listImages` filters (ListImages query). */
export interface JoyentImageFilters {
  name?: string | undefined;
  os?: string | undefined;
  version?: string | undefined;
  public?: boolean | undefined;
  /** `active` (server default), `all`, `disabled`... */
  state?: string | undefined;
  owner?: string | undefined;
  type?: string | undefined;
}

/** Options of `listSizes` / `listImages` for Joyent. */
export interface JoyentListOptions<F extends object> extends CallOptions {
  /** Datacenter to list (another datacenter is reached with the same credentials). */
  location?: string | { id: string } | undefined;
  /** Server-side filters. */
  ex?: F | undefined;
}
