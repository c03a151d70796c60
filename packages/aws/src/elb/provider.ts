import type { Capabilities, ProviderDefinition, RegionDefinition } from '@cloudmux/core';
import type { LoadBalancerMethod } from '@cloudmux/core/loadbalancer';
import { AWS_REGIONS } from '../ec2/regions.js';

/** API version of classic Elastic Load Balancing. */
export const ELB_API_VERSION = '2012-06-01';
/** API version of Elastic Load Balancing v2 (application and network load balancers). */
export const ELBV2_API_VERSION = '2015-12-01';
/** SigV4 service name of both ELB APIs. */
export const ELB_SIGNING_SERVICE = 'elasticloadbalancing';

/** The ELB endpoint of a region (`https://elasticloadbalancing.<region>.amazonaws.com`, `.com.cn` in China). */
export function elbEndpointFor(region: string): string {
  return `https://elasticloadbalancing.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** Every AWS region with its ELB endpoint (the same regions as EC2; both ELB APIs share the endpoint). */
export const ELB_REGIONS: readonly RegionDefinition[] = Object.freeze(
  AWS_REGIONS.map((r) => Object.freeze({ id: r.id, name: r.name, country: r.country, endpoint: elbEndpointFor(r.id) })),
);

/** Classic Elastic Load Balancing (API 2012-06-01). */
export const ELB_PROVIDER: ProviderDefinition = Object.freeze({
  id: 'elb',
  name: 'Amazon Elastic Load Balancing (Classic)',
  api: 'elb',
  defaultRegion: 'us-east-1',
  regions: ELB_REGIONS,
  docsUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/Welcome.html',
});

/** Elastic Load Balancing v2: application and network load balancers (API 2015-12-01). */
export const ALB_PROVIDER: ProviderDefinition = Object.freeze({
  id: 'alb',
  name: 'Amazon Elastic Load Balancing v2 (ALB/NLB)',
  api: 'elbv2',
  defaultRegion: 'us-east-1',
  regions: ELB_REGIONS,
  docsUrl: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/Welcome.html',
});

/**
 * Classic ELB: balancers, and EC2 instances as members through `balancerAttachComputeNode`. Not
 * `balancerAttachMember`/`balancerDetachMember`/`balancerListMembers` (classic ELB registers
 * instances by id, never an `ip:port`; see `exRegisterInstances`, `exDeregisterInstances`,
 * `exDescribeInstanceHealth`), nor `updateBalancer` (a classic balancer cannot be renamed).
 */
export const ELB_CAPABILITIES: Capabilities<LoadBalancerMethod> = Object.freeze([
  'listProtocols',
  'listSupportedAlgorithms',
  'listBalancers',
  'getBalancer',
  'createBalancer',
  'destroyBalancer',
  'balancerAttachComputeNode',
] as const);

/**
 * ELBv2: balancers (with one listener and an `ip` target group made by `createBalancer`), and
 * `ip:port` targets as members. Not `updateBalancer` (an ELBv2 balancer cannot be renamed; listeners
 * change with `exModifyListener`).
 */
export const ALB_CAPABILITIES: Capabilities<LoadBalancerMethod> = Object.freeze([
  'listProtocols',
  'listSupportedAlgorithms',
  'listBalancers',
  'getBalancer',
  'createBalancer',
  'destroyBalancer',
  'balancerAttachMember',
  'balancerAttachComputeNode',
  'balancerDetachMember',
  'balancerListMembers',
] as const);
