/**
 * The Rackspace Cloud DNS provider definition.
 * @module
 */
import type { ProviderDefinition } from '@cloudmux/core';

/** API defaults of Rackspace Cloud DNS. */
export type RackspaceDnsProviderDefaults = {
  /** Catalog type of the service. */
  readonly catalogType: 'rax:dns';
  /** Catalog name of the service. */
  readonly catalogName: 'cloudDNS';
  /** Smallest TTL Rackspace accepts (seconds). */
  readonly minTtl: number;
};

/** Rackspace Cloud DNS v1.0: one global endpoint (no regions), addressed by account number. */
export const RACKSPACE_DNS_PROVIDER: ProviderDefinition<RackspaceDnsProviderDefaults> = {
  id: 'rackspace',
  name: 'Rackspace Cloud DNS',
  api: 'rackspace-dns',
  defaultEndpoint: 'https://dns.api.rackspacecloud.com/v1.0',
  regions: [],
  defaults: { catalogType: 'rax:dns', catalogName: 'cloudDNS', minTtl: 300 },
  docsUrl: 'https://docs.rackspace.com/docs/cloud-dns/v1/',
};
