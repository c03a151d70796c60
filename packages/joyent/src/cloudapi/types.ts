import type { WireNic } from './wire.js';

/** Joyent data on a {@link Node} (`node.extra`). */
export interface JoyentNodeExtra {
  /** Raw CloudAPI state (`provisioning`, `running`, `deleted`...). */
  readonly state: string;
  /** Zone brand (`joyent`, `lx`, `kvm`, `bhyve`...). */
  readonly brand: string | undefined;
  /** Deprecated machine type (`smartmachine`, `virtualmachine`). */
  readonly type: string | undefined;
  /** Package name (or id) the machine runs with. */
  readonly package: string | undefined;
  /** Memory in MiB. */
  readonly memoryMb: number | undefined;
  /** Disk in MiB. */
  readonly diskMb: number | undefined;
  /** Metadata (`credentials` only when asked for). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Tags. */
  readonly tags: Readonly<Record<string, string | number | boolean>>;
  /** Primary IP. */
  readonly primaryIp: string | undefined;
  /** NICs. */
  readonly nics: readonly WireNic[];
  /** Network ids. */
  readonly networks: readonly string[];
  /** Whether the Cloud Firewall is on. */
  readonly firewallEnabled: boolean | undefined;
  /** Whether deletion protection is on. */
  readonly deletionProtection: boolean | undefined;
  /** Compute node (server) uuid. */
  readonly computeNode: string | undefined;
  /** CNS DNS names (GetMachine only). */
  readonly dnsNames: readonly string[];
  /** Whether this is a Docker container. */
  readonly docker: boolean | undefined;
  /** Last update time as CloudAPI sent it (ISO 8601; `new Date(updated)` parses it). */
  readonly updated: string | undefined;
  /** The dataset URN a pre-8.0 CloudAPI names (6.5: `sdc:sdc:smartos:1.3.15`); `imageId` is the dataset's id. */
  readonly dataset?: string | undefined;
}

/** Joyent data on a {@link NodeSize} (a package). */
export interface JoyentSizeExtra {
  /** Package UUID (undefined in legacy 6.5 mode, where packages only have names). */
  readonly uuid: string | undefined;
  /** Disk in MiB, as CloudAPI reports it. */
  readonly diskMb: number;
  /** Swap in MiB. */
  readonly swapMb: number | undefined;
  /** Lightweight process limit. */
  readonly lwps: number | undefined;
  /** Package version. */
  readonly version: string | undefined;
  /** Package group (`Compute Optimized`...). */
  readonly group: string | undefined;
  /** Description. */
  readonly description: string | undefined;
  /** Flagged as the datacenter default (deprecated since 8.0). */
  readonly default: boolean;
  /** Flexible-disk (bhyve) package. */
  readonly flexibleDisk: boolean | undefined;
}

/** Joyent data on a {@link NodeImage}. */
export interface JoyentImageExtra {
  /** Image version. */
  readonly version: string | undefined;
  /** OS (`smartos`, `linux`, `windows`...). */
  readonly os: string | undefined;
  /** IMGAPI type (`zone-dataset`, `lx-dataset`, `zvol`...) or 6.5 `smartmachine`/`virtualmachine`. */
  readonly type: string | undefined;
  /** Description. */
  readonly description: string | undefined;
  /** Requirements (`min_ram`, `brand`...). */
  readonly requirements: Readonly<Record<string, unknown>>;
  /** Homepage. */
  readonly homepage: string | undefined;
  /** Publication time. */
  readonly publishedAt: Date | undefined;
  /** Owner uuid. */
  readonly owner: string | undefined;
  /** Public image. */
  readonly public: boolean | undefined;
  /** State (`active`, `creating`...). */
  readonly state: string | undefined;
  /** Image tags. */
  readonly tags: Readonly<Record<string, unknown>>;
  /** 6.5 dataset URN (`sdc:sdc:smartos:1.3.15`). */
  readonly urn: string | undefined;
  /** Flagged as default (6.5 datasets). */
  readonly default: boolean;
}

/** Joyent data on a {@link NodeLocation} (a datacenter). */
export interface JoyentLocationExtra {
  /** CloudAPI URL of the datacenter. */
  readonly url: string;
}

