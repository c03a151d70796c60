/**
 * Storage API of the umbrella package.
 * @module
 */
import { storageRegistry, type StorageDriverClass } from '@cloudmux/core/storage';
import { registryFunctions, type GetDriver, type SetDriver } from '@cloudmux/core';
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

const functions = registryFunctions<StorageDriverClass, StorageDrivers>(storageRegistry);

/** Returns the storage driver class for a provider id (typed for the bundled ids), loading its package on first use. */
export const getDriver: GetDriver<StorageDriverClass, StorageDrivers> = functions.getDriver;

/** Registers a third-party storage driver: a class, or a module specifier and export name (Libcloud's `set_driver`). */
export const setDriver: SetDriver<StorageDriverClass> = functions.setDriver;
