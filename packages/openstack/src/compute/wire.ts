/**
 * Nova v2.1 wire types (the fields cloudmux reads; Nova sends more).
 * @module
 */

/** A link in `links` / `<collection>_links`. */
export interface NovaLink {
  rel?: string;
  href?: string;
}

/** One address of `server.addresses[network]`. */
export interface NovaAddress {
  addr?: string;
  version?: number;
  'OS-EXT-IPS:type'?: 'fixed' | 'floating' | string;
  'OS-EXT-IPS-MAC:mac_addr'?: string;
}

/** The server's flavor: `{id, links}` before 2.47, the embedded description from 2.47. */
export interface NovaServerFlavor {
  id?: string;
  original_name?: string;
  vcpus?: number;
  ram?: number;
  disk?: number;
  ephemeral?: number;
  swap?: number;
  extra_specs?: Record<string, string>;
}

/** A server (`GET /servers/{id}`, `/servers/detail`). */
export interface NovaServer {
  id: string;
  name?: string;
  status?: string;
  tenant_id?: string;
  user_id?: string;
  metadata?: Record<string, string>;
  hostId?: string;
  image?: { id?: string } | '' | null;
  flavor?: NovaServerFlavor;
  created?: string;
  updated?: string;
  addresses?: Record<string, NovaAddress[]>;
  accessIPv4?: string;
  accessIPv6?: string;
  key_name?: string | null;
  progress?: number;
  config_drive?: string | boolean;
  security_groups?: { name?: string }[];
  tags?: string[];
  description?: string | null;
  locked?: boolean;
  fault?: { code?: number; message?: string; details?: string; created?: string };
  'OS-EXT-AZ:availability_zone'?: string;
  'OS-EXT-STS:vm_state'?: string;
  'OS-EXT-STS:task_state'?: string | null;
  'OS-EXT-STS:power_state'?: number;
  'OS-DCF:diskConfig'?: string;
  'os-extended-volumes:volumes_attached'?: { id: string; delete_on_termination?: boolean }[];
  links?: NovaLink[];
}

/** A flavor (`GET /flavors/detail`). */
export interface NovaFlavor {
  id: string;
  name?: string;
  ram?: number;
  disk?: number;
  vcpus?: number;
  swap?: number | '';
  rxtx_factor?: number;
  description?: string | null;
  extra_specs?: Record<string, string>;
  /** Extra specs embedded by the pre-microversion `OS-FLV-WITH-EXT-SPECS` extension (Rackspace). */
  'OS-FLV-WITH-EXT-SPECS:extra_specs'?: Record<string, string>;
  'OS-FLV-EXT-DATA:ephemeral'?: number;
  'OS-FLV-DISABLED:disabled'?: boolean;
  'os-flavor-access:is_public'?: boolean;
}

/** A key pair in a list (`{keypair: {...}}` entries) or from `GET /os-keypairs/{name}`. */
export interface NovaKeyPair {
  name: string;
  public_key?: string;
  fingerprint?: string;
  type?: string;
  user_id?: string;
  created_at?: string;
  private_key?: string;
}

/** An availability zone (`GET /os-availability-zone`). */
export interface NovaAvailabilityZone {
  zoneName: string;
  zoneState?: { available?: boolean };
  hosts?: unknown;
}

/** The body of `POST /servers`. */
export interface NovaCreateServerBody {
  server: Record<string, unknown>;
  'os:scheduler_hints'?: Record<string, unknown>;
}
