import type { Capabilities } from '@cloudmux/core';
import type { LoadBalancerMethod } from '@cloudmux/core/loadbalancer';

/** Every portable load balancer method: Cloud Load Balancers supports them all. */
export const RACKSPACE_LB_CAPABILITIES: Capabilities<LoadBalancerMethod> = Object.freeze([
  'listProtocols',
  'listSupportedAlgorithms',
  'listBalancers',
  'getBalancer',
  'createBalancer',
  'destroyBalancer',
  'updateBalancer',
  'balancerAttachMember',
  'balancerAttachComputeNode',
  'balancerDetachMember',
  'balancerListMembers',
] satisfies LoadBalancerMethod[]);
