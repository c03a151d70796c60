/**
 * The simulator's internal records (not wire shapes; see `serialize.ts`).
 * @module
 */
import type { KeyObject } from 'node:crypto';
import type sshpk from 'sshpk';
import type { SimMachineState } from './options.js';

/** A registered SSH key. */
export interface SimKey {
  name: string;
  /** MD5 colon hex. */
  fingerprint: string;
  /** OpenSSH public key text as registered. */
  key: string;
  parsed: sshpk.Key;
  /** The same key for node:crypto, built once at registration (fast verification). */
  publicKey: KeyObject;
  created: Date;
}

/** An RBAC sub-user. */
export interface SimUser {
  id: string;
  login: string;
  keys: Map<string, SimKey>;
  created: Date;
}

/** Editable account fields (UpdateAccount). */
export const ACCOUNT_FIELDS = [
  'email',
  'companyName',
  'firstName',
  'lastName',
  'address',
  'postalCode',
  'city',
  'state',
  'country',
  'phone',
  'triton_cns_enabled',
] as const;

/** An account with everything it owns. */
export interface SimAccount {
  id: string;
  login: string;
  profile: Record<string, string | boolean>;
  created: Date;
  updated: Date;
  keys: Map<string, SimKey>;
  users: Map<string, SimUser>;
  machines: Map<string, SimMachine>;
  fwrules: Map<string, SimFirewallRule>;
}

/** A package (size). */
export interface SimPackage {
  id: string;
  name: string;
  memory: number;
  disk: number;
  swap: number;
  vcpus: number;
  lwps: number;
  version: string;
  group: string;
  description: string;
  default: boolean;
}

/** An image. */
export interface SimImage {
  id: string;
  name: string;
  version: string;
  os: string;
  type: string;
  description: string;
  requirements: Record<string, unknown>;
  homepage?: string | undefined;
  publishedAt: Date;
  owner: string;
  public: boolean;
  state: string;
  tags: Record<string, unknown>;
  /** 6.5 dataset URN. */
  urn: string;
}

/** A network. */
export interface SimNetwork {
  id: string;
  name: string;
  public: boolean;
  fabric: boolean;
  description: string;
  /** CIDR, e.g. `10.0.0.0/8`. */
  subnet: string;
  /** How addresses are handed out (see `ids.ts`). */
  allocator: 'public' | 'private' | 'fabric';
  gateway: string;
  netmask: string;
  provisionStart: string;
  provisionEnd: string;
  resolvers: string[];
}

/** A NIC. */
export interface SimNic {
  mac: string;
  ip: string;
  primary: boolean;
  netmask: string;
  gateway: string;
  network: string;
  state: 'provisioning' | 'running' | 'stopped';
}

/** A machine snapshot. */
export interface SimSnapshot {
  name: string;
  state: 'queued' | 'created' | 'failed';
  size: number;
  created: Date;
  updated: Date;
}

/** One audit trail entry. */
export interface SimAuditEntry {
  action: string;
  success: 'yes' | 'no';
  time: Date;
  parameters: Record<string, unknown>;
  caller: { type: 'signature'; ip: string; keyId: string; user?: string | undefined } | { type: 'operator' };
}

/** A firewall rule. */
export interface SimFirewallRule {
  id: string;
  rule: string;
  enabled: boolean;
  global: boolean;
  description?: string | undefined;
  created: Date;
  updated: Date;
}

/** A machine. */
export interface SimMachine {
  id: string;
  owner: string;
  name: string;
  brand: string;
  state: SimMachineState;
  image: string;
  packageId: string;
  packageName: string;
  memory: number;
  disk: number;
  metadata: Record<string, string>;
  credentials: Record<string, string>;
  tags: Record<string, string | number | boolean>;
  created: Date;
  updated: Date;
  firewallEnabled: boolean;
  deletionProtection: boolean;
  /** Networks to attach at provision time. */
  requestedNetworks: Array<{ id: string; ip?: string | undefined }>;
  nics: SimNic[];
  computeNode: string | null;
  snapshots: Map<string, SimSnapshot>;
  audit: SimAuditEntry[];
  affinity: string[];
  deletedAt?: Date | undefined;
  /** Pending lifecycle timer. */
  timer?: NodeJS.Timeout | undefined;
}
