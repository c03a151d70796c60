/**
 * Rackspace Cloud Files as provider data.
 * @module
 */
import type { ProviderDefinition } from '@cloudmux/core';
import { RACKSPACE_REGIONS } from '../identity/index.js';

/** Cloud Files storage hosts per region (informational: the driver takes the URL from the service catalog). */
const STORAGE_HOSTS: Readonly<Record<string, string>> = Object.freeze({
  DFW: 'storage101.dfw1.clouddrive.com',
  ORD: 'storage101.ord1.clouddrive.com',
  IAD: 'storage101.iad3.clouddrive.com',
  LON: 'storage101.lon3.clouddrive.com',
  SYD: 'storage101.syd2.clouddrive.com',
  HKG: 'storage101.hkg1.clouddrive.com',
});

/** Rackspace Cloud Files: OpenStack Swift behind Rackspace Cloud Identity, plus the Cloud Files CDN API. */
export const CLOUDFILES_PROVIDER: ProviderDefinition = Object.freeze({
  id: 'cloudfiles',
  name: 'Rackspace Cloud Files',
  api: 'openstack-swift',
  regions: Object.freeze(
    RACKSPACE_REGIONS.map((r) =>
      Object.freeze({ id: r.id, name: r.name, country: r.country, endpoint: `https://${STORAGE_HOSTS[r.id]}/v1` }),
    ),
  ),
  docsUrl: 'https://docs.rackspace.com/docs/cloud-files/v1/',
});
