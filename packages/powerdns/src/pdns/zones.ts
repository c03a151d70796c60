import { checkExKeys, requireId, throwIfAborted, type CallOptions } from '@cloudmux/core';
import type { CreateZoneOptions, UpdateZoneOptions, Zone, ZoneRef } from '@cloudmux/core/dns';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { PowerDnsContext } from './context.js';
import { canonicalZone } from './names.js';
import {
  checkTtl,
  CREATE_ZONE_EX_KEYS,
  UPDATE_ZONE_EX_KEYS,
  ZONE_KINDS,
  type PowerDnsCreateZoneEx,
  type PowerDnsUpdateZoneEx,
} from './options.js';
import { toZone, type PowerDnsZoneExtra } from './to-zone.js';
import type { PdnsCreateZoneBody, PdnsRRset, PdnsRRsetChange, PdnsZone, PdnsZoneKind } from './wire.js';

const P = 'powerdns';

/** The PowerDNS zone id of a zone or id; `example.com` is taken as `example.com.`. */
export function zoneIdOf(ref: ZoneRef, method: string): string {
  const raw = typeof ref === 'object' && ref !== null ? (ref as Zone).id : ref;
  const id = requireId(raw, 'zone', { method, provider: P, what: 'zone id' });
  return id.endsWith('.') ? id : `${id}.`;
}

/** Filters of a zone GET (PowerDNS 4.5+ honours them; older servers send every rrset, which is filtered here too). */
export interface RRsetFilter {
  name?: string | undefined;
  type?: string | undefined;
  /** `false`: no rrsets at all. */
  rrsets?: boolean | undefined;
}

/** `GET /zones/{id}` with optional rrset filters; rrsets not matching the filter are dropped. */
export async function fetchZone(ctx: PowerDnsContext, id: string, filter: RRsetFilter, signal?: AbortSignal): Promise<PdnsZone> {
  const query: Record<string, string | undefined> =
    filter.rrsets === false
      ? { rrsets: 'false' }
      : { rrset_name: filter.name, rrset_type: filter.name === undefined ? undefined : filter.type };
  const res = await ctx.client.request<PdnsZone>({ method: 'GET', path: ctx.client.path('zones', id), query, signal });
  const z = res.body;
  if (z.rrsets && (filter.name !== undefined || filter.type !== undefined)) {
    const name = filter.name?.toLowerCase();
    z.rrsets = z.rrsets.filter(
      (r: PdnsRRset) => (name === undefined || r.name.toLowerCase() === name) && (filter.type === undefined || r.type === filter.type),
    );
  }
  return z;
}

/** `PATCH /zones/{id}` with rrset changes (REPLACE states the whole rrset, so repeating it is safe). */
export async function patchRRsets(
  ctx: PowerDnsContext,
  id: string,
  rrsets: readonly PdnsRRsetChange[],
  signal?: AbortSignal,
): Promise<void> {
  await ctx.client.request({
    method: 'PATCH',
    path: ctx.client.path('zones', id),
    json: { rrsets },
    idempotent: true,
    responseType: 'text',
    signal,
    errorContext: { action: 'PatchRRsets' },
  });
}

/** Every zone of the server (one page: PowerDNS does not paginate). */
export async function* iterateZones(ctx: PowerDnsContext, options: CallOptions = {}): AsyncIterable<Zone<PowerDnsZoneExtra>> {
  const res = await ctx.client.request<PdnsZone[]>({ method: 'GET', path: ctx.client.path('zones'), signal: options.signal });
  for (const z of res.body) yield toZone(z, ctx.driver);
}

/** A zone with its SOA (for `ttl`). */
export async function getZone(ctx: PowerDnsContext, ref: ZoneRef, options: CallOptions = {}): Promise<Zone<PowerDnsZoneExtra>> {
  const id = zoneIdOf(ref, 'getZone');
  // The zone id is its name unless PowerDNS had to escape characters (`=2F`); then ask for every rrset.
  const name = id.includes('=') ? undefined : id;
  return toZone(await fetchZone(ctx, id, { name, type: name && 'SOA' }, options.signal), ctx.driver);
}

function zoneSettings(ex: PowerDnsUpdateZoneEx | undefined): Partial<PdnsCreateZoneBody> {
  if (!ex) return {};
  const out: Partial<PdnsCreateZoneBody> = {};
  if (ex.kind !== undefined) {
    if (!ZONE_KINDS.includes(ex.kind))
      throw new InvalidArgumentError(`Invalid zone kind ${JSON.stringify(ex.kind)}. Valid kinds: ${ZONE_KINDS.join(', ')}`, {
        provider: P,
      });
    out.kind = ex.kind;
  }
  if (ex.masters !== undefined) out.masters = [...ex.masters];
  if (ex.account !== undefined) out.account = ex.account;
  if (ex.soaEdit !== undefined) out.soa_edit = ex.soaEdit;
  if (ex.soaEditApi !== undefined) out.soa_edit_api = ex.soaEditApi;
  if (ex.dnssec !== undefined) out.dnssec = ex.dnssec;
  if (ex.apiRectify !== undefined) out.api_rectify = ex.apiRectify;
  return out;
}

