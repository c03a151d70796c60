/**
 * Pure mappers: Neutron wire objects → frozen cloudmux records.
 * @module
 */
import type {
  OpenStackFloatingIp,
  OpenStackNetwork,
  OpenStackPort,
  OpenStackSecurityGroup,
  OpenStackSecurityGroupRule,
  OpenStackSubnet,
} from './types.js';
import type {
  NeutronFloatingIpWire,
  NeutronNetworkWire,
  NeutronPortWire,
  NeutronSecurityGroupRuleWire,
  NeutronSecurityGroupWire,
  NeutronSubnetWire,
} from './wire.js';

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function texts(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A Neutron network as an {@link OpenStackNetwork}. */
export function toNetwork(n: NeutronNetworkWire): OpenStackNetwork {
  return Object.freeze({
    id: n.id,
    name: n.name ?? '',
    status: n.status ?? 'UNKNOWN',
    adminStateUp: n.admin_state_up !== false,
    shared: n.shared === true,
    external: n['router:external'] === true,
    subnetIds: Object.freeze(texts(n.subnets)),
    projectId: text(n.project_id) ?? text(n.tenant_id),
    mtu: int(n.mtu),
    description: text(n.description),
  });
}

/** A Neutron subnet as an {@link OpenStackSubnet}. */
export function toSubnet(s: NeutronSubnetWire): OpenStackSubnet {
  return Object.freeze({
    id: s.id,
    name: s.name ?? '',
    networkId: s.network_id ?? '',
    cidr: s.cidr ?? '',
    ipVersion: s.ip_version === 6 ? 6 : 4,
    gatewayIp: text(s.gateway_ip),
    enableDhcp: s.enable_dhcp === true,
    allocationPools: Object.freeze(
      (Array.isArray(s.allocation_pools) ? s.allocation_pools : []).map((p) => Object.freeze({ start: p.start, end: p.end })),
    ),
    dnsNameservers: Object.freeze(texts(s.dns_nameservers)),
    projectId: text(s.project_id) ?? text(s.tenant_id),
  });
}

/** A Neutron port as an {@link OpenStackPort}. */
export function toPort(p: NeutronPortWire): OpenStackPort {
  return Object.freeze({
    id: p.id,
    name: p.name ?? '',
    networkId: p.network_id ?? '',
    macAddress: text(p.mac_address),
    fixedIps: Object.freeze(
      (Array.isArray(p.fixed_ips) ? p.fixed_ips : [])
        .filter((f) => typeof f.ip_address === 'string')
        .map((f) => Object.freeze({ subnetId: text(f.subnet_id), ipAddress: f.ip_address as string })),
    ),
    deviceId: text(p.device_id),
    deviceOwner: text(p.device_owner),
    status: p.status ?? 'UNKNOWN',
    adminStateUp: p.admin_state_up !== false,
    securityGroupIds: Object.freeze(texts(p.security_groups)),
    projectId: text(p.project_id) ?? text(p.tenant_id),
  });
}

/** A Neutron floating IP as an {@link OpenStackFloatingIp}. */
export function toFloatingIp(f: NeutronFloatingIpWire): OpenStackFloatingIp {
  return Object.freeze({
    id: f.id,
    address: f.floating_ip_address ?? '',
    floatingNetworkId: f.floating_network_id ?? '',
    portId: text(f.port_id),
    fixedIp: text(f.fixed_ip_address),
    routerId: text(f.router_id),
    status: f.status ?? 'UNKNOWN',
    projectId: text(f.project_id) ?? text(f.tenant_id),
    description: text(f.description),
  });
}

/** A Neutron security group rule as an {@link OpenStackSecurityGroupRule}. */
export function toSecurityGroupRule(r: NeutronSecurityGroupRuleWire): OpenStackSecurityGroupRule {
  return Object.freeze({
    id: r.id,
    securityGroupId: r.security_group_id ?? '',
    direction: r.direction === 'egress' ? 'egress' : 'ingress',
    ethertype: r.ethertype === 'IPv6' ? 'IPv6' : 'IPv4',
    protocol: text(r.protocol),
    portRangeMin: int(r.port_range_min),
    portRangeMax: int(r.port_range_max),
    remoteIpPrefix: text(r.remote_ip_prefix),
    remoteGroupId: text(r.remote_group_id),
    description: text(r.description),
  });
}

/** A Neutron security group as an {@link OpenStackSecurityGroup}. */
export function toSecurityGroup(g: NeutronSecurityGroupWire): OpenStackSecurityGroup {
  return Object.freeze({
    id: g.id,
    name: g.name ?? '',
    description: g.description ?? '',
    projectId: text(g.project_id) ?? text(g.tenant_id),
    rules: Object.freeze((Array.isArray(g.security_group_rules) ? g.security_group_rules : []).map(toSecurityGroupRule)),
  });
}
