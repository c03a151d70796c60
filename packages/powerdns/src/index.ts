/**
 * `@cloudmux/powerdns`: a DNS driver for the PowerDNS Authoritative Server's HTTP API v1
 * (`X-API-Key`). The API simulator is at `@cloudmux/powerdns/simulator`.
 * @module
 */
export { PowerDnsDriver } from './pdns/driver.js';
export { POWERDNS_CAPABILITIES } from './pdns/capabilities.js';
export { POWERDNS_PROVIDER, DEFAULT_POWERDNS_URL, type PowerDnsProviderDefaults } from './pdns/provider.js';
export type { PowerDnsCreateZoneEx, PowerDnsDriverOptions, PowerDnsRecordEx, PowerDnsUpdateZoneEx } from './pdns/options.js';
export type { PowerDnsImportZoneOptions } from './pdns/transfer.js';
export type { PowerDnsZoneExtra } from './pdns/to-zone.js';
export type { PowerDnsRecordExtra } from './pdns/to-record.js';
export { decodeRecordId, encodeRecordId, type PowerDnsRecordKey } from './pdns/record-id.js';
export { mapPowerDnsError } from './pdns/errors.js';
export type * from './pdns/wire.js';
