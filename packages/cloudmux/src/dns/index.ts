/**
 * DNS API of the umbrella package.
 * @module
 */
import { dnsRegistry, type DnsDriverClass } from '@cloudmux/core/dns';
import type { SetDriverOptions } from '@cloudmux/core/compute';
import type { DummyDnsDriver } from '@cloudmux/dummy';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/dns';

/** Ids of the bundled DNS providers. */
export const Provider = {
  DUMMY: 'dummy',
} as const;
/** One of the bundled DNS provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled DNS provider id. */
export interface DnsDrivers {
  dummy: typeof DummyDnsDriver;
}

registerBundled(dnsRegistry, { dummy: ['@cloudmux/dummy', 'DummyDnsDriver'] });

/** Returns the DNS driver class for a provider id, loading its package on first use. */
export function getDriver<P extends keyof DnsDrivers>(provider: P): DnsDrivers[P];
/** Returns the DNS driver class registered under `provider`. */
export function getDriver(provider: string): DnsDriverClass;
export function getDriver(provider: string): DnsDriverClass {
  return dnsRegistry.get(provider);
}

/** Registers a third-party DNS driver. */
export function setDriver(provider: string, driver: DnsDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  dnsRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
