import { isIPv4, isIPv6 } from 'node:net';
import { InvalidArgumentError } from '../errors/cloud-error.js';
import { bindSyntaxError, isBindTtl, parseBindTtl, tokenizeBindZone, type BindToken } from './bind-parse.js';
import { RecordType } from './record-type.js';

/** A record read from a zone file, in the portable shape `createRecord` takes. */
export interface ParsedBindRecord {
  /** Name relative to the zone; `''` is the apex. */
  readonly name: string;
  /** Record type. */
  readonly type: RecordType;
  /** Portable data: host names fully qualified with a trailing dot, TXT as unquoted text, MX/SRV without the priority. */
  readonly data: string;
  /** TTL in seconds; `undefined` when the record inherits the zone's default (`$TTL`). */
  readonly ttl: number | undefined;
  /** MX/SRV priority. */
  readonly priority: number | undefined;
  /** TXT/SPF: the `<character-string>`s as written (their bytes), for providers that keep them apart. */
  readonly strings?: readonly Buffer[] | undefined;
  /** 1-based line of the record in the text. */
  readonly line: number;
}

/** A zone file read by {@link parseBindZone}. */
export interface ParsedBindZone {
  /** Zone domain, lower case, without the trailing dot. */
  readonly domain: string;
  /** The first `$TTL`, the zone's default TTL. */
  readonly ttl: number | undefined;
  /** Records in file order. */
  readonly records: readonly ParsedBindRecord[];
}

/** Options of {@link parseBindZone}. */
export interface ParseBindZoneOptions {
  /** Zone domain (with or without trailing dot); default: the first `$ORIGIN` of the text. */
  domain?: string | undefined;
}

const TYPES: ReadonlySet<string> = new Set(Object.values(RecordType));
const NAME_TYPES: ReadonlySet<string> = new Set(['CNAME', 'DNAME', 'NS', 'PTR', 'ALIAS']);
const UNSUPPORTED_CLASSES: ReadonlySet<string> = new Set(['CH', 'CS', 'HS', 'ANY', 'NONE']);

const lower = (s: string): string => s.toLowerCase();

/** Resolves a name token against the origin: an absolute name keeps its dot, `@` is the origin, others are relative. */
function resolveName(t: BindToken, origin: string | undefined): string {
  if (t.quoted) throw bindSyntaxError(t.line, t.column, `expected a domain name, got the quoted string ${t.raw}`);
  if (t.raw === '@') {
    if (origin === undefined) throw bindSyntaxError(t.line, t.column, '"@" used before any $ORIGIN (pass the domain option)');
    return origin;
  }
  // An escaped final dot (`a\.`) is part of a label, not the root.
  const absolute = t.raw.endsWith('.') && !t.raw.endsWith('\\.');
  const name = t.text;
  if (absolute) return name === '.' ? '.' : name;
  if (origin === undefined)
    throw bindSyntaxError(t.line, t.column, `relative name ${JSON.stringify(t.raw)} used before any $ORIGIN (pass the domain option)`);
  return origin === '.' ? `${name}.` : `${name}.${origin}`;
}

function uint(t: BindToken | undefined, max: number, what: string, at: BindToken): number {
  if (t === undefined) throw bindSyntaxError(at.line, at.column, `missing ${what}`);
  if (t.quoted || !/^\d+$/.test(t.raw) || Number(t.raw) > max)
    throw bindSyntaxError(t.line, t.column, `${what} must be an integer from 0 to ${max}, got ${t.raw}`);
  return Number(t.raw);
}

function expectCount(type: string, rdata: readonly BindToken[], n: number, form: string, at: BindToken): void {
  if (rdata.length !== n) {
    const t = rdata[n] ?? at;
    throw bindSyntaxError(t.line, t.column, `${type} expects "${form}" (${n} field${n === 1 ? '' : 's'}), got ${rdata.length}`);
  }
}

