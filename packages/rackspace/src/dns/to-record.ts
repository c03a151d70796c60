/**
 * Cloud DNS records ↔ portable records.
 * @module
 */
import { DnsRecord, type DnsDriver, type RecordType, type Zone } from '@cloudmux/core/dns';
import { relativeName } from './names.js';
import type { RaxRecord } from './wire.js';

/** Record types Cloud DNS serves in a domain (PTR records live in the separate `/rdns` API). */
export const RACKSPACE_RECORD_TYPES: readonly RecordType[] = Object.freeze([
  'A',
  'AAAA',
  'CNAME',
  'MX',
  'NS',
  'SRV',
  'TXT',
] as RecordType[]);

const TYPES: ReadonlySet<string> = new Set(RACKSPACE_RECORD_TYPES);

/** Whether Cloud DNS serves `type` as a domain record. */
export function isRackspaceType(type: unknown): type is RecordType {
  return typeof type === 'string' && TYPES.has(type);
}

/** Extra data of a Rackspace record. */
export interface RackspaceRecordExtra {
  /** Owner name as Rackspace sends it (`www.example.com`). */
  fqdn: string;
  /** Comment. */
  comment: string | undefined;
  /** ISO-8601 creation time. */
  created: string | undefined;
  /** ISO-8601 time of the last change. */
  updated: string | undefined;
}

/** A portable record from a wire record (name made relative; data and priority as sent). */
export function toRecord(r: RaxRecord, zone: Zone, driver: DnsDriver): DnsRecord<RackspaceRecordExtra> {
  const zoneName = zone.domain.replace(/\.$/, '').toLowerCase();
  return new DnsRecord<RackspaceRecordExtra>(
    {
      id: r.id,
      name: relativeName(r.name, zoneName),
      type: r.type as RecordType,
      data: r.data,
      ttl: typeof r.ttl === 'number' ? r.ttl : undefined,
      priority: typeof r.priority === 'number' ? r.priority : undefined,
      zone,
      extra: { fqdn: r.name, comment: r.comment, created: r.created, updated: r.updated },
    },
    driver,
  );
}
