import { DriverRegistry, type SetDriverOptions } from '../common/registry.js';
import type { StorageDriverClass } from './base-driver.js';

/** The storage driver registry. */
export const storageRegistry = new DriverRegistry<StorageDriverClass>('storage');

/** Returns the storage driver class registered as `provider`. */
export function getDriver(provider: string): StorageDriverClass {
  return storageRegistry.get(provider);
}

/** Registers a storage driver class, or a module specifier and export name loaded lazily. */
export function setDriver(provider: string, driver: StorageDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  storageRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
