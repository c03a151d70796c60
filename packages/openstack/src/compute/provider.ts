/**
 * OpenStack as provider data: the generic `OPENSTACK` definition (any cloud; the auth URL comes from the
 * options, `OS_*` or clouds.yaml).
 * @module
 */
import type { ProviderDefinition } from '@cloudmux/core';

/** Defaults of the OpenStack provider. */
export type OpenStackProviderDefaults = {
  /** Nova API the driver speaks (`v2`: a pre-microversion Nova such as Rackspace's). */
  readonly computeApi: 'v2' | 'v2.1';
  /** Catalog interface used unless told otherwise. */
  readonly interface: 'public';
  /** Keystone API used when the auth URL does not say. */
  readonly identityApiVersion: '2.0' | '3';
  /** Page size asked of list calls (Nova's default `osapi_max_limit`). */
  readonly pageSize: number;
};

/** The generic OpenStack provider: any Keystone-fronted cloud, regions from its catalog. */
export const OPENSTACK_PROVIDER: ProviderDefinition<OpenStackProviderDefaults> = Object.freeze({
  id: 'openstack',
  name: 'OpenStack',
  api: 'openstack',
  regions: Object.freeze([]),
  defaults: Object.freeze({ computeApi: 'v2.1', interface: 'public', identityApiVersion: '3', pageSize: 1000 } as const),
  docsUrl: 'https://docs.openstack.org/api-ref/compute/',
});
