import { InvalidArgumentError } from '../errors/cloud-error.js';
import type { DnsRecord, Zone } from './resources.js';

/** The zone fields BIND export reads. */
export type BindZone = Pick<Zone, 'domain' | 'ttl'>;
/** The record fields BIND export reads. */
export type BindRecord = Pick<DnsRecord, 'name' | 'type' | 'data' | 'ttl' | 'priority'>;

/** Options of {@link toBindZoneFile}. */
export interface BindExportOptions {
  /** Serial of a synthesized SOA record (default: today, UTC, as `YYYYMMDD00`). */
  serial?: number | undefined;
}

/** `$TTL` used when the zone reports no default TTL. */
export const DEFAULT_BIND_TTL = 3600;

/** Timers of a synthesized SOA (RIPE-203 values): refresh, retry, expire, negative-caching TTL. */
export const SYNTHESIZED_SOA_TIMERS = [86_400, 7_200, 3_600_000, 3_600] as const;

/** Longest `<character-string>` (RFC 1035 §3.3): 255 bytes. */
const MAX_STRING_BYTES = 255;

/** Name characters that never need escaping (dots separate labels). */
const PLAIN_NAME_BYTE = /[A-Za-z0-9*_.-]/;

function escapeBytes(bytes: Uint8Array, plain: (c: string) => boolean, special: string): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (b >= 0x20 && b <= 0x7e && plain(c)) out += c;
    else if (b >= 0x20 && b <= 0x7e && special.includes(c)) out += `\\${c}`;
    else out += `\\${String(b).padStart(3, '0')}`;
  }
  return out;
}

/**
 * Escapes a domain name for a zone file: letters, digits, `-`, `_`, `*` and the label dots stay;
 * BIND's special characters get a backslash; spaces, control and non-ASCII bytes become `\DDD`.
 */
export function escapeBindName(name: string): string {
  return escapeBytes(Buffer.from(name, 'utf8'), (c) => PLAIN_NAME_BYTE.test(c), '"\\()$;@ ');
}

/** Escapes one `<character-string>` body: `"` and `\` get a backslash, bytes outside printable ASCII become `\DDD`. */
export function escapeCharacterString(bytes: Uint8Array): string {
  return escapeBytes(bytes, (c) => c !== '"' && c !== '\\', '"\\');
}

/**
 * Splits text (UTF-8) into byte chunks of at most 255 bytes, never inside a multi-byte
 * character. Empty text gives one empty chunk.
 */
export function splitCharacterStrings(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + MAX_STRING_BYTES, bytes.length);
    // Back off to a character boundary (a UTF-8 continuation byte is 10xxxxxx).
    while (end < bytes.length && end > start + 1 && (bytes[end]! & 0xc0) === 0x80) end--;
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks.length > 0 ? chunks : [Buffer.alloc(0)];
}

/** Renders text as quoted, escaped `<character-string>`s of at most 255 bytes each. */
export function quoteCharacterStrings(text: string): string[] {
  return splitCharacterStrings(text).map((chunk) => `"${escapeCharacterString(chunk)}"`);
}

/**
 * Makes a target name in record data absolute. Data names are fully qualified (as providers
 * return them), with or without the trailing dot; `@` or `''` is the zone origin.
 */
export function absoluteName(name: string, origin: string): string {
  const n = name.trim();
  if (n === '' || n === '@') return `${escapeBindName(origin)}.`;
  if (n === '.') return '.';
  return n.endsWith('.') ? `${escapeBindName(n.slice(0, -1))}.` : `${escapeBindName(n)}.`;
}

/** The owner column: `@` for the apex, a relative name as given, an absolute one (trailing dot) kept. */
export function ownerName(name: string): string {
  if (name === '' || name === '@') return '@';
  return name.endsWith('.') ? `${escapeBindName(name.slice(0, -1))}.` : escapeBindName(name);
}

function invalid(r: BindRecord, why: string): never {
  throw new InvalidArgumentError(
    `Cannot export ${r.type} record ${JSON.stringify(r.name)} with data ${JSON.stringify(r.data)} to BIND: ${why}`,
  );
}

function noControl(r: BindRecord): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(r.data)) invalid(r, 'the data contains control characters (line breaks, NUL...)');
  const d = r.data.trim();
  if (d.length === 0) invalid(r, 'the data is empty');
  return d;
}

/** MX/SRV preference: the record's `priority`, else a leading number already in `data` (`10 mail.example.com`). */
function withPriority(r: BindRecord, fieldsWithout: number): { priority: number; fields: string[] } {
  const fields = noControl(r).split(/\s+/);
  if (r.priority !== undefined) {
    if (!Number.isInteger(r.priority) || r.priority < 0 || r.priority > 65535)
      invalid(r, `priority ${String(r.priority)} is not an integer from 0 to 65535`);
    if (fields.length !== fieldsWithout) invalid(r, `expected ${fieldsWithout} data field(s) besides the priority`);
    return { priority: r.priority, fields };
  }
  if (fields.length === fieldsWithout + 1 && /^\d{1,5}$/.test(fields[0]!) && Number(fields[0]) <= 65535) {
    return { priority: Number(fields[0]), fields: fields.slice(1) };
  }
  return invalid(r, 'no priority (set `priority`)');
}

