/**
 * Rackspace Cloud Load Balancers as provider data.
 * @module
 */
import type { ProviderDefinition } from '@cloudmux/core';
import { RACKSPACE_REGIONS } from '../identity/index.js';

/** Rackspace Cloud Load Balancers v1.0 (the driver takes the account URL from the service catalog). */
export const RACKSPACE_LB_PROVIDER: ProviderDefinition = Object.freeze({
  id: 'rackspace',
  name: 'Rackspace Cloud Load Balancers',
  api: 'rackspace-clb',
  defaultRegion: 'DFW',
  regions: Object.freeze(
    RACKSPACE_REGIONS.map((r) =>
      Object.freeze({
        id: r.id,
        name: r.name,
        country: r.country,
        endpoint: `https://${r.id.toLowerCase()}.loadbalancers.api.rackspacecloud.com/v1.0`,
      }),
    ),
  ),
  docsUrl: 'https://docs.rackspace.com/docs/cloud-load-balancers/v1/',
});
