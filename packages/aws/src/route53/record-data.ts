import { splitCharacterStrings } from '@cloudmux/core/dns';
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Record types the Route 53 driver accepts (Route 53's types that cloudmux's `RecordType` names). */
export const ROUTE53_RECORD_TYPES = Object.freeze([
  'A',
  'AAAA',
  'CAA',
  'CNAME',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SOA',
  'SPF',
  'SRV',
  'SSHFP',
  'TLSA',
  'TXT',
] as const);

/** One of {@link ROUTE53_RECORD_TYPES}. */
export type Route53RecordType = (typeof ROUTE53_RECORD_TYPES)[number];

/** Whether `type` is a record type Route 53 serves. */
export function isRoute53RecordType(type: unknown): type is Route53RecordType {
  return typeof type === 'string' && (ROUTE53_RECORD_TYPES as readonly string[]).includes(type);
}

/**
 * Decodes Route 53's name escapes (`\052` for `*`, `\ddd` octal for other bytes) into text; Route
 * 53 returns names lower-case with a trailing dot.
 */
export function decodeRoute53Name(name: string): string {
  if (!name.includes('\\')) return name;
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const m = /^\\([0-7]{3})/.exec(name.slice(i, i + 4));
    if (m) {
      bytes.push(parseInt(m[1] as string, 8));
      i += 3;
    } else bytes.push(...Buffer.from(name[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `www` in zone `example.com` → `www.example.com.`; `''`/`@` → the apex; a name ending in a dot is kept. */
export function toFqdn(name: string, domain: string): string {
  if (name === '' || name === '@') return `${domain}.`;
  if (name.endsWith('.')) return name;
  return `${name}.${domain}.`;
}

/** `www.example.com.` in zone `example.com` → `www`; the apex → `''`. Names outside the zone stay absolute. */
export function toRelative(fqdn: string, domain: string): string {
  const n = decodeRoute53Name(fqdn).replace(/\.$/, '').toLowerCase();
  const d = domain.toLowerCase();
  if (n === d) return '';
  return n.endsWith(`.${d}`) ? n.slice(0, -(d.length + 1)) : `${n}.`;
}

/** Escapes one TXT string body (at most 255 bytes) as Route 53 reads it: `"` and `\` get a backslash, other non-printable or non-ASCII bytes `\ooo` (octal). */
export function escapeTxtChunk(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Text → Route 53 TXT value: one or more quoted strings of at most 255 bytes (`"a" "b"`). */
export function quoteTxt(text: string): string {
  return splitCharacterStrings(text)
    .map((chunk) => `"${escapeTxtChunk(chunk)}"`)
    .join(' ');
}

/** Route 53 TXT value (`"a" "b"`, escapes `\"`, `\\`, `\ooo`; unquoted words too) → the concatenated text. */
export function unquoteTxt(value: string): string {
  const bytes: number[] = [];
  let i = 0;
  const s = value;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const quoted = c === '"';
    if (quoted) i++;
    while (i < s.length) {
      const ch = s[i] as string;
      if (quoted ? ch === '"' : ch === ' ' || ch === '\t') break;
      if (ch === '\\' && i + 1 < s.length) {
        const oct = /^[0-7]{3}/.exec(s.slice(i + 1, i + 4));
        if (oct) {
          bytes.push(parseInt(oct[0], 8));
          i += 4;
        } else {
          bytes.push(...Buffer.from(s[i + 1] as string, 'utf8'));
          i += 2;
        }
        continue;
      }
      bytes.push(...Buffer.from(ch, 'utf8'));
      i++;
    }
    if (quoted) i++;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A portable record's data and priority as the one Route 53 value of its type. */
export function toRoute53Value(type: string, data: string, priority: number | undefined): string {
  const needsPriority = type === 'MX' || type === 'SRV';
  if (needsPriority && (priority === undefined || !Number.isInteger(priority) || priority < 0 || priority > 65535)) {
    throw new InvalidArgumentError(`Invalid ${type} record priority ${JSON.stringify(priority)}: expected an integer from 0 to 65535`);
  }
  if (!needsPriority && priority !== undefined) {
    throw new InvalidArgumentError(`Invalid priority for a ${type} record: only MX and SRV records have one`);
  }
  if (typeof data !== 'string' || data.length === 0) throw new InvalidArgumentError(`Invalid ${type} record data ${JSON.stringify(data)}`);
  if (type === 'TXT' || type === 'SPF') return quoteTxt(data);
  return needsPriority ? `${priority} ${data}` : data;
}

/** A Route 53 value → portable data and priority (MX/SRV priority split off, TXT unquoted). */
export function fromRoute53Value(type: string, value: string): { data: string; priority: number | undefined } {
  if (type === 'TXT' || type === 'SPF') return { data: unquoteTxt(value), priority: undefined };
  if (type === 'MX' || type === 'SRV') {
    const m = /^\s*(\d+)\s+(.*)$/.exec(value);
    if (m) return { data: (m[2] as string).trim(), priority: Number(m[1]) };
  }
  return { data: value, priority: undefined };
}

/** What a Route 53 record id says: one value of one record set. */
export interface Route53RecordKey {
  /** Record type. */
  type: string;
  /** Name relative to the zone (`''` apex). */
  name: string;
  /** Set identifier of a routing-policy set. */
  setIdentifier: string | undefined;
  /** The Route 53 value (alias records: the alias target's DNS name). */
  value: string;
}

/**
 * Record id: `TYPE:name:value`, or `TYPE:name:setIdentifier:value` for routing-policy sets, each part
 * percent-encoded (so `:` inside an IPv6 address or a TXT value never splits it).
 */
export function encodeRecordId(key: Route53RecordKey): string {
  const parts = [key.type, key.name, ...(key.setIdentifier !== undefined ? [key.setIdentifier] : []), key.value];
  return parts.map((p) => encodeURIComponent(p)).join(':');
}

/** Parses an id of {@link encodeRecordId}; `undefined` when it is not one. */
export function decodeRecordId(id: string): Route53RecordKey | undefined {
  const parts = id.split(':');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  let decoded: string[];
  try {
    decoded = parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  const [type, name] = decoded as [string, string];
  if (!isRoute53RecordType(type)) return undefined;
  const value = decoded[decoded.length - 1] as string;
  return { type, name, setIdentifier: decoded.length === 4 ? decoded[2] : undefined, value };
}
