import { DriverRegistry, registryFunctions, type GetDriver, type SetDriver } from '../common/registry.js';
import type { LoadBalancerDriverClass } from './base-driver.js';

/** The load balancer driver registry. */
export const loadBalancerRegistry = new DriverRegistry<LoadBalancerDriverClass>('loadbalancer');

const functions = registryFunctions(loadBalancerRegistry);

/** Returns the load balancer driver class registered as `provider` (loads it on first use). */
export const getDriver: GetDriver<LoadBalancerDriverClass> = functions.getDriver;

/**
 * Registers a load balancer driver: a class, or a module specifier and export name loaded lazily
 * (relative specifiers resolve against the working directory).
 */
export const setDriver: SetDriver<LoadBalancerDriverClass> = functions.setDriver;