/** RDATA tokens → portable `{ data, priority }`. */
function recordData(
  type: RecordType,
  rdata: readonly BindToken[],
  origin: string | undefined,
  at: BindToken,
): { data: string; priority: number | undefined } {
  const [a, b, c, d] = rdata;
  switch (type) {
    case 'A':
    case 'AAAA':
      expectCount(type, rdata, 1, 'address', at);
      if (!(type === 'A' ? isIPv4 : isIPv6)(a!.raw))
        throw bindSyntaxError(a!.line, a!.column, `${a!.raw} is not an ${type === 'A' ? 'IPv4' : 'IPv6'} address`);
      return { data: a!.raw, priority: undefined };
    case 'MX':
      expectCount(type, rdata, 2, 'preference exchange', at);
      return { priority: uint(a, 65535, 'MX preference', at), data: resolveName(b!, origin) };
    case 'SRV':
      expectCount(type, rdata, 4, 'priority weight port target', at);
      return {
        priority: uint(a, 65535, 'SRV priority', at),
        data: `${uint(b, 65535, 'SRV weight', at)} ${uint(c, 65535, 'SRV port', at)} ${resolveName(d!, origin)}`,
      };
    case 'TXT':
    case 'SPF':
      if (rdata.length === 0) throw bindSyntaxError(at.line, at.column, `${type} needs at least one string`);
      return { data: Buffer.concat(rdata.map((t) => t.bytes)).toString('utf8'), priority: undefined };
    case 'SOA': {
      expectCount(type, rdata, 7, 'mname rname serial refresh retry expire minimum', at);
      const serial = uint(rdata[2], 4_294_967_295, 'SOA serial', at);
      const timers = rdata.slice(3).map((t) => parseBindTtl(t));
      return { data: [resolveName(a!, origin), resolveName(b!, origin), serial, ...timers].join(' '), priority: undefined };
    }
    case 'CAA':
      expectCount(type, rdata, 3, 'flags tag value', at);
      return { data: `${uint(a, 255, 'CAA flags', at)} ${lower(b!.raw)} ${c!.raw}`, priority: undefined };
    default:
      if (NAME_TYPES.has(type)) {
        expectCount(type, rdata, 1, 'target', at);
        return { data: resolveName(a!, origin), priority: undefined };
      }
      if (rdata.length === 0) throw bindSyntaxError(at.line, at.column, `${type} has no data`);
      return { data: rdata.map((t) => t.raw).join(' '), priority: undefined };
  }
}

/** The owner relative to the zone (`''` for the apex); a name outside the zone throws. */
function relativeTo(fqdn: string, zone: string, t: BindToken): string {
  const n = lower(fqdn);
  if (n === zone) return '';
  if (n.endsWith(`.${zone}`)) return fqdn.slice(0, fqdn.length - zone.length - 1);
  throw bindSyntaxError(t.line, t.column, `${JSON.stringify(fqdn)} is outside the zone ${zone.replace(/\.$/, '')}`);
}

function absoluteDomain(domain: string): string {
  const d = domain.trim();
  if (d === '' || d === '.' || /\s/.test(d))
    throw new InvalidArgumentError(`Invalid zone domain ${JSON.stringify(domain)}: expected a domain name such as example.com`);
  return lower(d.endsWith('.') ? d : `${d}.`);
}

/**
 * Parses a BIND zone file (RFC 1035 §5): `$ORIGIN`, `$TTL`, relative names, `@`, blank owners
 * (the previous owner), parentheses over several lines, quoted strings with `\"`, `\\` and
 * `\DDD` escapes, several strings in one TXT, `;` comments, TTL units (`1h30m`), the class `IN`
 * (optional; TTL and class in either order). Records come back in the portable shape
 * (see {@link ParsedBindRecord}). Anything it cannot read, `$INCLUDE`/`$GENERATE`, classes other
 * than `IN`, unknown types and names outside the zone throw {@link InvalidArgumentError} with
 * the line and column.
 */
