import { writeFile } from 'node:fs/promises';
import type { Capabilities } from '../common/capabilities.js';
import { DriverBase, portableApi } from '../common/driver-base.js';
import { throwIfAborted } from '../common/abort.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import { toBindZoneFile } from './bind-format.js';
import { parseBindZone, sameRecordData, type ImportZoneFromBindFormatOptions } from './bind-import.js';
import { DNS_METHODS, type DnsMethod } from './capabilities.js';
import type {
  CreateRecordOptions,
  CreateZoneOptions,
  ExportZoneToBindZoneFileOptions,
  GetRecordOptions,
  UpdateRecordOptions,
  UpdateZoneOptions,
} from './options.js';
import type { RecordType } from './record-type.js';
import type { DnsRecord, Zone } from './resources.js';

/** Static side of every DNS driver class. */
export interface DnsDriverClass {
  /** Constructs a driver. */
  new (key: string, secret?: string, options?: object): DnsDriver;
  /** Provider served. */
  readonly provider: ProviderDefinition;
  /** Supported methods. */
  readonly capabilities: Capabilities<DnsMethod>;
}

/** What `importZoneFromBindFormat` created. */
export interface ImportedZone {
  /** The new zone. */
  zone: Zone;
  /** Its records, in file order (records the provider made itself and the file repeats are included once). */
  records: DnsRecord[];
}

/** A zone or its id. */
export type ZoneRef = Zone | string;

/** The portable DNS methods, for the capability guard of {@link DriverBase}. */
const DNS_API = portableApi({
  methods: DNS_METHODS,
  sync: ['listRecordTypes'],
  covers: { exportZoneToBindFormat: ['exportZoneToBindZoneFile'] },
});

/** Base class of DNS drivers. BIND export works on every driver that can list records. */
export abstract class DnsDriver extends DriverBase<DnsMethod> {
  /** Supported methods. */
  static override readonly capabilities: Capabilities<DnsMethod> = [];

  /** Subclasses call `super()`; the capability guard of {@link DriverBase} runs here. */
  constructor() {
    super(DNS_API);
  }

  /** Record types this provider accepts. */
  listRecordTypes(): RecordType[] {
    return this.notSupported('listRecordTypes');
  }
  /** Lists all zones. */
  listZones(options?: CallOptions): Promise<Zone[]> {
    return drain(this.iterateZones(options));
  }
  /** Iterates zones. */
  // eslint-disable-next-line require-yield
  async *iterateZones(_options?: CallOptions): AsyncIterable<Zone> {
    this.notSupported('listZones');
  }
  /** Gets a zone by id. */
  async getZone(_id: string, _options?: CallOptions): Promise<Zone> {
    return this.notSupported('getZone');
  }
  /** Creates a zone. */
  async createZone(_options: CreateZoneOptions): Promise<Zone> {
    return this.notSupported('createZone');
  }
  /** Updates a zone. */
  async updateZone(_zone: ZoneRef, _options: UpdateZoneOptions): Promise<Zone> {
    return this.notSupported('updateZone');
  }
  /** Deletes a zone. */
  async deleteZone(_zone: ZoneRef, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('deleteZone');
  }
  /** Lists all records of a zone. */
  listRecords(zone: ZoneRef, options?: CallOptions): Promise<DnsRecord[]> {
    return drain(this.iterateRecords(zone, options));
  }
  /** Iterates records of a zone. */
  // eslint-disable-next-line require-yield
  async *iterateRecords(_zone: ZoneRef, _options?: CallOptions): AsyncIterable<DnsRecord> {
    this.notSupported('listRecords');
  }
  /** Gets record `options.id` of `zone`; `NotFoundError` if absent. */
  async getRecord(_zone: ZoneRef, _options: GetRecordOptions): Promise<DnsRecord> {
    return this.notSupported('getRecord');
  }
  /** Creates a record. */
  async createRecord(_zone: ZoneRef, _options: CreateRecordOptions): Promise<DnsRecord> {
    return this.notSupported('createRecord');
  }
  /** Updates a record. */
  async updateRecord(_record: DnsRecord, _options: UpdateRecordOptions): Promise<DnsRecord> {
    return this.notSupported('updateRecord');
  }
  /** Deletes a record. */
  async deleteRecord(_record: DnsRecord, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('deleteRecord');
  }

  /** Renders a zone and its records as a BIND zone file. */
  async exportZoneToBindFormat(zone: ZoneRef, options?: CallOptions): Promise<string> {
    if (!this.supports('exportZoneToBindFormat') || !this.supports('listRecords')) this.notSupported('exportZoneToBindFormat');
    const z = typeof zone === 'string' ? await this.getZone(zone, options) : zone;
    return toBindZoneFile(z, await this.listRecords(z, options));
  }
  /**
   * Creates a zone and its records from a BIND zone file (see `parseBindZone` for the syntax read).
   * The zone's domain is `options.domain`, else the file's first `$ORIGIN`; its TTL the first
   * `$TTL`. Records go through the portable `createRecord` one by one; where the provider made
   * apex records itself when the zone was created (SOA, NS), a record of the file with the same
   * data is kept and the file's SOA replaces the provider's through `updateRecord`. On any failure
   * the new zone is deleted again (when the driver can) and the error is thrown. Malformed text
   * throws `InvalidArgumentError` with the line and column before anything is created. Drivers
   * with a bulk API override this (PowerDNS creates the zone and every rrset in one request).
   */
  async importZoneFromBindFormat(text: string, options: ImportZoneFromBindFormatOptions = {}): Promise<ImportedZone> {
    for (const m of ['createZone', 'createRecord'] as const) {
      if (!this.supports(m)) this.notSupported('importZoneFromBindFormat', `it needs ${m}`);
    }
    const signal = options.signal;
    const parsed = parseBindZone(text, { domain: options.domain });
    throwIfAborted(signal);
    const zone = await this.createZone({
      domain: parsed.domain,
      ttl: options.ttl ?? parsed.ttl,
      type: options.type,
      ex: options.ex,
      signal,
    });
    try {
      const existing = this.supports('listRecords') ? await this.listRecords(zone, { signal }) : [];
      const records: DnsRecord[] = [];
      for (const r of parsed.records) {
        throwIfAborted(signal);
        const same = existing.find((e) => e.name.toLowerCase() === r.name.toLowerCase() && sameRecordData(e, r));
        const soa = r.type === 'SOA' ? existing.find((e) => e.type === 'SOA') : undefined;
        if (same) {
          const retime = r.ttl !== undefined && same.ttl !== r.ttl && this.supports('updateRecord');
          records.push(retime ? await this.updateRecord(same, { ttl: r.ttl, signal }) : same);
        } else if (soa && this.supports('updateRecord')) {
          records.push(await this.updateRecord(soa, { data: r.data, ttl: r.ttl, signal }));
        } else {
          records.push(
            await this.createRecord(zone, { name: r.name, type: r.type, data: r.data, ttl: r.ttl, priority: r.priority, signal }),
          );
        }
      }
      return { zone, records };
    } catch (err) {
      if (this.supports('deleteZone')) await this.deleteZone(zone).catch(() => undefined);
      throw err;
    }
  }

  /** Writes the BIND zone file of a zone to `options.path`. */
  async exportZoneToBindZoneFile(zone: ZoneRef, options: ExportZoneToBindZoneFileOptions): Promise<void> {
    await writeFile(options.path, await this.exportZoneToBindFormat(zone, { signal: options.signal }), 'utf8');
  }
}
