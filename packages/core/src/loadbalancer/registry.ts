import { DriverRegistry, type SetDriverOptions } from '../common/registry.js';
import type { LoadBalancerDriverClass } from './base-driver.js';

/** The load balancer driver registry. */
export const loadBalancerRegistry = new DriverRegistry<LoadBalancerDriverClass>('loadbalancer');

/** Returns the load balancer driver class registered as `provider`. */
export function getDriver(provider: string): LoadBalancerDriverClass {
  return loadBalancerRegistry.get(provider);
}

/** Registers a load balancer driver class, or a module specifier and export name loaded lazily. */
export function setDriver(provider: string, driver: LoadBalancerDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  loadBalancerRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
