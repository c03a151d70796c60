import { throwIfAborted } from '@cloudmux/core';
import { parseBindZone, type DnsRecord, type ImportedZone, type ImportZoneFromBindFormatOptions } from '@cloudmux/core/dns';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { Route53Context } from './context.js';
import { escapeTxtChunk, isRoute53RecordType, quoteTxt, toFqdn, toRoute53Value } from './record-data.js';
import { changeRecordSets } from './records.js';
import { toRecords } from './to-resources.js';
import type { Route53Change, Route53CreateZoneEx, Route53RecordSet } from './types.js';
import { createZone, deleteZone } from './zones.js';

/** Route 53's limits per ChangeResourceRecordSets request: 1000 values and 32,000 characters of values. */
const MAX_VALUES = 1000;
const MAX_CHARS = 32_000;

/** TXT/SPF value from the strings as written in the file (each kept apart; one over 255 bytes is split). */
function txtValue(strings: readonly Buffer[] | undefined, data: string): string {
  if (strings === undefined || strings.length === 0) return quoteTxt(data);
  return strings.flatMap((b) => (b.length <= 255 ? [`"${escapeTxtChunk(b)}"`] : [quoteTxt(b.toString('utf8'))])).join(' ');
}

/** Splits changes into batches within Route 53's per-request limits (a set never spans two). */
function chunk(changes: readonly Route53Change[]): Route53Change[][] {
  const out: Route53Change[][] = [];
  let cur: Route53Change[] = [];
  let values = 0;
  let chars = 0;
  for (const c of changes) {
    const v = c.recordSet.values ?? [];
    const n = v.length;
    const len = v.reduce((a, s) => a + s.length, 0);
    if (cur.length > 0 && (values + n > MAX_VALUES || chars + len > MAX_CHARS)) {
      out.push(cur);
      cur = [];
      values = 0;
      chars = 0;
    }
    cur.push(c);
    values += n;
    chars += len;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/**
 * Route 53's bulk BIND import: creates the zone, then writes every record set of the file with
 * `CREATE` batches (one batch when the file is within Route 53's limit of 1000 values and 32,000
 * characters per request, else several). Records without a TTL get the file's `$TTL` (Route 53 has no
 * zone default), else `defaultTtl`. The file's apex SOA replaces Route 53's (`UPSERT`); apex NS
 * records are skipped (the zone keeps Route 53's name servers, which its delegation needs). On any
 * failure the sets written so far and the zone are deleted again and the error is thrown.
 */
export async function importZone(
  ctx: Route53Context,
  text: string,
  options: ImportZoneFromBindFormatOptions<Route53CreateZoneEx> = {},
): Promise<ImportedZone> {
  const signal = options.signal;
  const parsed = parseBindZone(text, { domain: options.domain });
  const defaultTtl = options.ttl ?? parsed.ttl ?? ctx.settings.defaultTtl;
  const sets = new Map<string, Route53RecordSet>();
  const order: { key: string; value: string }[] = [];
  for (const r of parsed.records) {
    if (!isRoute53RecordType(r.type)) {
      throw new InvalidArgumentError(`line ${r.line}: Route 53 has no ${r.type} records`, { provider: 'route53' });
    }
    if (r.name === '' && r.type === 'NS') continue;
    const value = r.type === 'TXT' || r.type === 'SPF' ? txtValue(r.strings, r.data) : toRoute53Value(r.type, r.data, r.priority);
    const name = toFqdn(r.name, parsed.domain);
    const key = `${name.toLowerCase()} ${r.type}`;
    const set = sets.get(key) ?? { name, type: r.type, ttl: r.ttl ?? defaultTtl, values: [] };
    sets.set(key, set);
    if (!(set.values ?? []).includes(value)) set.values?.push(value);
    order.push({ key, value });
  }
  throwIfAborted(signal);
  const zone = await createZone(ctx, { domain: parsed.domain, type: options.type, ex: options.ex, signal });
  const changes: Route53Change[] = [...sets.values()].map((recordSet) => ({
    action: recordSet.type === 'SOA' ? 'UPSERT' : 'CREATE',
    recordSet,
  }));
  const applied: Route53Change[][] = [];
  try {
    for (const batch of chunk(changes)) {
      throwIfAborted(signal);
      await changeRecordSets(ctx, zone, batch, { signal, comment: 'cloudmux importZoneFromBindFormat' });
      applied.push(batch);
    }
  } catch (err) {
    for (const batch of applied.reverse()) {
      const undo = batch.filter((c) => c.action === 'CREATE').map((c) => ({ action: 'DELETE' as const, recordSet: c.recordSet }));
      if (undo.length > 0) await changeRecordSets(ctx, zone, undo).catch(() => undefined);
    }
    await deleteZone(ctx, zone).catch(() => undefined);
    throw err;
  }
  const byKey = new Map<string, DnsRecord[]>();
  for (const [key, set] of sets) byKey.set(key, toRecords(set, zone, ctx.driver));
  const records = order
    .map(({ key, value }) => byKey.get(key)?.find((rec) => rec.id.endsWith(`:${encodeURIComponent(value)}`)))
    .filter((r, i, all): r is DnsRecord => r !== undefined && all.indexOf(r) === i);
  return { zone, records };
}
