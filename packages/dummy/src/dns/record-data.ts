import { isIPv4, isIPv6 } from 'node:net';
import { RecordType } from '@cloudmux/core/dns';
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Record types the Dummy DNS driver accepts. */
export const DUMMY_RECORD_TYPES: readonly RecordType[] = [
  RecordType.A,
  RecordType.AAAA,
  RecordType.CAA,
  RecordType.CNAME,
  RecordType.MX,
  RecordType.NS,
  RecordType.PTR,
  RecordType.SOA,
  RecordType.SPF,
  RecordType.SRV,
  RecordType.SSHFP,
  RecordType.TXT,
];

const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

/** Whether `name` is a host name (labels of letters, digits, `-`, `_`), with an optional trailing dot. */
export function isHostName(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253) return false;
  return n.split('.').every((l) => LABEL.test(l));
}

/** Validates a zone domain; returns it without a trailing dot, lower-cased. */
export function checkDomain(domain: unknown): string {
  if (typeof domain !== 'string' || !isHostName(domain) || !domain.replace(/\.$/, '').includes('.')) {
    throw new InvalidArgumentError(`Invalid zone domain ${JSON.stringify(domain)}: expected a domain name such as example.com`);
  }
  return domain.replace(/\.$/, '').toLowerCase();
}

/** Validates a record name relative to the zone (`''` is the apex, `*` may start it). */
export function checkRecordName(name: unknown): string {
  if (name === '' || name === '@') return '';
  const bad = (why: string): never => {
    throw new InvalidArgumentError(`Invalid record name ${JSON.stringify(name)}: ${why}`);
  };
  if (typeof name !== 'string') return bad('expected a string');
  if (name.endsWith('.')) return bad('names are relative to the zone (no trailing dot); use "" for the apex');
  const labels = name.split('.');
  labels.forEach((l, i) => {
    if (!(LABEL.test(l) || (i === 0 && l === '*'))) bad(`label ${JSON.stringify(l)} is not a valid DNS label`);
  });
  return name.toLowerCase();
}

function uint(value: string, max: number): boolean {
  return /^\d+$/.test(value) && Number(value) <= max;
}

/** Checks record data for its type (and whether a priority belongs); throws `InvalidArgumentError`. */
export function checkRecordData(type: RecordType, data: unknown, priority: unknown, name: string): void {
  const bad = (why: string): never => {
    throw new InvalidArgumentError(`Invalid ${type} record data ${JSON.stringify(data)}: ${why}`);
  };
  if (typeof data !== 'string' || data.length === 0) bad('expected a non-empty string');
  const d = data as string;
  const needsPriority = type === RecordType.MX || type === RecordType.SRV;
  if (needsPriority && (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 65535)) {
    throw new InvalidArgumentError(`Invalid ${type} record priority ${JSON.stringify(priority)}: expected an integer from 0 to 65535`);
  }
  if (!needsPriority && priority !== undefined)
    throw new InvalidArgumentError(`Invalid priority for a ${type} record: only MX and SRV records have one`);
  const fields = d.trim().split(/\s+/);
  switch (type) {
    case RecordType.A:
      if (!isIPv4(d)) bad('expected an IPv4 address');
      break;
    case RecordType.AAAA:
      if (!isIPv6(d)) bad('expected an IPv6 address');
      break;
    case RecordType.CNAME:
      if (name === '') bad('a CNAME cannot be at the zone apex');
      if (!isHostName(d)) bad('expected a host name');
      break;
    case RecordType.NS:
    case RecordType.PTR:
    case RecordType.MX:
      if (!isHostName(d)) bad('expected a host name');
      break;
    case RecordType.SRV:
      if (fields.length !== 3 || !uint(fields[0]!, 65535) || !uint(fields[1]!, 65535) || !(fields[2] === '.' || isHostName(fields[2]!))) {
        bad('expected "weight port target" (the priority goes in `priority`)');
      }
      break;
    case RecordType.CAA:
      if (!/^\d{1,3} [A-Za-z0-9]+ \S.*$/.test(d) || Number(fields[0]) > 255)
        bad('expected "flags tag value", e.g. 0 issue "letsencrypt.org"');
      break;
    case RecordType.SSHFP:
      if (fields.length !== 3 || !uint(fields[0]!, 255) || !uint(fields[1]!, 255) || !/^[0-9A-Fa-f]+$/.test(fields[2]!))
        bad('expected "algorithm type hex-fingerprint"');
      break;
    case RecordType.SOA:
      if (name !== '') bad('the SOA record belongs at the zone apex');
      if (fields.length !== 7 || !isHostName(fields[0]!) || !isHostName(fields[1]!) || !fields.slice(2).every((f) => uint(f, 4294967295))) {
        bad('expected "mname rname serial refresh retry expire minimum"');
      }
      break;
    case RecordType.TXT:
    case RecordType.SPF:
      if (d.length > 65535) bad('longer than 65535 characters');
      break;
    default:
      bad('unsupported type');
  }
}
