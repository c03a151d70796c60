/**
 * Neutron resources as cloudmux returns them from the `ex` network methods: plain frozen records.
 * @module
 */

/** A Neutron network (`exListNetworks`). */
export interface OpenStackNetwork {
  /** Network id. */
  readonly id: string;
  /** Name (`public`, `private`…). */
  readonly name: string;
  /** `ACTIVE`, `DOWN`, `BUILD` or `ERROR`. */
  readonly status: string;
  /** Administrative state. */
  readonly adminStateUp: boolean;
  /** Shared with every project. */
  readonly shared: boolean;
  /** An external network (`router:external`): floating IPs are allocated from it. */
  readonly external: boolean;
  /** Its subnets' ids. */
  readonly subnetIds: readonly string[];
  /** Owning project. */
  readonly projectId: string | undefined;
  /** MTU, when reported. */
  readonly mtu: number | undefined;
  /** Description. */
  readonly description: string | undefined;
}

/** An allocation pool of a subnet. */
export interface OpenStackAllocationPool {
  /** First address. */
  readonly start: string;
  /** Last address. */
  readonly end: string;
}

/** A Neutron subnet (`exListSubnets`). */
export interface OpenStackSubnet {
  /** Subnet id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Network it belongs to. */
  readonly networkId: string;
  /** CIDR (`10.0.0.0/24`). */
  readonly cidr: string;
  /** 4 or 6. */
  readonly ipVersion: 4 | 6;
  /** Gateway address, if any. */
  readonly gatewayIp: string | undefined;
  /** Whether DHCP is on. */
  readonly enableDhcp: boolean;
  /** Address pools. */
  readonly allocationPools: readonly OpenStackAllocationPool[];
  /** DNS servers. */
  readonly dnsNameservers: readonly string[];
  /** Owning project. */
  readonly projectId: string | undefined;
}

/** A fixed IP of a port. */
export interface OpenStackFixedIp {
  /** Subnet id. */
  readonly subnetId: string | undefined;
  /** Address. */
  readonly ipAddress: string;
}

/** A Neutron port (`exListPorts`). */
export interface OpenStackPort {
  /** Port id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Network id. */
  readonly networkId: string;
  /** MAC address. */
  readonly macAddress: string | undefined;
  /** Fixed IPs. */
  readonly fixedIps: readonly OpenStackFixedIp[];
  /** Device (server id for `compute:*` owners), if bound. */
  readonly deviceId: string | undefined;
  /** Device owner (`compute:nova`, `network:router_interface`…). */
  readonly deviceOwner: string | undefined;
  /** `ACTIVE`, `DOWN` or `BUILD`. */
  readonly status: string;
  /** Administrative state. */
  readonly adminStateUp: boolean;
  /** Security groups applied. */
  readonly securityGroupIds: readonly string[];
  /** Owning project. */
  readonly projectId: string | undefined;
}

/** A Neutron floating IP (`exListFloatingIps`, `exAllocateFloatingIp`). */
export interface OpenStackFloatingIp {
  /** Floating IP id. */
  readonly id: string;
  /** The public address. */
  readonly address: string;
  /** External network it was allocated from. */
  readonly floatingNetworkId: string;
  /** Port it is associated with, if any. */
  readonly portId: string | undefined;
  /** Fixed address it forwards to, if associated. */
  readonly fixedIp: string | undefined;
  /** Router doing the NAT, if associated. */
  readonly routerId: string | undefined;
  /** `ACTIVE`, `DOWN` or `ERROR`. */
  readonly status: string;
  /** Owning project. */
  readonly projectId: string | undefined;
  /** Description. */
  readonly description: string | undefined;
}

/** Traffic direction of a security group rule. */
export type SecurityGroupRuleDirection = 'ingress' | 'egress';
/** IP family of a security group rule. */
export type SecurityGroupRuleEthertype = 'IPv4' | 'IPv6';

/** A rule of a Neutron security group. */
export interface OpenStackSecurityGroupRule {
  /** Rule id. */
  readonly id: string;
  /** Group it belongs to. */
  readonly securityGroupId: string;
  /** `ingress` or `egress`. */
  readonly direction: SecurityGroupRuleDirection;
  /** `IPv4` or `IPv6`. */
  readonly ethertype: SecurityGroupRuleEthertype;
  /** Protocol (`tcp`, `udp`, `icmp`, a number…), `undefined` for any. */
  readonly protocol: string | undefined;
  /** Lowest port (ICMP type for ICMP), `undefined` for all. */
  readonly portRangeMin: number | undefined;
  /** Highest port (ICMP code for ICMP), `undefined` for all. */
  readonly portRangeMax: number | undefined;
  /** Remote CIDR, if the rule matches by address. */
  readonly remoteIpPrefix: string | undefined;
  /** Remote security group, if the rule matches by group membership. */
  readonly remoteGroupId: string | undefined;
  /** Description. */
  readonly description: string | undefined;
}

/** A Neutron security group (`exListSecurityGroups`). */
export interface OpenStackSecurityGroup {
  /** Group id. */
  readonly id: string;
  /** Name (`default` is every project's first group). */
  readonly name: string;
  /** Description. */
  readonly description: string;
  /** Owning project. */
  readonly projectId: string | undefined;
  /** Its rules. */
  readonly rules: readonly OpenStackSecurityGroupRule[];
}
