import { DriverRegistry, registryFunctions, type GetDriver, type SetDriver } from '../common/registry.js';
import type { StorageDriverClass } from './base-driver.js';

/** The storage driver registry. */
export const storageRegistry = new DriverRegistry<StorageDriverClass>('storage');

const functions = registryFunctions(storageRegistry);

/** Returns the storage driver class registered as `provider` (loads it on first use). */
export const getDriver: GetDriver<StorageDriverClass> = functions.getDriver;

/**
 * Registers a storage driver: a class, or a module specifier and export name loaded lazily
 * (relative specifiers resolve against the working directory).
 */
export const setDriver: SetDriver<StorageDriverClass> = functions.setDriver;
