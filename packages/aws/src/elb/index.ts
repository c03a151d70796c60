/**
 * Classic Elastic Load Balancing exports of `@cloudmux/aws` (and the settings both ELB drivers share).
 * @module
 */
export { ElbLoadBalancerDriver } from './driver.js';
export {
  ELB_PROVIDER,
  ALB_PROVIDER,
  ELB_CAPABILITIES,
  ALB_CAPABILITIES,
  ELB_API_VERSION,
  ELBV2_API_VERSION,
  ELB_REGIONS,
  elbEndpointFor,
} from './provider.js';
export { ELB_PROTOCOLS } from './balancers.js';
export type { ElbDriverOptions } from './options.js';
export type * from './types.js';
export * from '../elbv2/index.js'; // ELBv2: AlbLoadBalancerDriver and its types
