import { checkExKeys, throwIfAborted, type CallOptions } from '@cloudmux/core';
import {
  escapeCharacterString,
  parseBindZone,
  type ImportedZone,
  type ImportZoneFromBindFormatOptions,
  type ZoneRef,
} from '@cloudmux/core/dns';
import type { PowerDnsContext } from './context.js';
import { canonicalZone, ownerFqdn } from './names.js';
import { CREATE_ZONE_EX_KEYS, type PowerDnsCreateZoneEx } from './options.js';
import { toContent, toRecords } from './to-record.js';
import { toZone, type PowerDnsZoneExtra } from './to-zone.js';
import type { PdnsCreateZoneBody, PdnsRRsetChange, PdnsZone } from './wire.js';
import { zoneIdOf } from './zones.js';
import type { Zone } from '@cloudmux/core/dns';

const P = 'powerdns';

/**
 * `GET /zones/{id}/export`: the zone in BIND format as PowerDNS writes it (absolute names, one
 * line per record). PowerDNS wraps it as `{"zone": "…"}` when asked for JSON; plain text otherwise.
 */
export async function exportZone(ctx: PowerDnsContext, ref: ZoneRef, options: CallOptions = {}): Promise<string> {
  const id = zoneIdOf(ref, 'exExportZone');
  const res = await ctx.client.request<string>({
    method: 'GET',
    path: ctx.client.path('zones', id, 'export'),
    headers: { accept: 'text/plain, application/json' },
    responseType: 'text',
    signal: options.signal,
  });
  const text = res.body;
  if (text.startsWith('{')) {
    try {
      const body = JSON.parse(text) as { zone?: unknown };
      if (typeof body.zone === 'string') return body.zone;
    } catch {
      // plain zone text that happens to start with a brace: return it as it is
    }
  }
  return text;
}

/** Options of `exImportZone`: a BIND zone text PowerDNS parses itself. */
export interface PowerDnsImportZoneOptions extends CallOptions {
  /** Zone domain (`example.com` or `example.com.`). */
  domain: string;
  /** The zone in BIND format. */
  zone: string;
  /** Zone settings, as for `createZone`. */
  ex?: PowerDnsCreateZoneEx | undefined;
}

function createBody(ex: PowerDnsCreateZoneEx | undefined, name: string): PdnsCreateZoneBody {
  const body: PdnsCreateZoneBody = { name, kind: ex?.kind ?? 'Native', nameservers: (ex?.nameservers ?? []).map((n) => canonicalZone(n)) };
  if (ex?.masters !== undefined) body.masters = [...ex.masters];
  if (ex?.account !== undefined) body.account = ex.account;
  if (ex?.soaEdit !== undefined) body.soa_edit = ex.soaEdit;
  if (ex?.soaEditApi !== undefined) body.soa_edit_api = ex.soaEditApi;
  if (ex?.dnssec !== undefined) body.dnssec = ex.dnssec;
  if (ex?.apiRectify !== undefined) body.api_rectify = ex.apiRectify;
  return body;
}

async function postZone(ctx: PowerDnsContext, body: PdnsCreateZoneBody, signal: AbortSignal | undefined): Promise<PdnsZone> {
  const res = await ctx.client.request<PdnsZone>({
    method: 'POST',
    path: ctx.client.path('zones'),
    json: body,
    signal,
    errorContext: { action: 'CreateZone', checkHint: `look for zone ${body.name} with getZone('${body.name}')` },
  });
  return res.body;
}

/**
 * Creates a zone from BIND text through PowerDNS's own parser (`"zone"` on `POST /zones`).
 * PowerDNS 4.7 answers a text it cannot parse with a bare 500 and may leave the zone half made:
 * prefer `importZoneFromBindFormat`, which checks the text first.
 */
export async function importZoneText(ctx: PowerDnsContext, options: PowerDnsImportZoneOptions): Promise<Zone<PowerDnsZoneExtra>> {
  throwIfAborted(options?.signal);
  const ex = checkExKeys(options.ex, CREATE_ZONE_EX_KEYS, { method: 'exImportZone', provider: P });
  const body = { ...createBody(ex, canonicalZone(options.domain)), zone: String(options.zone) };
  return toZone(await postZone(ctx, body, options.signal), ctx.driver);
}

/**
 * `importZoneFromBindFormat` for PowerDNS: the text is parsed and checked by cloudmux (errors with
 * line and column), then the zone and all its rrsets are created in one `POST /zones`, so the
 * import is all or nothing. Values of one name and type become one rrset; its TTL is the first
 * TTL stated for them, else the zone's `$TTL`, else the driver's `defaultTtl`.
 */
export async function importBindZone(
  ctx: PowerDnsContext,
  text: string,
  options: ImportZoneFromBindFormatOptions<PowerDnsCreateZoneEx> = {},
): Promise<ImportedZone> {
  const ex = checkExKeys(options.ex, CREATE_ZONE_EX_KEYS, { method: 'importZoneFromBindFormat', provider: P });
  const parsed = parseBindZone(text, { domain: options.domain });
  throwIfAborted(options.signal);
  const name = canonicalZone(parsed.domain);
  const zoneTtl = options.ttl ?? parsed.ttl ?? ctx.settings.defaultTtl;
  const rrsets = new Map<string, Omit<PdnsRRsetChange, 'changetype'> & { records: { content: string; disabled: boolean }[] }>();
  for (const r of parsed.records) {
    const owner = ownerFqdn(r.name, name);
    const key = `${owner}\u0000${r.type}`;
    const content = r.strings
      ? r.strings.map((b) => `"${escapeCharacterString(b)}"`).join(' ')
      : toContent(r.type, r.data, r.priority, name);
    const set = rrsets.get(key);
    if (set) {
      if (!set.records.some((x) => x.content === content)) set.records.push({ content, disabled: false });
      if (set.ttl === undefined && r.ttl !== undefined) set.ttl = r.ttl;
    } else {
      rrsets.set(key, { name: owner, type: r.type, ttl: r.ttl, records: [{ content, disabled: false }] });
    }
  }
  const body = createBody(ex, name);
  if (options.type === 'slave') body.kind = 'Slave';
  body.rrsets = [...rrsets.values()].map((s) => ({ ...s, ttl: s.ttl ?? zoneTtl }));
  const created = await postZone(ctx, body, options.signal);
  const zone = toZone(created, ctx.driver);
  return { zone, records: toRecords(created.rrsets ?? [], zone, created.name, ctx.driver) };
}