function kindFor(type: unknown, ex: PowerDnsUpdateZoneEx | undefined): PdnsZoneKind | undefined {
  if (type !== undefined && type !== 'master' && type !== 'slave')
    throw new InvalidArgumentError(`Invalid zone type ${JSON.stringify(type)}. Valid values: master, slave`, { provider: P });
  if (ex?.kind !== undefined) {
    if (type === 'slave' && ex.kind !== 'Slave' && ex.kind !== 'Consumer')
      throw new InvalidArgumentError(`Zone type "slave" conflicts with ex.kind ${JSON.stringify(ex.kind)}`, { provider: P });
    return ex.kind;
  }
  return type === 'slave' ? 'Slave' : type === 'master' ? 'Native' : undefined;
}

/** Sets the TTL of the zone's SOA rrset (what cloudmux reports as the zone TTL), keeping its content. */
async function setSoaTtl(ctx: PowerDnsContext, id: string, zone: PdnsZone, ttl: number, signal?: AbortSignal): Promise<PdnsZone> {
  const soa =
    zone.rrsets?.find((r) => r.type === 'SOA') ??
    (await fetchZone(ctx, id, { name: zone.name, type: 'SOA' }, signal)).rrsets?.find((r) => r.type === 'SOA');
  if (!soa) throw new InvalidArgumentError(`Zone ${zone.name} has no SOA record, so it has no TTL to set`, { provider: P });
  if (soa.ttl === ttl) return zone;
  await patchRRsets(ctx, id, [{ name: soa.name, type: 'SOA', ttl, changetype: 'REPLACE', records: soa.records }], signal);
  return fetchZone(ctx, id, { name: zone.name, type: 'SOA' }, signal);
}

/**
 * `POST /zones`: kind `Native` (or `ex.kind`), `Slave` for `type: 'slave'`; `ex.nameservers`
 * become apex NS records; `ttl` becomes the SOA rrset's TTL (PowerDNS writes the SOA itself from
 * its `default-soa-content`). A domain that exists is an `AlreadyExistsError` (409).
 */
export async function createZone(ctx: PowerDnsContext, options: CreateZoneOptions<PowerDnsCreateZoneEx>): Promise<Zone<PowerDnsZoneExtra>> {
  throwIfAborted(options?.signal);
  const ex = checkExKeys(options.ex, CREATE_ZONE_EX_KEYS, { method: 'createZone', provider: P });
  const name = canonicalZone(options.domain);
  const ttl = options.ttl === undefined ? undefined : checkTtl(options.ttl, 'zone ttl');
  const body: PdnsCreateZoneBody = {
    ...zoneSettings(ex),
    name,
    kind: kindFor(options.type ?? 'master', ex) ?? 'Native',
    nameservers: (ex?.nameservers ?? []).map((n) => canonicalZone(n)),
  };
  const res = await ctx.client.request<PdnsZone>({
    method: 'POST',
    path: ctx.client.path('zones'),
    json: body,
    signal: options.signal,
    errorContext: { action: 'CreateZone', checkHint: `look for zone ${name} with getZone('${name}')` },
  });
  let zone = res.body;
  if (ttl !== undefined) zone = await setSoaTtl(ctx, zone.id, zone, ttl, options.signal);
  return toZone(zone, ctx.driver);
}

/** `PUT /zones/{id}` for kind and settings, the SOA rrset for `ttl`; returns the zone as it is now. */
export async function updateZone(
  ctx: PowerDnsContext,
  ref: ZoneRef,
  options: UpdateZoneOptions<PowerDnsUpdateZoneEx>,
): Promise<Zone<PowerDnsZoneExtra>> {
  throwIfAborted(options?.signal);
  const ex = checkExKeys(options.ex, UPDATE_ZONE_EX_KEYS, { method: 'updateZone', provider: P });
  const id = zoneIdOf(ref, 'updateZone');
  const ttl = options.ttl === undefined ? undefined : checkTtl(options.ttl, 'zone ttl');
  const settings = zoneSettings(ex);
  const kind = kindFor(options.type, ex);
  if (kind !== undefined) settings.kind = kind;
  if (Object.keys(settings).length > 0)
    await ctx.client.request({
      method: 'PUT',
      path: ctx.client.path('zones', id),
      json: settings,
      responseType: 'text',
      signal: options.signal,
    });
  if (ttl !== undefined) {
    const z = await fetchZone(ctx, id, { name: id.includes('=') ? undefined : id, type: 'SOA' }, options.signal);
    await setSoaTtl(ctx, id, z, ttl, options.signal);
  }
  return getZone(ctx, id, { signal: options.signal });
}

/** `DELETE /zones/{id}`: the zone and all its records. */
export async function deleteZone(ctx: PowerDnsContext, ref: ZoneRef, options: CallOptions = {}): Promise<boolean> {
  const id = zoneIdOf(ref, 'deleteZone');
  await ctx.client.request({ method: 'DELETE', path: ctx.client.path('zones', id), responseType: 'text', signal: options.signal });
  return true;
}
