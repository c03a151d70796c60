/**
 * Load balancer API of the umbrella package.
 * @module
 */
import { loadBalancerRegistry, type LoadBalancerDriverClass } from '@cloudmux/core/loadbalancer';
import type { SetDriverOptions } from '@cloudmux/core/compute';
import type { DummyLoadBalancerDriver } from '@cloudmux/dummy';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/loadbalancer';

/** Ids of the bundled load balancer providers. */
export const Provider = {
  DUMMY: 'dummy',
} as const;
/** One of the bundled load balancer provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled load balancer provider id. */
export interface LoadBalancerDrivers {
  dummy: typeof DummyLoadBalancerDriver;
}

registerBundled(loadBalancerRegistry, { dummy: ['@cloudmux/dummy', 'DummyLoadBalancerDriver'] });

/** Returns the load balancer driver class for a provider id, loading its package on first use. */
export function getDriver<P extends keyof LoadBalancerDrivers>(provider: P): LoadBalancerDrivers[P];
/** Returns the load balancer driver class registered under `provider`. */
export function getDriver(provider: string): LoadBalancerDriverClass;
export function getDriver(provider: string): LoadBalancerDriverClass {
  return loadBalancerRegistry.get(provider);
}

/** Registers a third-party load balancer driver. */
export function setDriver(provider: string, driver: LoadBalancerDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  loadBalancerRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