/** The RDATA column of a record, ready for a zone file whose `$ORIGIN` is `origin`. */
export function bindRecordData(r: BindRecord, origin: string): string {
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return noControl(r);
    case 'CNAME':
    case 'DNAME':
    case 'NS':
    case 'PTR':
      return absoluteName(noControl(r), origin);
    case 'MX': {
      const { priority, fields } = withPriority(r, 1);
      return `${priority} ${absoluteName(fields[0]!, origin)}`;
    }
    case 'SRV': {
      const { priority, fields } = withPriority(r, 3);
      const [weight, port, target] = fields as [string, string, string];
      if (!/^\d+$/.test(weight) || !/^\d+$/.test(port)) invalid(r, 'expected "weight port target"');
      return `${priority} ${weight} ${port} ${absoluteName(target, origin)}`;
    }
    case 'TXT':
    case 'SPF': {
      const strings = quoteCharacterStrings(r.data);
      return strings.length === 1 ? strings[0]! : `( ${strings.join('\n\t\t\t\t')} )`;
    }
    case 'CAA': {
      const m = /^(\d{1,3})\s+([A-Za-z0-9]+)\s+(.+)$/.exec(noControl(r));
      if (!m || Number(m[1]) > 255) return invalid(r, 'expected "flags tag value"');
      const value = /^".*"$/.test(m[3]!) ? m[3]! : quoteCharacterStrings(m[3]!).join(' ');
      return `${m[1]} ${m[2]!.toLowerCase()} ${value}`;
    }
    case 'SOA': {
      const f = noControl(r).split(/\s+/);
      if (f.length !== 7 || !f.slice(2).every((x) => /^\d+$/.test(x)))
        invalid(r, 'expected "mname rname serial refresh retry expire minimum"');
      return `${absoluteName(f[0]!, origin)} ${absoluteName(f[1]!, origin)} ( ${f.slice(2).join(' ')} )`;
    }
    default:
      return noControl(r);
  }
}

function line(owner: string, ttl: number | undefined, type: string, data: string): string {
  return `${owner}\t${ttl === undefined ? '' : ttl}\tIN\t${type}\t${data}`;
}

function todaySerial(): number {
  const d = new Date();
  return (d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()) * 100;
}

/** An SOA for a zone whose provider reports none: MNAME is the first apex NS target (else `ns1.<zone>`). */
function synthesizedSoa(origin: string, records: readonly BindRecord[], options: BindExportOptions): string {
  const ns = records.find((r) => r.type === 'NS' && (r.name === '' || r.name === '@'));
  const mname = ns ? absoluteName(ns.data, origin) : `ns1.${escapeBindName(origin)}.`;
  const serial = options.serial ?? todaySerial();
  if (!Number.isInteger(serial) || serial < 0 || serial > 4_294_967_295) {
    throw new InvalidArgumentError(`Invalid SOA serial ${JSON.stringify(serial)}: expected an integer from 0 to 4294967295`);
  }
  return line('@', undefined, 'SOA', `${mname} hostmaster.${escapeBindName(origin)}. ( ${serial} ${SYNTHESIZED_SOA_TIMERS.join(' ')} )`);
}

/**
 * Renders a zone and its records as a BIND master file (RFC 1035 §5) that `named-checkzone`
 * accepts: `$ORIGIN` and `$TTL` (the zone's TTL, else {@link DEFAULT_BIND_TTL}), then the SOA,
 * then every other record in the given order. Record names are relative to the zone (`''` is
 * `@`; a trailing dot marks an absolute name); host names inside data (CNAME, MX, NS, SRV
 * targets...) are fully qualified and written with their trailing dot. TXT/SPF text is escaped
 * and split into 255-byte strings. When the records hold no SOA, one is synthesized: MNAME the
 * first apex NS target (else `ns1.<zone>`), RNAME `hostmaster.<zone>`, serial from `options`
 * (default today as `YYYYMMDD00`), RIPE-203 timers. ALIAS records, which BIND cannot express,
 * become comments. Malformed data throws `InvalidArgumentError` naming the record.
 */
export function toBindZoneFile(zone: BindZone, records: readonly BindRecord[], options: BindExportOptions = {}): string {
  const origin = zone.domain.replace(/\.$/, '');
  if (origin.length === 0) throw new InvalidArgumentError(`Invalid zone domain ${JSON.stringify(zone.domain)}: expected a domain name`);
  const soas = records.filter((r) => r.type === 'SOA');
  if (soas.length > 1)
    throw new InvalidArgumentError(`Cannot export zone ${origin} to BIND: it has ${soas.length} SOA records; a zone has exactly one`);
  const out = [`; Zone ${origin}, exported by cloudmux`, `$ORIGIN ${escapeBindName(origin)}.`, `$TTL ${zone.ttl ?? DEFAULT_BIND_TTL}`];
  const soa = soas[0];
  if (soa) {
    if (soa.name !== '' && soa.name !== '@') invalid(soa, 'the SOA record belongs at the zone apex');
    out.push(line('@', soa.ttl, 'SOA', bindRecordData(soa, origin)));
  } else {
    out.push(synthesizedSoa(origin, records, options));
  }
  for (const r of records) {
    if (r.type === 'SOA') continue;
    if (r.type === 'ALIAS') {
      out.push(`; ALIAS ${ownerName(r.name)} -> ${absoluteName(noControl(r), origin)} (not a BIND record type; resolved by the provider)`);
      continue;
    }
    out.push(line(ownerName(r.name), r.ttl, r.type, bindRecordData(r, origin)));
  }
  return `${out.join('\n')}\n`;
}
