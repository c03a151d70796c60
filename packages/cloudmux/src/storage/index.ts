/**
 * Storage API of the umbrella package.
 * @module
 */
import { storageRegistry, type SetDriverOptions, type StorageDriverClass } from '@cloudmux/core/storage';
import type { LocalStorageDriver } from '@cloudmux/dummy';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/storage';

/** Ids of the bundled storage providers. */
export const Provider = {
  LOCAL: 'local',
} as const;
/** One of the bundled storage provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled storage provider id. */
export interface StorageDrivers {
  local: typeof LocalStorageDriver;
}

registerBundled(storageRegistry, { local: ['@cloudmux/dummy', 'LocalStorageDriver'] });

/** Returns the storage driver class for a provider id, loading its package on first use. */
export function getDriver<P extends keyof StorageDrivers>(provider: P): StorageDrivers[P];
/** Returns the storage driver class registered under `provider`. */
export function getDriver(provider: string): StorageDriverClass;
export function getDriver(provider: string): StorageDriverClass {
  return storageRegistry.get(provider);
}

/** Registers a third-party storage driver. */
export function setDriver(provider: string, driver: StorageDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  storageRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
