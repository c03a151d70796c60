/**
 * BIND import and export through Cloud DNS's own `POST /domains/import` and `GET /domains/{id}/export` jobs.
 * @module
 */
import { assertKnownOptions, checkExKeys, throwIfAborted, type CallOptions } from '@cloudmux/core';
import {
  parseBindZone,
  quoteCharacterStrings,
  sameRecordData,
  toBindZoneFile,
  type BindRecord,
  type DnsRecord,
  type ImportedZone,
  type ImportZoneFromBindFormatOptions,
  type ParsedBindRecord,
  type Zone,
  type ZoneRef,
} from '@cloudmux/core/dns';
import { InvalidArgumentError, MalformedResponseError } from '@cloudmux/core/errors';
import type { RackspaceDnsContext } from './context.js';
import {
  checkComment,
  checkEmail,
  checkTtl,
  P,
  ZONE_EX_KEYS,
  type RackspaceCreateZoneEx,
  type RackspaceJobCallOptions,
} from './options.js';
import { isRackspaceType, RACKSPACE_RECORD_TYPES, type RackspaceRecordExtra } from './to-record.js';
import { toZone, type RackspaceZoneExtra } from './to-zone.js';
import type { RaxExport } from './wire.js';
import { deleteZone, domainPath, firstDomain, getZone, updateZone, zoneIdOf } from './zones.js';
import { iterateRecords } from './records.js';

/** Name servers Rackspace adds to every domain itself; the importer refuses them as duplicates. */
const RACKSPACE_NAMESERVERS: ReadonlySet<string> = new Set(['dns1.stabletransit.com', 'dns2.stabletransit.com']);

/** What `importZoneFromBindFormat` created, typed with the Rackspace extras. */
export interface RackspaceImportedZone extends ImportedZone {
  /** The new zone. */
  zone: Zone<RackspaceZoneExtra>;
  /** Its records, in file order (the file's copies of Rackspace's own NS records are the ones Rackspace made). */
  records: DnsRecord<RackspaceRecordExtra>[];
}

/** Options of `exImportZone`. */
export interface RackspaceImportZoneOptions extends RackspaceJobCallOptions {
  /** Comment of the new domain (up to 160 characters). */
  comment?: string | undefined;
}

/** Runs an import job with `contents` and returns the new domain as a zone. */
async function importJob(
  ctx: RackspaceDnsContext,
  contents: string,
  comment: string | undefined,
  options: RackspaceJobCallOptions,
  action: string,
): Promise<Zone<RackspaceZoneExtra>> {
  const body = { domains: [{ contentType: 'BIND_9', contents, ...(comment !== undefined ? { comment } : {}) }] };
  const response = await ctx.client.job<unknown>('POST', '/domains/import', body, action, options);
  const d = firstDomain(response, action);
  if (d.id === undefined) throw new MalformedResponseError(`${P}: ${action} job completed without the domain id`, '', { provider: P });
  return toZone(d, ctx.driver);
}

/** Creates a domain from BIND 9 text exactly as given (`POST /domains/import`; Rackspace parses it). */
export async function importZoneText(
  ctx: RackspaceDnsContext,
  text: string,
  options: RackspaceImportZoneOptions = {},
): Promise<Zone<RackspaceZoneExtra>> {
  throwIfAborted(options.signal);
  assertKnownOptions('exImportZone', options, ['comment', 'signal', 'timeoutMs']);
  if (typeof text !== 'string' || text.trim() === '')
    throw new InvalidArgumentError('exImportZone: the BIND text must be a non-empty string', { provider: P });
  return importJob(ctx, text, checkComment(options.comment, 'exImportZone'), options, 'exImportZone');
}

