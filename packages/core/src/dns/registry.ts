import { DriverRegistry, registryFunctions, type GetDriver, type SetDriver } from '../common/registry.js';
import type { DnsDriverClass } from './base-driver.js';

/** The DNS driver registry. */
export const dnsRegistry = new DriverRegistry<DnsDriverClass>('dns');

const functions = registryFunctions(dnsRegistry);

/** Returns the DNS driver class registered as `provider` (loads it on first use). */
export const getDriver: GetDriver<DnsDriverClass> = functions.getDriver;

/**
 * Registers a DNS driver: a class, or a module specifier and export name loaded lazily
 * (relative specifiers resolve against the working directory).
 */
export const setDriver: SetDriver<DnsDriverClass> = functions.setDriver;
