/**
 * Neutron v2.0 for the OpenStack driver: networks, subnets, ports, floating IPs and security groups as plain
 * functions taking the driver's context, wired into `OpenStackNodeDriver` as `ex` methods.
 * @module
 */
export type { NetworkContext } from './context.js';
export type { NeutronListOptions } from './list.js';
export {
  exIterateNetworks,
  exListNetworks,
  exGetNetwork,
  exIterateSubnets,
  exListSubnets,
  exGetSubnet,
  exIteratePorts,
  exListPorts,
  exGetPort,
  type ListNetworksOptions,
  type ListSubnetsOptions,
  type ListPortsOptions,
} from './networks.js';
export {
  exIterateFloatingIps,
  exListFloatingIps,
  exGetFloatingIp,
  exAllocateFloatingIp,
  exAssociateFloatingIp,
  exDisassociateFloatingIp,
  exReleaseFloatingIp,
  type ListFloatingIpsOptions,
  type AllocateFloatingIpOptions,
  type AssociateFloatingIpOptions,
  type FloatingIpRef,
} from './floating-ips.js';
export {
  exIterateSecurityGroups,
  exListSecurityGroups,
  exGetSecurityGroup,
  exCreateSecurityGroup,
  exDeleteSecurityGroup,
  exAddSecurityGroupRule,
  exRemoveSecurityGroupRule,
  type ListSecurityGroupsOptions,
  type CreateSecurityGroupOptions,
  type SecurityGroupRuleSpec,
} from './security-groups.js';
export { toNetwork, toSubnet, toPort, toFloatingIp, toSecurityGroup, toSecurityGroupRule } from './to-network.js';
export type {
  OpenStackNetwork,
  OpenStackSubnet,
  OpenStackAllocationPool,
  OpenStackPort,
  OpenStackFixedIp,
  OpenStackFloatingIp,
  OpenStackSecurityGroup,
  OpenStackSecurityGroupRule,
  SecurityGroupRuleDirection,
  SecurityGroupRuleEthertype,
} from './types.js';
