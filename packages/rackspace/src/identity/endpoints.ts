/**
 * Rackspace identity endpoints and the catalog names of Rackspace's services.
 * @module
 */
import type { RackspaceIdentityLocation } from './regions.js';

/** Rackspace Cloud Identity v2.0 endpoints: `us` serves every region; `uk` is for accounts created in London. */
export const RACKSPACE_IDENTITY_URLS: Readonly<Record<RackspaceIdentityLocation, string>> = Object.freeze({
  us: 'https://identity.api.rackspacecloud.com/v2.0',
  uk: 'https://lon.identity.api.rackspacecloud.com/v2.0',
});

/** A catalog entry by type and name. */
export interface RackspaceCatalogName {
  /** Catalog type. */
  readonly type: string;
  /** Catalog name. */
  readonly name: string;
}

/** Where each Rackspace service sits in the Rackspace service catalog. */
export const RACKSPACE_SERVICES = Object.freeze({
  /** Cloud Servers (next generation): Nova. */
  compute: { type: 'compute', name: 'cloudServersOpenStack' },
  /** Cloud Images: Glance. */
  image: { type: 'image', name: 'cloudImages' },
  /** Cloud Block Storage: Cinder. */
  volume: { type: 'volume', name: 'cloudBlockStorage' },
  /** Cloud Networks: Neutron. */
  network: { type: 'network', name: 'cloudNetworks' },
  /** Cloud Files: Swift. */
  files: { type: 'object-store', name: 'cloudFiles' },
  /** Cloud Files CDN management API. */
  cdn: { type: 'rax:object-cdn', name: 'cloudFilesCDN' },
  /** Cloud Load Balancers v1.0. */
  loadBalancers: { type: 'rax:load-balancer', name: 'cloudLoadBalancers' },
  /** Cloud DNS v1.0 (global: no region). */
  dns: { type: 'rax:dns', name: 'cloudDNS' },
} satisfies Record<string, RackspaceCatalogName>);
