import { assertKnownOptions, checkExKeys, throwIfAborted, type CallOptions, type Capabilities } from '@cloudmux/core';
import {
  DNS_METHODS,
  DnsDriver,
  DnsRecord,
  Zone,
  type CreateRecordOptions,
  type CreateZoneOptions,
  type DnsMethod,
  type GetRecordOptions,
  type RecordType,
  type UpdateRecordOptions,
  type UpdateZoneOptions,
  type ZoneRef,
} from '@cloudmux/core/dns';
import { AlreadyExistsError, InvalidArgumentError } from '@cloudmux/core/errors';
import { DUMMY_PROVIDER } from '../compute/catalog.js';
import { incorrectState, notFound } from '../compute/errors.js';
import { checkInteger, checkObject } from '../common/validate.js';
import { checkDomain, checkRecordData, checkRecordName, DUMMY_RECORD_TYPES } from './record-data.js';

/** Every portable DNS method. */
export const DUMMY_DNS_CAPABILITIES: Capabilities<DnsMethod> = Object.freeze([...DNS_METHODS]);

interface RecordRow {
  id: string;
  name: string;
  type: RecordType;
  data: string;
  ttl: number | undefined;
  priority: number | undefined;
}

interface ZoneRow {
  seq: number;
  id: string;
  domain: string;
  type: 'master' | 'slave';
  ttl: number | undefined;
  records: Map<string, RecordRow>;
}

const MAX_TTL = 2_147_483_647;

/**
 * An in-memory DNS provider: zones and records with real validation (record types, data per
 * type, CNAME exclusivity, one SOA at the apex), so the DNS conformance suite and BIND export
 * have a driver to run on. Each instance has its own zones.
 */
/** Options `createRecord` and `updateRecord` accept. */
const RECORD_OPTIONS: readonly string[] = ['name', 'type', 'data', 'ttl', 'priority', 'ex', 'signal'];

export class DummyDnsDriver extends DnsDriver {
  /** The Dummy provider definition. */
  static override readonly provider = DUMMY_PROVIDER;
  /** Supported methods (all). */
  static override readonly capabilities: Capabilities<DnsMethod> = DUMMY_DNS_CAPABILITIES;

  readonly #zones = new Map<string, ZoneRow>();
  #seq = 0;

  /** @param key - any string (no credentials). */
  constructor(key: string, _secret?: string, options?: Record<string, never>) {
    super();
    if (typeof key !== 'string') throw new InvalidArgumentError(`DummyDnsDriver: key must be a string, got ${typeof key}`);
    assertKnownOptions('DummyDnsDriver', checkObject('DummyDnsDriver options', options), []);
  }

  /** Builds a driver from the environment (`CLOUDMUX_DUMMY_KEY`). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): DummyDnsDriver {
    return new DummyDnsDriver(env.CLOUDMUX_DUMMY_KEY || 'dummy');
  }

  #zoneRow(ref: ZoneRef): ZoneRow {
    const id = typeof ref === 'string' ? ref : ref?.id;
    const z = typeof id === 'string' ? this.#zones.get(id) : undefined;
    if (!z) throw notFound('Zone', String(id));
    return z;
  }

  #toZone(z: ZoneRow): Zone {
    return new Zone({ id: z.id, domain: z.domain, type: z.type, ttl: z.ttl }, this);
  }

  #toRecord(z: ZoneRow, r: RecordRow): DnsRecord {
    return new DnsRecord(
      { id: r.id, name: r.name, type: r.type, data: r.data, ttl: r.ttl, priority: r.priority, zone: this.#toZone(z) },
      this,
    );
  }

  /** Record types accepted by `createRecord`. */
  override listRecordTypes(): RecordType[] {
    return [...DUMMY_RECORD_TYPES];
  }

