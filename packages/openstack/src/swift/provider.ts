import type { ProviderDefinition } from '@cloudmux/core';

/** OpenStack Swift object storage (tempauth v1.0 or Keystone v3 auth). */
export const OPENSTACK_SWIFT_PROVIDER: ProviderDefinition = {
  id: 'openstack_swift',
  name: 'OpenStack Swift',
  api: 'openstack-swift',
  regions: [],
};
