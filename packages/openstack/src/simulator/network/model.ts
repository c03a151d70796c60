/**
 * Neutron's records in the simulator.
 * @module
 */

/** Simulated durations of Neutron's transitions (ms before `speed` scaling). */
export const NEUTRON_TIMINGS = Object.freeze({
  /** A floating IP goes `DOWN` → `ACTIVE` this long after association. */
  floatingIpActivate: 500,
});

/** A network. */
export interface SimNetwork {
  id: string;
  /** Owner (`''` for the cloud's external network). */
  projectId: string;
  name: string;
  external: boolean;
  shared: boolean;
  status: string;
  mtu: number;
  created: number;
}

/** A subnet. */
export interface SimSubnet {
  id: string;
  projectId: string;
  networkId: string;
  name: string;
  cidr: string;
  gatewayIp: string;
  /** First and last host number of the pool (offsets into the CIDR). */
  pool: { start: string; end: string };
  created: number;
}

/** A router (internal: decides which subnets reach which external network). */
export interface SimRouter {
  id: string;
  projectId: string;
  name: string;
  externalNetworkId: string;
  subnetIds: string[];
}

/** A port. */
export interface SimPort {
  id: string;
  projectId: string;
  networkId: string;
  name: string;
  mac: string;
  fixedIps: { subnetId: string; ip: string }[];
  deviceId: string;
  deviceOwner: string;
  status: string;
  securityGroupIds: string[];
  created: number;
}

/** A floating IP. */
export interface SimFloatingIp {
  id: string;
  projectId: string;
  address: string;
  networkId: string;
  portId: string | null;
  fixedIp: string | null;
  routerId: string | null;
  status: string;
  description: string;
  created: number;
}

/** A security group rule. */
export interface SimRule {
  id: string;
  projectId: string;
  groupId: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  portMin: number | null;
  portMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
  description: string;
  created: number;
}

/** A security group. */
export interface SimSecurityGroup {
  id: string;
  projectId: string;
  name: string;
  description: string;
  created: number;
}
