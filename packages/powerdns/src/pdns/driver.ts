import type { Capabilities, CallOptions } from '@cloudmux/core';
import {
  DnsDriver,
  RecordType,
  type CreateRecordOptions,
  type CreateZoneOptions,
  type DnsMethod,
  type DnsRecord,
  type GetRecordOptions,
  type ImportedZone,
  type ImportZoneFromBindFormatOptions,
  type UpdateRecordOptions,
  type UpdateZoneOptions,
  type Zone,
  type ZoneRef,
} from '@cloudmux/core/dns';
import { POWERDNS_CAPABILITIES } from './capabilities.js';
import { createContext, type PowerDnsContext } from './context.js';
import type { PowerDnsCreateZoneEx, PowerDnsDriverOptions, PowerDnsRecordEx, PowerDnsUpdateZoneEx } from './options.js';
import { POWERDNS_PROVIDER } from './provider.js';
import * as records from './records.js';
import type { PowerDnsRecordExtra } from './to-record.js';
import type { PowerDnsZoneExtra } from './to-zone.js';
import * as transfer from './transfer.js';
import type { PowerDnsImportZoneOptions } from './transfer.js';
import type { PdnsRRset, PdnsRRsetChange } from './wire.js';
import * as zones from './zones.js';

/** Record types PowerDNS serves that cloudmux has portable names for. */
const RECORD_TYPES: readonly RecordType[] = Object.freeze(Object.values(RecordType));

/**
 * PowerDNS Authoritative Server driver (HTTP API v1, `X-API-Key`). Zones are PowerDNS zones
 * (ids are canonical names, `example.com.`; `example.com` is accepted); a portable record is one
 * value of an rrset, created, changed and deleted by rewriting its rrset with `PATCH`
 * (`REPLACE`/`DELETE`) so the other values stay. Record ids encode name, type and content.
 *
 * @example
 * const dns = new PowerDnsDriver(process.env.PDNS_API_KEY!, undefined, { url: 'http://127.0.0.1:8081/api/v1' });
 * const zone = await dns.createZone({ domain: 'example.com', ttl: 3600 });
 * await dns.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.10', ttl: 300 });
 */
export class PowerDnsDriver extends DnsDriver {
  /** The PowerDNS provider definition. */
  static override readonly provider = POWERDNS_PROVIDER;
  /** Supported portable methods (all). */
  static override readonly capabilities: Capabilities<DnsMethod> = POWERDNS_CAPABILITIES;

  /** A driver from `PDNS_API_URL`, `PDNS_API_KEY` and `PDNS_SERVER_ID`; `overrides` win. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: PowerDnsDriverOptions = {}): PowerDnsDriver {
    return new PowerDnsDriver(env.PDNS_API_KEY ?? '', undefined, {
      ...(env.PDNS_API_URL ? { url: env.PDNS_API_URL } : {}),
      ...(env.PDNS_SERVER_ID ? { serverId: env.PDNS_SERVER_ID } : {}),
      ...overrides,
    });
  }

  readonly #ctx: PowerDnsContext;

  /**
   * @param key - the API key (`api-key` in pdns.conf), sent as `X-API-Key`.
   * @param _secret - unused (Libcloud's signature).
   * @param options - `url` (default `http://127.0.0.1:8081/api/v1`), `serverId` (default `localhost`), transport settings.
   */
  constructor(key: string, _secret?: string, options?: PowerDnsDriverOptions) {
    super();
    this.#ctx = createContext(this, key, options);
  }

  /** API base URL. */
  get url(): string {
    return this.#ctx.settings.url;
  }

  /** Server id. */
  get serverId(): string {
    return this.#ctx.settings.serverId;
  }

