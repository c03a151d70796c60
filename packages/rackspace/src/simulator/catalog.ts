/**
 * The service catalog the Rackspace simulator hands out: Rackspace's catalog names and types, pointing at
 * this simulator (the OpenStack services behind it, and the Rackspace APIs it adds).
 * @module
 */
import type { SimCatalogService } from '@cloudmux/openstack/simulator';

/** Path prefixes of the Rackspace-only APIs on the simulator (`$(project_id)s` is the account number). */
export const RACKSPACE_SIM_PATHS = Object.freeze({
  /** Cloud Files CDN management API; the account matches Cloud Files' (`AUTH_<project>`). */
  cdn: '/cdn/v1/AUTH_$(project_id)s',
  /** Cloud Load Balancers v1.0. */
  loadBalancers: '/lbaas/v1.0/$(project_id)s',
  /** Cloud DNS v1.0. */
  dns: '/dns/v1.0/$(project_id)s',
});

/** Every service in the simulated Rackspace catalog. */
export const RACKSPACE_SIM_CATALOG: readonly SimCatalogService[] = Object.freeze([
  { type: 'compute', name: 'cloudServersOpenStack', id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0001', path: '/compute/v2.1', interfaces: ['public'] },
  { type: 'image', name: 'cloudImages', id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0002', path: '/image', interfaces: ['public'] },
  {
    type: 'volume',
    name: 'cloudBlockStorage',
    id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0003',
    path: '/volume/v3/$(project_id)s',
    interfaces: ['public'],
  },
  { type: 'network', name: 'cloudNetworks', id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0004', path: '/network', interfaces: ['public'] },
  {
    type: 'object-store',
    name: 'cloudFiles',
    id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0005',
    path: '/swift/v1/AUTH_$(project_id)s',
    interfaces: ['public', 'internal'],
  },
  {
    type: 'rax:object-cdn',
    name: 'cloudFilesCDN',
    id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0006',
    path: RACKSPACE_SIM_PATHS.cdn,
    interfaces: ['public'],
  },
  {
    type: 'rax:load-balancer',
    name: 'cloudLoadBalancers',
    id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0007',
    path: RACKSPACE_SIM_PATHS.loadBalancers,
    interfaces: ['public'],
  },
  {
    type: 'rax:dns',
    name: 'cloudDNS',
    id: 'b1a9d7b6c9f14e1c8d7f0b1b7c1d0008',
    path: RACKSPACE_SIM_PATHS.dns,
    interfaces: ['public'],
    global: true,
  },
]);
