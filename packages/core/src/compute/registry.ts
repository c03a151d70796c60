import { DriverRegistry, type SetDriverOptions } from '../common/registry.js';
import type { NodeDriverClass } from './base-driver.js';

/** The compute driver registry. */
export const computeRegistry = new DriverRegistry<NodeDriverClass>('compute');

/** Returns the compute driver class registered as `provider` (loads it on first use). */
export function getDriver(provider: string): NodeDriverClass {
  return computeRegistry.get(provider);
}

/**
 * Registers a compute driver: a class, or a module specifier and export name loaded lazily
 * (relative specifiers resolve against the working directory).
 */
export function setDriver(provider: string, driver: NodeDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  computeRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