export function parseBindZone(zoneText: string, options: ParseBindZoneOptions = {}): ParsedBindZone {
  if (typeof zoneText !== 'string') throw new InvalidArgumentError(`BIND zone text must be a string, got ${typeof zoneText}`);
  let zone = options.domain === undefined ? undefined : absoluteDomain(options.domain);
  let origin = zone;
  let defaultTtl: number | undefined;
  let zoneTtl: number | undefined;
  let lastTtl: number | undefined;
  let owner: { fqdn: string; token: BindToken } | undefined;
  const pending: {
    owner: string;
    token: BindToken;
    type: RecordType;
    rdata: BindToken[];
    ttl: number | undefined;
    origin: string | undefined;
    line: number;
  }[] = [];

  for (const entry of tokenizeBindZone(zoneText)) {
    const [first] = entry.tokens;
    if (!first) continue;
    if (!entry.blankOwner && !first.quoted && first.raw.startsWith('$')) {
      const directive = first.raw.toUpperCase();
      const arg = entry.tokens[1];
      if (directive === '$ORIGIN') {
        if (!arg || entry.tokens.length > 2) throw bindSyntaxError(first.line, first.column, '$ORIGIN takes one domain name');
        origin = lower(resolveName(arg, origin));
        zone ??= origin;
      } else if (directive === '$TTL') {
        if (!arg || entry.tokens.length > 2) throw bindSyntaxError(first.line, first.column, '$TTL takes one TTL');
        defaultTtl = parseBindTtl(arg);
        zoneTtl ??= defaultTtl;
      } else if (directive === '$INCLUDE' || directive === '$GENERATE') {
        throw bindSyntaxError(first.line, first.column, `${first.raw} is not supported; inline the records instead`);
      } else {
        throw bindSyntaxError(first.line, first.column, `unknown directive ${first.raw} (known: $ORIGIN, $TTL)`);
      }
      continue;
    }
    let k = 0;
    if (!entry.blankOwner) {
      owner = { fqdn: resolveName(first, origin), token: first };
      k = 1;
    } else if (!owner) {
      throw bindSyntaxError(first.line, first.column, 'a record line starts with a blank but there is no previous owner name');
    }
    let ttl: number | undefined;
    let sawClass = false;
    for (let n = 0; n < 2; n++) {
      const t = entry.tokens[k];
      if (!t || t.quoted) break;
      if (ttl === undefined && isBindTtl(t.raw)) {
        ttl = parseBindTtl(t);
      } else if (!sawClass && t.raw.toUpperCase() === 'IN') {
        sawClass = true;
      } else if (!sawClass && UNSUPPORTED_CLASSES.has(t.raw.toUpperCase())) {
        throw bindSyntaxError(t.line, t.column, `class ${t.raw} is not supported (only IN)`);
      } else break;
      k++;
    }
    const typeToken = entry.tokens[k];
    if (!typeToken) throw bindSyntaxError(first.line, first.column, 'record has no type');
    const type = typeToken.raw.toUpperCase();
    if (typeToken.quoted || !TYPES.has(type)) {
      throw bindSyntaxError(
        typeToken.line,
        typeToken.column,
        `unknown or unsupported record type ${typeToken.raw}; supported: ${[...TYPES].join(', ')}`,
      );
    }
    if (ttl !== undefined) lastTtl = ttl;
    // No TTL on the line: the current $TTL (undefined when it is the zone default), else the last stated TTL (RFC 1035).
    const effective = ttl ?? (defaultTtl !== undefined ? (defaultTtl === zoneTtl ? undefined : defaultTtl) : lastTtl);
    pending.push({
      owner: owner!.fqdn,
      token: entry.blankOwner ? first : owner!.token,
      type: type as RecordType,
      rdata: entry.tokens.slice(k + 1),
      ttl: effective,
      origin,
      line: entry.line,
    });
  }
  if (zone === undefined) throw new InvalidArgumentError('BIND zone text has no $ORIGIN: pass the domain option to name the zone');
  const z = zone;
  const records = pending.map((p): ParsedBindRecord => {
    const name = relativeTo(p.owner, z, p.token);
    const { data, priority } = recordData(p.type, p.rdata, p.origin, p.rdata[0] ?? p.token);
    if (p.type === 'SOA' && name !== '') throw bindSyntaxError(p.token.line, p.token.column, 'the SOA record belongs at the zone apex');
    const strings = p.type === 'TXT' || p.type === 'SPF' ? p.rdata.map((t) => t.bytes) : undefined;
    return { name, type: p.type, data, ttl: p.ttl, priority, strings, line: p.line };
  });
  const soas = records.filter((r) => r.type === 'SOA');
  if (soas.length > 1) throw bindSyntaxError(soas[1]!.line, 1, 'a second SOA record; a zone has exactly one');
  return { domain: z.replace(/\.$/, ''), ttl: zoneTtl, records };
}

/** Options of `importZoneFromBindFormat(text, options)`. */
export interface ImportZoneFromBindFormatOptions<X extends object = Record<string, unknown>> {
  /** Zone domain; default: the first `$ORIGIN` of the text. */
  domain?: string | undefined;
  /** Zone type passed to `createZone` (default `master`). */
  type?: 'master' | 'slave' | undefined;
  /** Zone default TTL passed to `createZone`; default: the first `$TTL` of the text. */
  ttl?: number | undefined;
  /** Provider extensions passed to `createZone`. */
  ex?: X | undefined;
  /** Aborts the import (the zone is then deleted, as on any failure). */
  signal?: AbortSignal | undefined;
}

/** Types whose data holds host names, compared without case or trailing dot by {@link sameRecordData}. */
const HOST_DATA_TYPES: ReadonlySet<string> = new Set(['CNAME', 'DNAME', 'NS', 'PTR', 'ALIAS', 'MX', 'SRV', 'SOA']);

/** Portable record shape compared by {@link sameRecordData}. */
export interface RecordDataLike {
  /** Type. */
  type: string;
  /** Data. */
  data: string;
  /** MX/SRV priority. */
  priority?: number | undefined;
}

/** Whether two records of one type carry the same data (host names compared without case or trailing dot). */
export function sameRecordData(a: RecordDataLike, b: RecordDataLike): boolean {
  if (a.type !== b.type || (a.priority ?? null) !== (b.priority ?? null)) return false;
  if (!HOST_DATA_TYPES.has(a.type)) return a.data === b.data;
  const norm = (s: string): string =>
    s
      .trim()
      .split(/\s+/)
      .map((f) => f.replace(/\.$/, '').toLowerCase())
      .join(' ');
  return norm(a.data) === norm(b.data);
}
