/**
 * Elastic Load Balancing v2 (application and network load balancers) exports of `@cloudmux/aws`.
 * @module
 */
export { AlbLoadBalancerDriver, type Elbv2Target } from './driver.js';
export { ELBV2_BALANCER_STATES, toBalancerState as toElbv2BalancerState } from './state-map.js';
export { ELBV2_ALGORITHMS, ELBV2_PROTOCOLS } from './balancers.js';
export type { Elbv2CreateListenerOptions, Elbv2CreateRuleOptions } from './listeners.js';
export type * from './types.js';