  /** Zones in creation order. */
  override async *iterateZones(options: CallOptions = {}): AsyncIterable<Zone> {
    throwIfAborted(options.signal);
    for (const z of [...this.#zones.values()].sort((a, b) => a.seq - b.seq)) yield this.#toZone(z);
  }

  /** A zone; `NotFoundError` if absent. */
  override async getZone(id: string, options: CallOptions = {}): Promise<Zone> {
    throwIfAborted(options.signal);
    return this.#toZone(this.#zoneRow(id));
  }

  /** Creates a zone; `AlreadyExistsError` when the domain is taken. */
  override async createZone(options: CreateZoneOptions): Promise<Zone> {
    throwIfAborted(options?.signal);
    assertKnownOptions('createZone', checkObject('createZone options', options), ['domain', 'type', 'ttl', 'ex', 'signal']);
    checkExKeys(options.ex, [], { method: 'createZone', provider: this.providerId });
    const domain = checkDomain(options.domain);
    const type = this.#zoneType(options.type ?? 'master');
    const ttl = options.ttl === undefined ? undefined : checkInteger('zone ttl', options.ttl, 0, MAX_TTL);
    if ([...this.#zones.values()].some((z) => z.domain === domain)) {
      throw new AlreadyExistsError(`Zone ${domain} already exists`, { provider: 'dummy', status: 409, providerCode: 'ZoneExists' });
    }
    const seq = ++this.#seq;
    const z: ZoneRow = { seq, id: `zone-${seq}`, domain, type, ttl, records: new Map() };
    this.#zones.set(z.id, z);
    return this.#toZone(z);
  }

  #zoneType(type: unknown): 'master' | 'slave' {
    if (type !== 'master' && type !== 'slave')
      throw new InvalidArgumentError(`Invalid zone type ${JSON.stringify(type)}. Valid values: master, slave`);
    return type;
  }

  /** Changes a zone's type or default TTL. */
  override async updateZone(zone: ZoneRef, options: UpdateZoneOptions): Promise<Zone> {
    throwIfAborted(options?.signal);
    assertKnownOptions('updateZone', checkObject('updateZone options', options), ['type', 'ttl', 'ex', 'signal']);
    checkExKeys(options.ex, [], { method: 'updateZone', provider: this.providerId });
    const z = this.#zoneRow(zone);
    const type = options.type === undefined ? z.type : this.#zoneType(options.type);
    const ttl = options.ttl === undefined ? z.ttl : checkInteger('zone ttl', options.ttl, 0, MAX_TTL);
    z.type = type;
    z.ttl = ttl;
    return this.#toZone(z);
  }

  /** Deletes a zone and its records. */
  override async deleteZone(zone: ZoneRef, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    this.#zones.delete(this.#zoneRow(zone).id);
    return true;
  }

  /** Records of a zone in creation order. */
  override async *iterateRecords(zone: ZoneRef, options: CallOptions = {}): AsyncIterable<DnsRecord> {
    throwIfAborted(options.signal);
    const z = this.#zoneRow(zone);
    for (const r of [...z.records.values()]) yield this.#toRecord(z, r);
  }

  /** A record; `NotFoundError` if absent. */
  override async getRecord(zone: ZoneRef, options: GetRecordOptions): Promise<DnsRecord> {
    const o: Partial<GetRecordOptions> = checkObject('getRecord options', options) ?? {};
    throwIfAborted(o.signal);
    assertKnownOptions('getRecord', o, ['id', 'signal']);
    const id = String(o.id);
    const z = this.#zoneRow(zone);
    const r = z.records.get(id);
    if (!r) throw notFound('Record', String(id));
    return this.#toRecord(z, r);
  }

  /** Checks a would-be record against the zone's other records (CNAME exclusivity, one SOA, no duplicates). */
  #checkFits(z: ZoneRow, row: RecordRow): void {
    for (const other of z.records.values()) {
      if (other.id === row.id || other.name !== row.name) continue;
      if (other.type === 'CNAME' || row.type === 'CNAME') {
        throw incorrectState(`"${row.name}" already has ${other.type} data; a CNAME cannot share its name with other records`);
      }
      if (row.type === 'SOA' && other.type === 'SOA') throw incorrectState(`Zone ${z.domain} already has an SOA record (${other.id})`);
      if (other.type === row.type && other.data === row.data && other.priority === row.priority) {
        throw new AlreadyExistsError(`Record ${row.type} "${row.name}" ${row.data} already exists (${other.id})`, {
          provider: 'dummy',
          status: 409,
        });
      }
    }
  }

  #validate(z: ZoneRow, row: RecordRow): RecordRow {
    if (!DUMMY_RECORD_TYPES.includes(row.type)) {
      throw new InvalidArgumentError(`Unsupported record type ${JSON.stringify(row.type)}. Valid types: ${DUMMY_RECORD_TYPES.join(', ')}`);
    }
    const name = checkRecordName(row.name);
    checkRecordData(row.type, row.data, row.priority, name);
    const ttl = row.ttl === undefined ? undefined : checkInteger('record ttl', row.ttl, 0, MAX_TTL);
    const out = { ...row, name, ttl };
    this.#checkFits(z, out);
    return out;
  }

  /** Creates a record after validating its type, name and data. */
  override async createRecord(zone: ZoneRef, options: CreateRecordOptions): Promise<DnsRecord> {
    throwIfAborted(options?.signal);
    assertKnownOptions('createRecord', checkObject('createRecord options', options), RECORD_OPTIONS);
    checkExKeys(options.ex, [], { method: 'createRecord', provider: this.providerId });
    const z = this.#zoneRow(zone);
    const seq = ++this.#seq;
    const row = this.#validate(z, {
      id: `rec-${seq}`,
      name: options.name,
      type: options.type,
      data: options.data,
      ttl: options.ttl,
      priority: options.priority,
    });
    z.records.set(row.id, row);
    return this.#toRecord(z, row);
  }

  /** Updates a record's fields (validated as a whole). */
  override async updateRecord(record: DnsRecord, options: UpdateRecordOptions): Promise<DnsRecord> {
    throwIfAborted(options?.signal);
    assertKnownOptions('updateRecord', checkObject('updateRecord options', options), RECORD_OPTIONS);
    checkExKeys(options.ex, [], { method: 'updateRecord', provider: this.providerId });
    const z = this.#zoneRow(record.zone);
    const current = z.records.get(record.id);
    if (!current) throw notFound('Record', String(record.id));
    const type = options.type ?? current.type;
    const typeChanged = type !== current.type;
    const row = this.#validate(z, {
      id: current.id,
      name: options.name ?? current.name,
      type,
      data: options.data ?? current.data,
      ttl: 'ttl' in options ? options.ttl : current.ttl,
      priority: 'priority' in options ? options.priority : typeChanged ? undefined : current.priority,
    });
    z.records.set(row.id, row);
    return this.#toRecord(z, row);
  }

  /** Deletes a record; `NotFoundError` if absent. */
  override async deleteRecord(record: DnsRecord, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    const z = this.#zoneRow(record.zone);
    if (!z.records.delete(record.id)) throw notFound('Record', String(record.id));
    return true;
  }

  /** Renders the zone as a BIND zone file. */
  override async exportZoneToBindFormat(zone: ZoneRef, options?: CallOptions): Promise<string> {
    throwIfAborted(options?.signal);
    return super.exportZoneToBindFormat(zone, options);
  }
}
