/** Portable load balancer methods. */
export const LOADBALANCER_METHODS = [
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
] as const;

/** A portable load balancer method name. */
export type LoadBalancerMethod = (typeof LOADBALANCER_METHODS)[number];