  /** Record types cloudmux maps (PowerDNS accepts them all). */
  override listRecordTypes(): RecordType[] {
    return [...RECORD_TYPES];
  }
  /** Every zone (PowerDNS answers in one page; `ttl` is unknown in a list). */
  override iterateZones(options?: CallOptions): AsyncIterable<Zone<PowerDnsZoneExtra>> {
    return zones.iterateZones(this.#ctx, options);
  }
  /** Every zone. */
  override listZones(options?: CallOptions): Promise<Zone<PowerDnsZoneExtra>[]> {
    return super.listZones(options) as Promise<Zone<PowerDnsZoneExtra>[]>;
  }
  /** A zone by id (`example.com.` or `example.com`). */
  override getZone(id: string, options?: CallOptions): Promise<Zone<PowerDnsZoneExtra>> {
    return zones.getZone(this.#ctx, id, options);
  }
  /** Creates a zone (`Native` unless `type: 'slave'` or `ex.kind`). */
  override createZone(options: CreateZoneOptions<PowerDnsCreateZoneEx>): Promise<Zone<PowerDnsZoneExtra>> {
    return zones.createZone(this.#ctx, options);
  }
  /** Changes kind/settings (`PUT`) and the zone TTL (the SOA rrset's). */
  override updateZone(zone: ZoneRef, options: UpdateZoneOptions<PowerDnsUpdateZoneEx>): Promise<Zone<PowerDnsZoneExtra>> {
    return zones.updateZone(this.#ctx, zone, options);
  }
  /** Deletes a zone and its records. */
  override deleteZone(zone: ZoneRef, options?: CallOptions): Promise<boolean> {
    return zones.deleteZone(this.#ctx, zone, options);
  }
  /** Every portable record of a zone (one per rrset value). */
  override iterateRecords(zone: ZoneRef, options?: CallOptions): AsyncIterable<DnsRecord<PowerDnsRecordExtra>> {
    return records.iterateRecords(this.#ctx, zone, options);
  }
  /** Every portable record of a zone. */
  override listRecords(zone: ZoneRef, options?: CallOptions): Promise<DnsRecord<PowerDnsRecordExtra>[]> {
    return super.listRecords(zone, options) as Promise<DnsRecord<PowerDnsRecordExtra>[]>;
  }
  /** A record by id. */
  override getRecord(zone: ZoneRef, options: GetRecordOptions): Promise<DnsRecord<PowerDnsRecordExtra>> {
    return records.getRecord(this.#ctx, zone, options);
  }
  /** Adds a value to its rrset. */
  override createRecord(zone: ZoneRef, options: CreateRecordOptions<PowerDnsRecordEx>): Promise<DnsRecord<PowerDnsRecordExtra>> {
    return records.createRecord(this.#ctx, zone, options);
  }
  /** Changes a value (moving it to another rrset when name or type change). */
  override updateRecord(record: DnsRecord, options: UpdateRecordOptions<PowerDnsRecordEx>): Promise<DnsRecord<PowerDnsRecordExtra>> {
    return records.updateRecord(this.#ctx, record, options);
  }
  /** Removes a value from its rrset. */
  override deleteRecord(record: DnsRecord, options?: CallOptions): Promise<boolean> {
    return records.deleteRecord(this.#ctx, record, options);
  }
  /** Creates a zone and its rrsets from BIND text in one request (checked by cloudmux's parser first). */
  override importZoneFromBindFormat(text: string, options?: ImportZoneFromBindFormatOptions<PowerDnsCreateZoneEx>): Promise<ImportedZone> {
    return transfer.importBindZone(this.#ctx, text, options);
  }

  /** The zone in BIND format as PowerDNS exports it (`GET /zones/{id}/export`). */
  exExportZone(zone: ZoneRef, options?: CallOptions): Promise<string> {
    return transfer.exportZone(this.#ctx, zone, options);
  }
  /** Creates a zone from BIND text parsed by PowerDNS itself (`"zone"` on `POST /zones`). */
  exImportZone(options: PowerDnsImportZoneOptions): Promise<Zone<PowerDnsZoneExtra>> {
    return transfer.importZoneText(this.#ctx, options);
  }
  /** Every rrset of a zone as PowerDNS sends it (all types, DNSSEC ones included). */
  exListRRsets(zone: ZoneRef, options?: CallOptions): Promise<PdnsRRset[]> {
    return records.listRRsets(this.#ctx, zone, options);
  }
  /** Applies rrset changes (`REPLACE`/`DELETE`, canonical names) in one atomic `PATCH`. */
  async exPatchRRsets(zone: ZoneRef, changes: readonly PdnsRRsetChange[], options?: CallOptions): Promise<void> {
    await zones.patchRRsets(this.#ctx, zones.zoneIdOf(zone, 'exPatchRRsets'), changes, options?.signal);
  }
  /** Closes pooled connections. */
  close(): void {
    this.#ctx.client.close();
  }
}
