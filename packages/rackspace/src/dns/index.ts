/**
 * Rackspace Cloud DNS v1.0: the DNS driver (zones = domains, asynchronous jobs polled to completion, BIND import/export).
 * @module
 */
export { RackspaceDnsDriver } from './driver.js';
export { RACKSPACE_DNS_PROVIDER, type RackspaceDnsProviderDefaults } from './provider.js';
export { RACKSPACE_DNS_CAPABILITIES } from './capabilities.js';
export {
  type RackspaceDnsDriverOptions,
  type RackspaceJobCallOptions,
  type RackspaceCreateZoneEx,
  type RackspaceUpdateZoneEx,
  type RackspaceRecordEx,
} from './options.js';
export type { RackspaceImportedZone, RackspaceImportZoneOptions } from './transfer.js';
export { RACKSPACE_RECORD_TYPES, type RackspaceRecordExtra } from './to-record.js';
export type { RackspaceZoneExtra } from './to-zone.js';
export type { RaxDomain, RaxRecord, RaxJob, RaxJobStatus, RaxFault, RaxExport, RaxLink } from './wire.js';
