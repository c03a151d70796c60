/**
 * Neutron's JSON views of the simulated records.
 * @module
 */
import type { NetworkStore } from './store.js';
import type { SimFloatingIp, SimNetwork, SimPort, SimRule, SimSecurityGroup, SimSubnet } from './model.js';

/** Neutron's timestamp format (`2026-01-01T00:00:00Z`). */
export function neutronTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function owner(projectId: string): Record<string, string> {
  return { project_id: projectId, tenant_id: projectId };
}

/** A network. */
export function networkView(n: SimNetwork, store: NetworkStore): Record<string, unknown> {
  return {
    id: n.id,
    name: n.name,
    status: n.status,
    admin_state_up: true,
    shared: n.shared,
    'router:external': n.external,
    subnets: [...store.subnets.values()].filter((s) => s.networkId === n.id).map((s) => s.id),
    mtu: n.mtu,
    availability_zones: ['nova'],
    description: '',
    ...owner(n.projectId),
    created_at: neutronTime(n.created),
    updated_at: neutronTime(n.created),
  };
}

/** A subnet. */
export function subnetView(s: SimSubnet): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    network_id: s.networkId,
    cidr: s.cidr,
    ip_version: 4,
    gateway_ip: s.gatewayIp,
    enable_dhcp: true,
    allocation_pools: [{ start: s.pool.start, end: s.pool.end }],
    dns_nameservers: [],
    host_routes: [],
    description: '',
    ...owner(s.projectId),
    created_at: neutronTime(s.created),
    updated_at: neutronTime(s.created),
  };
}

/** A port. */
export function portView(p: SimPort): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    network_id: p.networkId,
    mac_address: p.mac,
    fixed_ips: p.fixedIps.map((f) => ({ subnet_id: f.subnetId, ip_address: f.ip })),
    device_id: p.deviceId,
    device_owner: p.deviceOwner,
    status: p.status,
    admin_state_up: true,
    security_groups: [...p.securityGroupIds],
    description: '',
    ...owner(p.projectId),
    created_at: neutronTime(p.created),
    updated_at: neutronTime(p.created),
  };
}

/** A floating IP. */
export function floatingIpView(f: SimFloatingIp): Record<string, unknown> {
  return {
    id: f.id,
    floating_ip_address: f.address,
    floating_network_id: f.networkId,
    router_id: f.routerId,
    port_id: f.portId,
    fixed_ip_address: f.fixedIp,
    status: f.status,
    description: f.description,
    ...owner(f.projectId),
    created_at: neutronTime(f.created),
    updated_at: neutronTime(f.created),
  };
}

/** A security group rule. */
export function ruleView(r: SimRule): Record<string, unknown> {
  return {
    id: r.id,
    security_group_id: r.groupId,
    direction: r.direction,
    ethertype: r.ethertype,
    protocol: r.protocol,
    port_range_min: r.portMin,
    port_range_max: r.portMax,
    remote_ip_prefix: r.remoteIpPrefix,
    remote_group_id: r.remoteGroupId,
    description: r.description,
    ...owner(r.projectId),
    created_at: neutronTime(r.created),
    updated_at: neutronTime(r.created),
  };
}

/** A security group with its rules. */
export function groupView(g: SimSecurityGroup, store: NetworkStore): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    stateful: true,
    security_group_rules: store.groupRules(g.id).map(ruleView),
    ...owner(g.projectId),
    created_at: neutronTime(g.created),
    updated_at: neutronTime(g.created),
  };
}
