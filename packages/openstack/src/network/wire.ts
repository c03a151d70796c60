/**
 * Neutron v2.0 wire types (the fields cloudmux reads or sends).
 * @module
 */

/** A Neutron network. */
export interface NeutronNetworkWire {
  id: string;
  name?: string;
  status?: string;
  admin_state_up?: boolean;
  shared?: boolean;
  'router:external'?: boolean;
  subnets?: string[];
  project_id?: string;
  tenant_id?: string;
  mtu?: number;
  description?: string;
  availability_zones?: string[];
}

/** An allocation pool of a subnet. */
export interface NeutronPoolWire {
  start: string;
  end: string;
}

/** A Neutron subnet. */
export interface NeutronSubnetWire {
  id: string;
  name?: string;
  network_id?: string;
  cidr?: string;
  ip_version?: number;
  gateway_ip?: string | null;
  enable_dhcp?: boolean;
  allocation_pools?: NeutronPoolWire[];
  dns_nameservers?: string[];
  project_id?: string;
  tenant_id?: string;
  description?: string;
}

/** A fixed IP of a port. */
export interface NeutronFixedIpWire {
  subnet_id?: string;
  ip_address?: string;
}

/** A Neutron port. */
export interface NeutronPortWire {
  id: string;
  name?: string;
  network_id?: string;
  mac_address?: string;
  fixed_ips?: NeutronFixedIpWire[];
  device_id?: string;
  device_owner?: string;
  status?: string;
  admin_state_up?: boolean;
  security_groups?: string[];
  project_id?: string;
  tenant_id?: string;
  description?: string;
}

/** A Neutron floating IP. */
export interface NeutronFloatingIpWire {
  id: string;
  floating_ip_address?: string;
  floating_network_id?: string;
  router_id?: string | null;
  port_id?: string | null;
  fixed_ip_address?: string | null;
  status?: string;
  project_id?: string;
  tenant_id?: string;
  description?: string;
}

/** A Neutron security group rule. */
export interface NeutronSecurityGroupRuleWire {
  id: string;
  security_group_id?: string;
  direction?: string;
  ethertype?: string;
  protocol?: string | null;
  port_range_min?: number | null;
  port_range_max?: number | null;
  remote_ip_prefix?: string | null;
  remote_group_id?: string | null;
  description?: string;
  project_id?: string;
}

/** A Neutron security group. */
export interface NeutronSecurityGroupWire {
  id: string;
  name?: string;
  description?: string;
  project_id?: string;
  tenant_id?: string;
  stateful?: boolean;
  security_group_rules?: NeutronSecurityGroupRuleWire[];
}
