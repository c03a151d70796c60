import type { DnsDriver } from './base-driver.js';
import type { RecordType } from './record-type.js';
import { sameResource } from '../common/same-resource.js';

function attach(target: object, driver: DnsDriver): void {
  Object.defineProperty(target, 'driver', { value: driver, enumerable: false, writable: false });
}

/** Fields of a {@link Zone}. */
export interface ZoneInit<E extends object = object> {
  id: string;
  /** Domain without trailing dot (`example.com`). */
  domain: string;
  /** `master` or `slave`. */
  type: 'master' | 'slave';
  /** Default TTL in seconds, if known. */
  ttl?: number | undefined;
  extra?: E;
}

/** A DNS zone. */
export class Zone<E extends object = object> {
  /** Provider id. */
  readonly id: string;
  /** Domain, no trailing dot. */
  readonly domain: string;
  /** Zone type. */
  readonly type: 'master' | 'slave';
  /** Default TTL. */
  readonly ttl: number | undefined;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: DnsDriver;
  constructor(init: ZoneInit<E>, driver: DnsDriver) {
    this.id = init.id;
    this.domain = init.domain;
    this.type = init.type;
    this.ttl = init.ttl;
    this.extra = init.extra ?? ({} as E);
    attach(this, driver);
  }

  /** Whether `other` is the same zone: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.id);
  }
}

/** Fields of a {@link DnsRecord}. */
export interface DnsRecordInit<E extends object = object> {
  id: string;
  /** Name relative to the zone; empty string for the apex. */
  name: string;
  type: RecordType;
  /** Record data as in a zone file without priority (`10.0.0.1`, `mail.example.com.`, `"txt"` unquoted). */
  data: string;
  /** TTL in seconds, if set. */
  ttl?: number | undefined;
  /** MX/SRV priority. */
  priority?: number | undefined;
  zone: Zone;
  extra?: E;
}

/** A DNS record. */
export class DnsRecord<E extends object = object> {
  /** Provider id. */
  readonly id: string;
  /** Relative name; `''` is the apex. */
  readonly name: string;
  /** Record type. */
  readonly type: RecordType;
  /** Data. For SRV: `weight port target`; for TXT: the unquoted text. */
  readonly data: string;
  /** TTL seconds. */
  readonly ttl: number | undefined;
  /** MX/SRV priority. */
  readonly priority: number | undefined;
  /** Zone the record belongs to. */
  readonly zone: Zone;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: DnsDriver;
  constructor(init: DnsRecordInit<E>, driver: DnsDriver) {
    this.id = init.id;
    this.name = init.name;
    this.type = init.type;
    this.data = init.data;
    this.ttl = init.ttl;
    this.priority = init.priority;
    this.zone = init.zone;
    this.extra = init.extra ?? ({} as E);
    attach(this, driver);
  }

  /** Whether `other` is the same record: same provider, same zone and same id. */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => `${r.zone.id}/${r.id}`);
  }
}
