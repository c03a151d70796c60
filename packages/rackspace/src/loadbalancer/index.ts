/**
 * Rackspace Cloud Load Balancers (API v1.0): the driver, its provider data and tables.
 * @module
 */
export { RackspaceLoadBalancerDriver } from './driver.js';
export { RackspaceLoadBalancerExMethods } from './ex-methods.js';
export { RACKSPACE_LB_PROVIDER } from './provider.js';
export { RACKSPACE_LB_CAPABILITIES } from './capabilities.js';
export { RACKSPACE_ALGORITHMS, RACKSPACE_BALANCER_STATES, toPortableProtocol } from './maps.js';
export { RackspaceBalancerBusyError, mapLoadBalancerFault } from './errors.js';
export type { RackspaceBalancerExtra, RackspaceMemberExtra } from './to-resources.js';
export type { RackspaceProtocol } from './balancers.js';
export {
  RACKSPACE_LB_DRIVER_OPTIONS,
  type RackspaceAccessListItem,
  type RackspaceConnectionThrottle,
  type RackspaceCreateBalancerEx,
  type RackspaceHealthMonitor,
  type RackspaceLoadBalancerOptions,
  type RackspaceLoadBalancerOwnOptions,
  type RackspaceNodeCondition,
  type RackspaceNodeType,
  type RackspacePersistenceType,
  type RackspaceSslTermination,
  type RackspaceUpdateMemberOptions,
  type RackspaceVirtualIpType,
  type RackspaceWaitOptions,
} from './options.js';
export type {
  ClbConnectionThrottle,
  ClbFault,
  ClbHealthMonitor,
  ClbLoadBalancer,
  ClbLoadBalancerPage,
  ClbNetworkItem,
  ClbNode,
  ClbSessionPersistence,
  ClbSslTermination,
  ClbVirtualIp,
} from './wire.js';
