import { DriverRegistry, registryFunctions, type GetDriver, type SetDriver } from '../common/registry.js';
import type { NodeDriverClass } from './base-driver.js';

/** The compute driver registry. */
export const computeRegistry = new DriverRegistry<NodeDriverClass>('compute');

const functions = registryFunctions(computeRegistry);

/** Returns the compute driver class registered as `provider` (loads it on first use). */
export const getDriver: GetDriver<NodeDriverClass> = functions.getDriver;

/**
 * Registers a compute driver: a class, or a module specifier and export name loaded lazily
 * (relative specifiers resolve against the working directory).
 */
export const setDriver: SetDriver<NodeDriverClass> = functions.setDriver;
