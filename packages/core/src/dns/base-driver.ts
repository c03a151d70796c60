import { writeFile } from 'node:fs/promises';
import type { Capabilities } from '../common/capabilities.js';
import { DriverBase, portableApi } from '../common/driver-base.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import { toBindZoneFile } from './bind-format.js';
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
  /** Writes the BIND zone file of a zone to `options.path`. */
  async exportZoneToBindZoneFile(zone: ZoneRef, options: ExportZoneToBindZoneFileOptions): Promise<void> {
    await writeFile(options.path, await this.exportZoneToBindFormat(zone, { signal: options.signal }), 'utf8');
  }
}
