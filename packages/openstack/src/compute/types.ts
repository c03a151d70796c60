/**
 * Extras of the OpenStack result objects and the `ex` option types of the compute methods.
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import type { CreateNodeOptions, ListNodesOptions, Ref } from '@cloudmux/core/compute';

/** One address of a server. */
export interface OpenStackAddress {
  /** Network name (the key of Nova's `addresses`). */
  network: string;
  /** The IP address. */
  addr: string;
  /** 4 or 6. */
  version: number | undefined;
  /** `fixed` or `floating`. */
  type: string | undefined;
  /** MAC address of the port. */
  mac: string | undefined;
}

/** `node.extra` of an OpenStack server. */
export interface OpenStackNodeExtra {
  /** Nova `status` (`ACTIVE`, `BUILD`, `VERIFY_RESIZE`…). */
  status: string | undefined;
  /** `OS-EXT-STS:vm_state`. */
  vmState: string | undefined;
  /** `OS-EXT-STS:task_state` (`null` when idle). */
  taskState: string | null;
  /** `OS-EXT-STS:power_state`. */
  powerState: number | undefined;
  /** Project (tenant) id. */
  projectId: string | undefined;
  /** User id. */
  userId: string | undefined;
  /** Key pair name. */
  keyName: string | undefined;
  /** Availability zone. */
  availabilityZone: string | undefined;
  /** Server metadata. */
  metadata: Readonly<Record<string, string>>;
  /** Server tags (microversion 2.26+). */
  tags: readonly string[];
  /** Security group names. */
  securityGroups: readonly string[];
  /** Every address with its network and type. */
  addresses: readonly OpenStackAddress[];
  /** Flavor name (embedded flavors, 2.47+) */
  flavorName: string | undefined;
  /** Flavor extra specs (embedded flavors, 2.47+). */
  flavorExtraSpecs: Readonly<Record<string, string>> | undefined;
  /** Attached volume ids. */
  volumesAttached: readonly string[];
  /** Host id (hash). */
  hostId: string | undefined;
  /** Whether the server has a config drive. */
  configDrive: boolean;
  /** Build progress (0–100). */
  progress: number | undefined;
  /** Last update time. */
  updated: Date | undefined;
  /** Description (2.19+). */
  description: string | undefined;
  /** Whether the server is locked. */
  locked: boolean | undefined;
  /** The fault of a server in ERROR. */
  fault: { code: number | undefined; message: string | undefined; details: string | undefined } | undefined;
  /** `accessIPv4` / `accessIPv6`, when set. */
  accessIps: readonly string[];
  /** Disk partitioning (`OS-DCF:diskConfig`: `AUTO` or `MANUAL`), when the cloud reports it. */
  diskConfig?: string | undefined;
}

/** `size.extra` of a flavor. */
export interface OpenStackSizeExtra {
  /** Ephemeral disk (GB). */
  ephemeralGb: number;
  /** Swap (MB). */
  swapMb: number;
  /** RX/TX factor. */
  rxtxFactor: number | undefined;
  /** Public flavor. */
  isPublic: boolean | undefined;
  /** Disabled flavor. */
  disabled: boolean | undefined;
  /** Description (2.55+). */
  description: string | undefined;
  /** Extra specs (`hw:cpu_policy`…), from the flavor (2.61+) or `os-extra_specs`. */
  extraSpecs: Readonly<Record<string, string>>;
}

/** `location.extra` of an availability zone. */
export interface OpenStackLocationExtra {
  /** Whether the zone is available. */
  available: boolean;
  /** Catalog region the driver talks to, when known. */
  region: string | undefined;
}

/** `keyPair.extra`. */
export interface OpenStackKeyPairExtra {
  /** `ssh` or `x509`. */
  type: string | undefined;
  /** Owner user id. */
  userId: string | undefined;
  /** Creation time. */
  created: Date | undefined;
}

/** A network to attach a new server to: a network id, a port id, or a network with a fixed IP. */
export type OpenStackNetworkSpec = string | { network?: string; port?: string; fixedIp?: string; tag?: string };

