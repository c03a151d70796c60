/**
 * DNS: zones and records, with BIND export for every driver.
 * @module
 */
export { RecordType } from './record-type.js';
export { DnsRecord, type DnsRecordInit, Zone, type ZoneInit } from './resources.js';
export {
  type CreateRecordOptions,
  type CreateZoneOptions,
  type ExportZoneToBindZoneFileOptions,
  type GetRecordOptions,
  type UpdateRecordOptions,
  type UpdateZoneOptions,
} from './options.js';
export { DNS_METHODS, type DnsMethod } from './capabilities.js';
export { DnsDriver, type DnsDriverClass, type ImportedZone, type ZoneRef } from './base-driver.js';
export {
  type ImportZoneFromBindFormatOptions,
  parseBindZone,
  type ParseBindZoneOptions,
  type ParsedBindRecord,
  type ParsedBindZone,
  type RecordDataLike,
  sameRecordData,
} from './bind-import.js';
export {
  type BindEntry,
  bindSyntaxError,
  type BindToken,
  isBindTtl,
  MAX_BIND_TTL,
  parseBindTtl,
  parseCharacterStrings,
  tokenizeBindZone,
} from './bind-parse.js';
export {
  absoluteName,
  type BindExportOptions,
  type BindRecord,
  bindRecordData,
  type BindZone,
  DEFAULT_BIND_TTL,
  escapeBindName,
  escapeCharacterString,
  ownerName,
  quoteCharacterStrings,
  splitCharacterStrings,
  SYNTHESIZED_SOA_TIMERS,
  toBindZoneFile,
} from './bind-format.js';
export { dnsRegistry, getDriver, setDriver } from './registry.js';
export type { CallOptions } from '../common/options.js';
export type { SetDriverOptions } from '../common/registry.js';
