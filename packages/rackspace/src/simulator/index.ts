/**
 * `@cloudmux/rackspace/simulator`: a Rackspace simulator for tests, examples and demos: Cloud Identity
 * (RAX-KSKEY), Rackspace's catalog in six regions, Cloud Servers (the OpenStack simulator behind it), Cloud
 * Files with its CDN API, Cloud Load Balancers and Cloud DNS.
 *
 * ```ts
 * const sim = await RackspaceSimulator.start();
 * const driver = new RackspaceNodeDriver('demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl });
 * await sim.stop();
 * ```
 * @module
 */
export { RackspaceSimulator, DEFAULT_RACKSPACE_SIM_USER, type RackspaceSimulatorOptions, type RackspaceSimUser } from './server.js';
export { RACKSPACE_SIM_CATALOG, RACKSPACE_SIM_PATHS } from './catalog.js';
export { RACKSPACE_SIM_FLAVORS } from './flavors.js';
export { runRackspaceSimulatorCli, CLI_USAGE, type RackspaceCliHandle } from './cli-main.js';
export { CdnStore, cdnStore, cdnUris, CDN_SIM_PREFIX, type CdnSimContainer, type CdnSimPurge, type CdnSimUris } from './cdn/register.js';
export {
  dnsSimStore,
  DnsSimStore,
  DNS_SIM_NAMESERVERS,
  DNS_SIM_RECORD_TYPES,
  type DnsSimAccount,
  type DnsSimDomain,
  type DnsSimFault,
  type DnsSimJob,
  type DnsSimJobStatus,
  type DnsSimRecord,
} from './dns/index.js';
export {
  ClbStore,
  clbStore,
  CLB_SIM_TIMINGS,
  CLB_SIM_PROTOCOLS,
  CLB_SIM_ALGORITHMS,
  type ClbSimBalancer,
  type ClbSimNode,
} from './loadbalancer/register.js';