/** Boot from a new volume made from the image (`block_device_mapping_v2`). */
export interface OpenStackBootVolume {
  /** Volume size (GB). */
  sizeGb: number;
  /** Delete the volume with the server (default true). */
  deleteOnTermination?: boolean | undefined;
  /** Cinder volume type. */
  volumeType?: string | undefined;
}

/** `ex` of `createNode`. */
export interface OpenStackCreateNodeEx {
  /** Key pair name (instead of `auth`). */
  keyName?: string | undefined;
  /** Networks/ports (`networks`); `'auto'` / `'none'` as Nova knows them. Default `'auto'` on 2.37+. */
  networks?: readonly OpenStackNetworkSpec[] | 'auto' | 'none' | undefined;
  /** Security group names. */
  securityGroups?: readonly string[] | undefined;
  /** Availability zone (instead of `location`). */
  availabilityZone?: string | undefined;
  /** User data (cloud-init); base64-encoded by the driver. */
  userData?: string | Buffer | undefined;
  /** Server metadata. */
  metadata?: Readonly<Record<string, string>> | undefined;
  /** Attach a config drive. */
  configDrive?: boolean | undefined;
  /** Boot from a volume made from `image`. */
  bootVolume?: OpenStackBootVolume | undefined;
  /** Raw `block_device_mapping_v2` entries (replaces `bootVolume`). */
  blockDeviceMappings?: readonly Record<string, unknown>[] | undefined;
  /** Create at least this many servers (default 1). */
  minCount?: number | undefined;
  /** Create up to this many servers. */
  maxCount?: number | undefined;
  /** Server tags (2.52+). */
  tags?: readonly string[] | undefined;
  /** Admin password to set. */
  adminPass?: string | undefined;
  /** Scheduler hints (`os:scheduler_hints`). */
  schedulerHints?: Readonly<Record<string, unknown>> | undefined;
  /** Description (2.19+). */
  description?: string | undefined;
  /** Disk partitioning (`OS-DCF:diskConfig`): `AUTO` grows the root partition to the flavor's disk, `MANUAL` keeps the image's. */
  diskConfig?: 'AUTO' | 'MANUAL' | undefined;
}

/** `createNode` options for OpenStack. */
export type OpenStackCreateNodeOptions = CreateNodeOptions<OpenStackCreateNodeEx>;

/** Filters of `listNodes` (`ex`). */
export interface OpenStackListNodesEx {
  /** Name (a regular expression, as Nova treats it). */
  name?: string | undefined;
  /** Nova status (`ACTIVE`, `SHUTOFF`…). */
  status?: string | undefined;
  /** Image id. */
  image?: string | undefined;
  /** Flavor id. */
  flavor?: string | undefined;
  /** Only servers changed since. */
  changesSince?: Date | string | undefined;
  /** Servers having all these tags. */
  tags?: readonly string[] | undefined;
  /** Servers having any of these tags. */
  tagsAny?: readonly string[] | undefined;
  /** Page size asked of Nova (default 1000, capped by the server). */
  pageSize?: number | undefined;
}

/** `listNodes` options for OpenStack. */
export type OpenStackListNodesOptions = ListNodesOptions<OpenStackListNodesEx>;

/** Options of `exRebuildNode`. */
export interface RebuildNodeOptions extends CallOptions {
  /** Image to rebuild from. */
  image: Ref<{ id: string }>;
  /** New name. */
  name?: string | undefined;
  /** Replacement metadata. */
  metadata?: Readonly<Record<string, string>> | undefined;
  /** New admin password. */
  adminPass?: string | undefined;
}

/** Options of `exCreateImage`. */
export interface CreateImageOptions extends CallOptions {
  /** Image name. */
  name: string;
  /** Image properties. */
  metadata?: Readonly<Record<string, string>> | undefined;
}

/** Options of `exGetConsoleOutput`. */
export interface ConsoleOutputOptions extends CallOptions {
  /** Last this many lines (default all). */
  length?: number | undefined;
}
