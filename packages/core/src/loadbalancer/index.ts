/**
 * Load balancers: balancers, members, algorithms.
 * @module
 */
export { Algorithm, LoadBalancer, type LoadBalancerInit, LoadBalancerState, Member, type MemberInit } from './resources.js';
export { LOADBALANCER_METHODS, type LoadBalancerMethod } from './capabilities.js';
export {
  type BalancerAttachComputeNodeOptions,
  type BalancerAttachMemberOptions,
  type BalancerDetachMemberOptions,
  type BalancerRef,
  type CreateBalancerOptions,
  LoadBalancerDriver,
  type LoadBalancerDriverClass,
  type MemberSpec,
  type UpdateBalancerOptions,
} from './base-driver.js';
export { getDriver, loadBalancerRegistry, setDriver } from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { SetDriverOptions } from '../common/registry.js';