/** Joyent data on a {@link KeyPair}. */
export interface JoyentKeyPairExtra {
  /** Hardware-attested key. */
  readonly attested: boolean | undefined;
}

/** Joyent data on a machine snapshot ({@link VolumeSnapshot}). */
export interface JoyentSnapshotExtra {
  /** Size in MiB, when reported. */
  readonly sizeMb: number | undefined;
  /** Last update. */
  readonly updated: Date | undefined;
}

/** A network (or network pool) the account can use. */
export interface JoyentNetwork {
  /** Network uuid. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Whether it is a public (Internet) network. */
  readonly public: boolean;
  /** Fabric (VXLAN) network. */
  readonly fabric: boolean;
  /** Description. */
  readonly description: string | undefined;
  /** Subnet CIDR (fabrics). */
  readonly subnet: string | undefined;
  /** Gateway (fabrics). */
  readonly gateway: string | undefined;
  /** DNS resolvers. */
  readonly resolvers: readonly string[];
  /** Provisionable range start. */
  readonly provisionStartIp: string | undefined;
  /** Provisionable range end. */
  readonly provisionEndIp: string | undefined;
  /** NAT to the Internet (fabrics). */
  readonly internetNat: boolean | undefined;
}

/** A machine NIC. */
export interface JoyentNic {
  /** MAC address (colon form). */
  readonly mac: string;
  /** IP address. */
  readonly ip: string;
  /** Primary NIC. */
  readonly primary: boolean;
  /** Netmask. */
  readonly netmask: string | undefined;
  /** Gateway. */
  readonly gateway: string | undefined;
  /** Network uuid. */
  readonly network: string | undefined;
  /** `provisioning`, `running`, `stopped`. */
  readonly state: string | undefined;
}

/** A Cloud Firewall rule. */
export interface JoyentFirewallRule {
  /** Rule uuid. */
  readonly id: string;
  /** Rule text (`FROM any TO tag role=web ALLOW tcp PORT 80`). */
  readonly rule: string;
  /** Enabled. */
  readonly enabled: boolean;
  /** Global (operator) rule, not editable. */
  readonly global: boolean;
  /** Description. */
  readonly description: string | undefined;
}

/** The account (GetAccount). */
export interface JoyentAccount {
  /** Account uuid. */
  readonly id: string;
  /** Login. */
  readonly login: string;
  /** E-mail. */
  readonly email: string | undefined;
  /** Company. */
  readonly companyName: string | undefined;
  /** First name. */
  readonly firstName: string | undefined;
  /** Last name. */
  readonly lastName: string | undefined;
  /** Postal address. */
  readonly address: string | undefined;
  /** Postal code. */
  readonly postalCode: string | undefined;
  /** City. */
  readonly city: string | undefined;
  /** State or province. */
  readonly state: string | undefined;
  /** Country. */
  readonly country: string | undefined;
  /** Phone. */
  readonly phone: string | undefined;
  /** Whether Triton CNS is on. */
  readonly tritonCnsEnabled: boolean | undefined;
  /** Creation time. */
  readonly created: Date | undefined;
  /** Last update. */
  readonly updated: Date | undefined;
}

/** Writable account fields (UpdateAccount). */
export type JoyentAccountUpdate = Partial<
  Pick<
    JoyentAccount,
    | 'email'
    | 'companyName'
    | 'firstName'
    | 'lastName'
    | 'address'
    | 'postalCode'
    | 'city'
    | 'state'
    | 'country'
    | 'phone'
    | 'tritonCnsEnabled'
  >
>;

/** One machine audit entry (newest first). */
export interface JoyentAuditEntry {
  /** Action (`provision`, `stop`, `reboot`...). */
  readonly action: string;
  /** Whether it succeeded. */
  readonly success: boolean;
  /** When. */
  readonly time: Date;
  /** Who: `signature`, `operator`...; key id, user, IP. */
  readonly caller: {
    readonly type?: string | undefined;
    readonly ip?: string | undefined;
    readonly keyId?: string | undefined;
    readonly user?: string | undefined;
  };
  /** Action parameters, when reported. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** A datacenter and its CloudAPI URL. */
export interface JoyentDatacenter {
  /** Datacenter name (`us-east-1`). */
  readonly name: string;
  /** CloudAPI URL. */
  readonly url: string;
}
