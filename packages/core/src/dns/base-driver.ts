import { writeFile } from 'node:fs/promises';
import { notSupported, type Capabilities } from '../common/capabilities.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import { toBindZoneFile } from './bind-format.js';
import type { DnsMethod } from './capabilities.js';
import type { CreateRecordOptions, CreateZoneOptions, UpdateRecordOptions, UpdateZoneOptions } from './options.js';
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

/** Base class of DNS drivers. BIND export works on every driver that can list records. */
export abstract class DnsDriver {
  /** Provider definition. */
  static readonly provider: ProviderDefinition = { id: 'base', name: 'Base', api: 'none', regions: [] };
  /** Supported methods. */
  static readonly capabilities: Capabilities<DnsMethod> = [];

  /** Provider id. */
  get providerId(): string {
    return (this.constructor as typeof DnsDriver).provider.id;
  }
  /** Whether `method` is supported. */
  supports(method: DnsMethod): boolean {
    return (this.constructor as typeof DnsDriver).capabilities.includes(method);
  }
  /** Throws the standard NotSupportedError. */
  protected notSupported(method: string, detail?: string): never {
    return notSupported((this.constructor as typeof DnsDriver).provider.name, method, detail);
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
  /** Gets a record. */
  async getRecord(_zone: ZoneRef, _id: string, _options?: CallOptions): Promise<DnsRecord> {
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
  /** Writes the BIND zone file of a zone to `path`. */
  async exportZoneToBindZoneFile(zone: ZoneRef, path: string, options?: CallOptions): Promise<void> {
    await writeFile(path, await this.exportZoneToBindFormat(zone, options), 'utf8');
  }
}
