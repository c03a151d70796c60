/**
 * CloudAPI JSON shapes as the server sends them (snake_case kept). Fields are optional where
 * older versions or VMs created outside CloudAPI may omit them.
 * @module
 */

/** A machine state string as CloudAPI reports it. */
export type CloudApiMachineState =
  'provisioning' | 'ready' | 'running' | 'stopping' | 'stopped' | 'offline' | 'deleted' | 'failed' | 'unknown';

/** NIC of a machine (`nics[]`, ListNics). */
export interface WireNic {
  mac: string;
  ip: string;
  primary?: boolean;
  netmask?: string;
  gateway?: string;
  network?: string;
  state?: string;
}

/** Machine (instance). */
export interface WireMachine {
  id: string;
  name: string;
  type?: string;
  brand?: string;
  state: string;
  image?: string;
  /** Pre-8.0 (and 6.5) only. */
  dataset?: string;
  memory?: number;
  disk?: number;
  metadata?: Record<string, unknown>;
  tags?: Record<string, string | number | boolean>;
  created?: string;
  updated?: string;
  docker?: boolean;
  ips?: string[];
  networks?: Array<string | null>;
  nics?: WireNic[];
  primaryIp?: string;
  firewall_enabled?: boolean;
  deletion_protection?: boolean;
  compute_node?: string | null;
  package?: string;
  dns_names?: string[];
  flexible?: boolean;
  free_space?: number;
}

/** Package (size). */
export interface WirePackage {
  id?: string;
  name: string;
  memory: number;
  disk: number;
  swap?: number;
  lwps?: number;
  vcpus?: number;
  version?: string;
  group?: string;
  description?: string;
  default?: boolean;
  flexible_disk?: boolean;
}

/** Image (7.x+). */
export interface WireImage {
  id: string;
  name: string;
  version?: string;
  os?: string;
  type?: string;
  description?: string;
  requirements?: Record<string, unknown>;
  homepage?: string;
  published_at?: string;
  owner?: string;
  public?: boolean;
  state?: string;
  tags?: Record<string, unknown>;
  default?: boolean;
}

/** Dataset (6.5 images). */
export interface WireDataset {
  id: string;
  urn?: string;
  name: string;
  os?: string;
  type?: string;
  version?: string;
  description?: string;
  default?: boolean;
  requirements?: Record<string, unknown>;
  created?: string;
}

/** SSH key registered with the account or a sub-user. */
export interface WireKey {
  name: string;
  fingerprint: string;
  key: string;
  attested?: boolean;
  multifactor?: string[];
}

/** Machine snapshot. */
export interface WireSnapshot {
  name: string;
  state: string;
  size?: number;
  created?: string;
  updated?: string;
}

/** Network or network pool. */
export interface WireNetwork {
  id: string;
  name: string;
  public: boolean;
  fabric?: boolean;
  description?: string;
  subnet?: string;
  provision_start_ip?: string;
  provision_end_ip?: string;
  gateway?: string;
  resolvers?: string[];
  routes?: Record<string, string>;
  internet_nat?: boolean;
  suffixes?: string[];
}

/** Firewall rule. */
export interface WireFirewallRule {
  id: string;
  rule: string;
  enabled: boolean;
  global?: boolean;
  description?: string;
}

/** Account. */
export interface WireAccount {
  id: string;
  login: string;
  email?: string;
  companyName?: string;
  firstName?: string;
  lastName?: string;
  address?: string;
  postalCode?: string;
  city?: string;
  state?: string;
  country?: string;
  phone?: string;
  created?: string;
  updated?: string;
  triton_cns_enabled?: boolean;
}

/** One machine audit entry. */
export interface WireAuditEntry {
  action: string;
  success: 'yes' | 'no';
  time: string;
  parameters?: Record<string, unknown>;
  caller?: { type?: string; ip?: string; keyId?: string; user?: string };
}

/** Error body. */
export interface WireError {
  code?: string;
  message?: string;
  errors?: unknown[];
}

/** `GET /--ping` answer. */
export interface WirePing {
  ping?: string;
  cloudapi?: { versions?: string[] };
}