/** The zone in BIND 9 format exactly as Rackspace exports it (`GET /domains/{id}/export`, a job). */
export async function exportZoneText(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  options: CallOptions & RackspaceJobCallOptions = {},
): Promise<string> {
  throwIfAborted(options.signal);
  const id = zoneIdOf(ref, 'exExportZone');
  const response = await ctx.client.job<RaxExport>('GET', `${domainPath(id)}/export`, undefined, 'exExportZone', options);
  if (typeof response?.contents !== 'string')
    throw new MalformedResponseError(
      `${P}: export job of domain ${id} completed without contents`,
      JSON.stringify(response ?? null).slice(0, 200),
      {
        provider: P,
      },
    );
  return response.contents;
}

/** `user@host` in an SOA RNAME → the DNS mailbox form `user.host` (Rackspace writes the email address). */
function mailboxName(rname: string): string {
  return rname.replace('@', '.');
}

/**
 * The zone as a BIND file in cloudmux's layout (`$ORIGIN`, `$TTL`, relative owners, Rackspace's own SOA):
 * Rackspace's export (fully qualified owners, indented lines, the SOA RNAME as an email address) read by
 * core's parser and written by core's `toBindZoneFile`. `exExportZone` gives Rackspace's text unchanged.
 */
export async function exportBindZone(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  options: CallOptions & RackspaceJobCallOptions = {},
): Promise<string> {
  const zone = typeof ref === 'object' && ref !== null ? ref : await getZone(ctx, zoneIdOf(ref, 'exportZoneToBindFormat'), options);
  const raw = await exportZoneText(ctx, zone, options);
  const text = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .join('\n');
  const parsed = parseBindZone(text, { domain: zone.domain });
  const records: BindRecord[] = parsed.records.map((r) => {
    if (r.type !== 'SOA') return r;
    const f = r.data.split(' ');
    return { ...r, data: [f[0], mailboxName(f[1] ?? ''), ...f.slice(2)].join(' ') };
  });
  return toBindZoneFile({ domain: zone.domain, ttl: zone.ttl }, records);
}

/** One record in the strict line form Rackspace's importer reads: `owner. ttl IN TYPE data`. */
function importLine(r: ParsedBindRecord, domain: string, ttl: number): string {
  const owner = r.name === '' ? `${domain}.` : `${r.name}.${domain}.`;
  const dot = (h: string): string => (h.endsWith('.') ? h : `${h}.`);
  let data: string;
  switch (r.type) {
    case 'MX':
      data = `${r.priority ?? 0} ${dot(r.data)}`;
      break;
    case 'SRV': {
      const [w, p, t] = r.data.split(' ');
      data = `${r.priority ?? 0} ${w} ${p} ${dot(t ?? '')}`;
      break;
    }
    case 'CNAME':
    case 'NS':
      data = dot(r.data);
      break;
    case 'TXT':
      data = quoteCharacterStrings(r.data).join(' ');
      break;
    default:
      data = r.data;
  }
  return `${owner} ${ttl} IN ${r.type} ${data}`;
}

/** An SOA RNAME as the email address Rackspace writes there: `admin.example.com.` → `admin@example.com`. */
function emailOf(rname: string): string {
  const n = rname.replace(/\.$/, '');
  if (n.includes('@')) return n;
  const m = /^((?:[^.\\]|\\.)+)\.(.+)$/.exec(n);
  return m ? `${m[1]!.replace(/\\\./g, '.')}@${m[2]}` : n;
}

/** Default SOA timers of an import file without one: refresh, retry, expire, minimum. */
const SOA_TIMERS = '21600 3600 1814400 300';

/** The SOA line of an import: the file's MNAME and timers (else Rackspace's), the email address in RNAME. */
function soaLine(soa: ParsedBindRecord | undefined, domain: string, email: string, ttl: number): string {
  const f = soa?.data.split(' ') ?? [];
  const mname = f[0] ?? 'dns1.stabletransit.com.';
  const rest = f.length === 7 ? f.slice(2).join(' ') : `${Math.floor(Date.now() / 1000)} ${SOA_TIMERS}`;
  return `${domain}. ${ttl} IN SOA ${mname.endsWith('.') ? mname : `${mname}.`} ${email}. ${rest}`;
}

