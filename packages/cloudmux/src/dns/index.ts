/**
 * DNS API of the umbrella package.
 * @module
 */
import { dnsRegistry, type DnsDriverClass } from '@cloudmux/core/dns';
import { registryFunctions, type GetDriver, type SetDriver } from '@cloudmux/core';
import type { DummyDnsDriver } from '@cloudmux/dummy';
import type { PowerDnsDriver } from '@cloudmux/powerdns';
import type { Route53DnsDriver } from '@cloudmux/aws';
import type { RackspaceDnsDriver } from '@cloudmux/rackspace';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/dns';

/** Ids of the bundled DNS providers. */
export const Provider = {
  DUMMY: 'dummy',
  POWERDNS: 'powerdns',
  ROUTE53: 'route53',
  RACKSPACE: 'rackspace',
} as const;
/** One of the bundled DNS provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled DNS provider id. */
export interface DnsDrivers {
  dummy: typeof DummyDnsDriver;
  powerdns: typeof PowerDnsDriver;
  route53: typeof Route53DnsDriver;
  rackspace: typeof RackspaceDnsDriver;
}

registerBundled(dnsRegistry, {
  dummy: ['@cloudmux/dummy', 'DummyDnsDriver'],
  powerdns: ['@cloudmux/powerdns', 'PowerDnsDriver'],
  route53: ['@cloudmux/aws', 'Route53DnsDriver'],
  rackspace: ['@cloudmux/rackspace', 'RackspaceDnsDriver'],
});

const functions = registryFunctions<DnsDriverClass, DnsDrivers>(dnsRegistry);

/** Returns the DNS driver class for a provider id (typed for the bundled ids), loading its package on first use. */
export const getDriver: GetDriver<DnsDriverClass, DnsDrivers> = functions.getDriver;

/** Registers a third-party DNS driver: a class, or a module specifier and export name (Libcloud's `set_driver`). */
export const setDriver: SetDriver<DnsDriverClass> = functions.setDriver;
