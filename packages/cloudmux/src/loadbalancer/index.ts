/**
 * Load balancer API of the umbrella package.
 * @module
 */
import { loadBalancerRegistry, type LoadBalancerDriverClass } from '@cloudmux/core/loadbalancer';
import { registryFunctions, type GetDriver, type SetDriver } from '@cloudmux/core';
import type { DummyLoadBalancerDriver } from '@cloudmux/dummy';
import type { AlbLoadBalancerDriver, ElbLoadBalancerDriver } from '@cloudmux/aws';
import type { RackspaceLoadBalancerDriver } from '@cloudmux/rackspace';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/loadbalancer';

/** Ids of the bundled load balancer providers. */
export const Provider = {
  DUMMY: 'dummy',
  ELB: 'elb',
  ALB: 'alb',
  RACKSPACE: 'rackspace',
} as const;
/** One of the bundled load balancer provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled load balancer provider id. */
export interface LoadBalancerDrivers {
  dummy: typeof DummyLoadBalancerDriver;
  elb: typeof ElbLoadBalancerDriver;
  alb: typeof AlbLoadBalancerDriver;
  rackspace: typeof RackspaceLoadBalancerDriver;
}

registerBundled(loadBalancerRegistry, {
  dummy: ['@cloudmux/dummy', 'DummyLoadBalancerDriver'],
  elb: ['@cloudmux/aws', 'ElbLoadBalancerDriver'],
  alb: ['@cloudmux/aws', 'AlbLoadBalancerDriver'],
  rackspace: ['@cloudmux/rackspace', 'RackspaceLoadBalancerDriver'],
});

const functions = registryFunctions<LoadBalancerDriverClass, LoadBalancerDrivers>(loadBalancerRegistry);

/** Returns the load balancer driver class for a provider id (typed for the bundled ids), loading its package on first use. */
export const getDriver: GetDriver<LoadBalancerDriverClass, LoadBalancerDrivers> = functions.getDriver;

/** Registers a third-party load balancer driver: a class, or a module specifier and export name (Libcloud's `set_driver`). */
export const setDriver: SetDriver<LoadBalancerDriverClass> = functions.setDriver;
