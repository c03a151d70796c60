import { InvalidArgumentError } from '@cloudmux/core';
import { DnsRecord, parseCharacterStrings, quoteCharacterStrings, RecordType, type DnsDriver, type Zone } from '@cloudmux/core/dns';
import { dataFqdn, relativeName } from './names.js';
import { encodeRecordId } from './record-id.js';
import type { PdnsRecord, PdnsRRset } from './wire.js';

/** Extra data of a PowerDNS record. */
export interface PowerDnsRecordExtra {
  /** Canonical owner name (`www.example.com.`). */
  fqdn: string;
  /** Content exactly as PowerDNS stores it. */
  content: string;
  /** Whether the record is disabled (not served). */
  disabled: boolean;
}

const TYPES: ReadonlySet<string> = new Set(Object.values(RecordType));
const HOST_TYPES: ReadonlySet<string> = new Set(['CNAME', 'DNAME', 'NS', 'PTR', 'ALIAS']);
const PROVIDER = { provider: 'powerdns' };

/** Whether PowerDNS rrsets of `type` map onto portable records (other types: `exListRRsets`). */
export function isPortableType(type: string): type is RecordType {
  return TYPES.has(type);
}

/**
 * Portable data (+ priority) → PowerDNS content: MX/SRV get their priority in front, host
 * names become canonical, TXT/SPF text is quoted and escaped in strings of 255 bytes.
 */
export function toContent(type: RecordType, data: unknown, priority: unknown, zone: string): string {
  if (typeof data !== 'string' || data.trim() === '')
    throw new InvalidArgumentError(`Invalid ${type} record data ${JSON.stringify(data)}: expected a non-empty string`, PROVIDER);
  // eslint-disable-next-line no-control-regex
  if (type !== 'TXT' && type !== 'SPF' && /[\u0000-\u001f\u007f]/.test(data))
    throw new InvalidArgumentError(`Invalid ${type} record data ${JSON.stringify(data)}: control characters`, PROVIDER);
  const needsPriority = type === 'MX' || type === 'SRV';
  if (needsPriority && (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 65535))
    throw new InvalidArgumentError(
      `Invalid ${type} record priority ${JSON.stringify(priority)}: expected an integer from 0 to 65535`,
      PROVIDER,
    );
  if (!needsPriority && priority !== undefined)
    throw new InvalidArgumentError(`Invalid priority for a ${type} record: only MX and SRV records have one`, PROVIDER);
  const d = type === 'TXT' || type === 'SPF' ? data : data.trim();
  const fields = d.split(/\s+/);
  switch (type) {
    case 'MX':
      if (fields.length !== 1)
        throw new InvalidArgumentError(
          `Invalid MX record data ${JSON.stringify(data)}: expected a host name (the preference goes in \`priority\`)`,
          PROVIDER,
        );
      return `${String(priority)} ${dataFqdn(d, zone)}`;
    case 'SRV':
      if (fields.length !== 3)
        throw new InvalidArgumentError(
          `Invalid SRV record data ${JSON.stringify(data)}: expected "weight port target" (the priority goes in \`priority\`)`,
          PROVIDER,
        );
      return `${String(priority)} ${fields[0]} ${fields[1]} ${dataFqdn(fields[2]!, zone)}`;
    case 'TXT':
    case 'SPF':
      return quoteCharacterStrings(d).join(' ');
    case 'SOA':
      if (fields.length !== 7)
        throw new InvalidArgumentError(
          `Invalid SOA record data ${JSON.stringify(data)}: expected "mname rname serial refresh retry expire minimum"`,
          PROVIDER,
        );
      return [dataFqdn(fields[0]!, zone), dataFqdn(fields[1]!, zone), ...fields.slice(2)].join(' ');
    case 'CAA': {
      const m = /^(\d{1,3})\s+([A-Za-z0-9]+)\s+(.+)$/.exec(d);
      if (!m) throw new InvalidArgumentError(`Invalid CAA record data ${JSON.stringify(data)}: expected "flags tag value"`, PROVIDER);
      const value = m[3]!.startsWith('"') ? m[3]! : quoteCharacterStrings(m[3]!).join(' ');
      return `${m[1]} ${m[2]!.toLowerCase()} ${value}`;
    }
    default:
      return HOST_TYPES.has(type) ? dataFqdn(d, zone) : d;
  }
}

/** PowerDNS content → portable `{ data, priority }` (MX/SRV priority split off, TXT unquoted). */
export function fromContent(type: string, content: string): { data: string; priority: number | undefined } {
  if (type === 'MX' || type === 'SRV') {
    const m = /^(\d+)\s+(.*)$/.exec(content);
    if (m) return { priority: Number(m[1]), data: m[2]! };
  }
  if (type === 'TXT' || type === 'SPF') {
    try {
      return { data: Buffer.concat(parseCharacterStrings(content)).toString('utf8'), priority: undefined };
    } catch {
      return { data: content, priority: undefined };
    }
  }
  return { data: content, priority: undefined };
}

/** One portable record from one value of an rrset. */
export function toRecord(
  rrset: PdnsRRset,
  record: PdnsRecord,
  zone: Zone,
  zoneName: string,
  driver: DnsDriver,
): DnsRecord<PowerDnsRecordExtra> {
  const { data, priority } = fromContent(rrset.type, record.content);
  return new DnsRecord<PowerDnsRecordExtra>(
    {
      id: encodeRecordId({ name: rrset.name, type: rrset.type, content: record.content }),
      name: relativeName(rrset.name, zoneName),
      type: rrset.type as RecordType,
      data,
      ttl: rrset.ttl,
      priority,
      zone,
      extra: { fqdn: rrset.name, content: record.content, disabled: record.disabled },
    },
    driver,
  );
}

/** Every portable record of some rrsets, in PowerDNS's order. */
export function toRecords(rrsets: readonly PdnsRRset[], zone: Zone, zoneName: string, driver: DnsDriver): DnsRecord<PowerDnsRecordExtra>[] {
  const out: DnsRecord<PowerDnsRecordExtra>[] = [];
  for (const rrset of rrsets) {
    if (!isPortableType(rrset.type)) continue;
    for (const r of rrset.records) out.push(toRecord(rrset, r, zone, zoneName, driver));
  }
  return out;
}
