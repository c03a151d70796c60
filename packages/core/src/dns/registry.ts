import { DriverRegistry, type SetDriverOptions } from '../common/registry.js';
import type { DnsDriverClass } from './base-driver.js';

/** The DNS driver registry. */
export const dnsRegistry = new DriverRegistry<DnsDriverClass>('dns');

/** Returns the DNS driver class registered as `provider`. */
export function getDriver(provider: string): DnsDriverClass {
  return dnsRegistry.get(provider);
}

/** Registers a DNS driver class, or a module specifier and export name loaded lazily. */
export function setDriver(provider: string, driver: DnsDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  dnsRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
