/**
 * `@cloudmux/rackspace`: Rackspace on the OpenStack code: Cloud Identity (RAX-KSKEY API keys), regions,
 * Cloud Servers, Cloud Files with the CDN API, Cloud Load Balancers and Cloud DNS. The simulator is at
 * `@cloudmux/rackspace/simulator`.
 * @module
 */
export * from './identity/index.js';
export * from './compute/index.js';
export * from './files/index.js';
export * from './loadbalancer/index.js';
export * from './dns/index.js';
