/**
 * Rackspace Cloud Servers as provider data: the next-generation definition (`rackspace`), its catalog names,
 * and the retired first generation (`rackspace_first_gen`).
 * @module
 */
import type { ProviderDefinition, RegionDefinition } from '@cloudmux/core';
import type { OpenStackProviderDefaults } from '@cloudmux/openstack';
import { RACKSPACE_REGIONS } from '../identity/regions.js';

/** Provider id of Rackspace Cloud Servers (next generation). */
export const RACKSPACE_COMPUTE_PROVIDER_ID = 'rackspace';

/** Nova endpoint of each region, as the catalog lists it (the account number is appended: `…/v2/123456`). */
function serversEndpoint(region: string): string {
  return `https://${region.toLowerCase()}.servers.api.rackspacecloud.com/v2`;
}

/** Rackspace Cloud Servers (next generation, OpenStack Nova v2 without microversions) in its six regions. */
export const RACKSPACE_COMPUTE_PROVIDER: ProviderDefinition<OpenStackProviderDefaults> = Object.freeze({
  id: RACKSPACE_COMPUTE_PROVIDER_ID,
  name: 'Rackspace Cloud Servers',
  api: 'openstack',
  defaultRegion: 'DFW',
  regions: Object.freeze(
    RACKSPACE_REGIONS.map((r): RegionDefinition =>
      Object.freeze({ id: r.id, name: r.name, endpoint: serversEndpoint(r.id), country: r.country }),
    ),
  ),
  defaults: Object.freeze({ computeApi: 'v2', interface: 'public', identityApiVersion: '2.0', pageSize: 1000 } as const),
  docsUrl: 'https://docs.rackspace.com/docs/cloud-servers/v2/',
});

/** Catalog names of the services the Cloud Servers driver uses (`serviceNames` of the OpenStack driver). */
export const RACKSPACE_COMPUTE_SERVICE_NAMES = Object.freeze({
  compute: 'cloudServersOpenStack',
  image: 'cloudImages',
  volume: 'cloudBlockStorage',
  network: 'cloudNetworks',
} as const);

/** Provider id of the retired first-generation Cloud Servers (API v1.0). */
export const RACKSPACE_FIRST_GEN_PROVIDER_ID = 'rackspace_first_gen';

/**
 * Why `rackspace_first_gen` has no driver: the message `getDriver('rackspace_first_gen')` throws (through the
 * registry's `retire`), naming the replacement.
 */
export const RACKSPACE_FIRST_GEN_RETIRED_MESSAGE =
  "Rackspace retired first-generation Cloud Servers (API v1.0); use Provider.RACKSPACE ('rackspace'): next-generation Cloud Servers, RackspaceNodeDriver from @cloudmux/rackspace";