/**
 * `importZoneFromBindFormat` through Rackspace's import: the text is read by core's parser first (syntax errors
 * with line and column, types Cloud DNS lacks), written again in the strict form the importer wants (one
 * record per line, fully qualified owners, explicit TTLs, no comments or directives; NS records naming
 * Rackspace's own name servers left out, as Rackspace adds them), and imported in ONE atomic job. The zone
 * TTL (`options.ttl`, else `$TTL`) and `ex.emailAddress` are then set with `updateZone` where they differ;
 * on any failure after the import the new zone is deleted again.
 */
export async function importBindZone(
  ctx: RackspaceDnsContext,
  text: string,
  options: ImportZoneFromBindFormatOptions<RackspaceCreateZoneEx> & RackspaceJobCallOptions = {},
): Promise<RackspaceImportedZone> {
  const method = 'importZoneFromBindFormat';
  throwIfAborted(options.signal);
  assertKnownOptions(method, options, ['domain', 'type', 'ttl', 'ex', 'signal', 'timeoutMs']);
  const ex = checkExKeys(options.ex, ZONE_EX_KEYS, { method, provider: P });
  if (options.type !== undefined && options.type !== 'master')
    throw new InvalidArgumentError(`${method}: Rackspace Cloud DNS hosts primary zones only; "type" must be master`, { provider: P });
  const email = checkEmail(ex?.emailAddress, method);
  const comment = checkComment(ex?.comment, method);
  const parsed = parseBindZone(text, { domain: options.domain });
  const zoneTtl = checkTtl(options.ttl ?? parsed.ttl ?? 3600, 'zone ttl');
  const soa = parsed.records.find((r) => r.type === 'SOA');
  const rname = soa?.data.split(' ')[1];
  const fileEmail = rname !== undefined ? emailOf(rname) : undefined;
  const soaEmail =
    email ?? (fileEmail !== undefined && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(fileEmail) ? fileEmail : `hostmaster@${parsed.domain}`);
  const lines = [soaLine(soa, parsed.domain, soaEmail, Math.max(soa?.ttl ?? zoneTtl, 300))];
  const kept: ParsedBindRecord[] = [];
  for (const r of parsed.records) {
    if (r.type === 'SOA') continue;
    if (!isRackspaceType(r.type))
      throw new InvalidArgumentError(
        `${method}: line ${r.line}: Rackspace Cloud DNS does not serve ${r.type} records. Valid types: ${RACKSPACE_RECORD_TYPES.join(', ')}`,
        { provider: P },
      );
    const ttl = checkTtl(r.ttl ?? zoneTtl, `TTL of the ${r.type} record on line ${r.line}`);
    kept.push(r);
    // Rackspace adds its own NS records to every domain; the file's copies would be duplicates.
    if (r.type === 'NS' && r.name === '' && RACKSPACE_NAMESERVERS.has(r.data.replace(/\.$/, '').toLowerCase())) continue;
    lines.push(importLine(r, parsed.domain, ttl));
  }
  const zone = await importJob(ctx, `${lines.join('\n')}\n`, comment, options, method);
  try {
    let z = zone;
    const wantEmail = zone.extra.emailAddress !== soaEmail;
    if (zone.ttl !== zoneTtl || wantEmail)
      z = await updateZone(ctx, zone, {
        ttl: zone.ttl !== zoneTtl ? zoneTtl : undefined,
        ex: wantEmail ? { emailAddress: soaEmail } : undefined,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
    const listed: DnsRecord<RackspaceRecordExtra>[] = [];
    for await (const r of iterateRecords(ctx, z, { signal: options.signal })) listed.push(r);
    const used = new Set<DnsRecord>();
    const records: DnsRecord<RackspaceRecordExtra>[] = [];
    for (const p of kept) {
      const hit = listed.find((l) => !used.has(l) && l.name.toLowerCase() === p.name.toLowerCase() && sameRecordData(l, p));
      if (hit) {
        used.add(hit);
        records.push(hit);
      }
    }
    return { zone: z, records };
  } catch (err) {
    await deleteZone(ctx, zone).catch(() => undefined);
    throw err;
  }
}
