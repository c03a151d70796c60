import { checkExKeys, type CallOptions } from '@cloudmux/core';
import type { CreateRecordOptions, DnsRecord, GetRecordOptions, UpdateRecordOptions, Zone, ZoneRef } from '@cloudmux/core/dns';
import { AlreadyExistsError, InvalidArgumentError, MalformedResponseError, NotFoundError } from '@cloudmux/core/errors';
import { maybeWait } from './changes.js';
import type { Route53Context } from './context.js';
import {
  decodeRecordId,
  fromRoute53Value,
  isRoute53RecordType,
  ROUTE53_RECORD_TYPES,
  toFqdn,
  toRoute53Value,
  type Route53RecordKey,
} from './record-data.js';
import { recordSetXml, toRecords } from './to-resources.js';
import type {
  Route53Change,
  Route53ChangeRecordsOptions,
  Route53RecordEx,
  Route53RecordExtra,
  Route53RecordSet,
  Route53Routing,
  Route53WaitOptions,
} from './types.js';
import { leaf, ROUTE53_XMLNS, toChangeInfo, type Route53ChangeInfo } from './wire.js';
import { findRecordSet } from './record-sets.js';
import { resolveZone, zoneIdOf } from './zones.js';

const ROUTING_KEYS = ['setIdentifier', 'weight', 'region', 'failover', 'geoLocation', 'multiValueAnswer', 'healthCheckId'] as const;
const RECORD_EX = [...ROUTING_KEYS, 'alias', 'waitForSync', 'pollIntervalMs', 'timeoutMs'];
const MAX_TTL = 2_147_483_647;

/** ChangeResourceRecordSets: applies `changes` atomically (all or none); waits for `INSYNC` when asked. */
export async function changeRecordSets(
  ctx: Route53Context,
  zone: ZoneRef,
  changes: readonly Route53Change[],
  options: Route53ChangeRecordsOptions = {},
): Promise<Route53ChangeInfo> {
  const zoneId = zoneIdOf(zone, 'exChangeRecords');
  if (!Array.isArray(changes) || changes.length === 0)
    throw new InvalidArgumentError('exChangeRecords: "changes" must be a non-empty array');
  const domain = typeof zone === 'string' ? undefined : zone.domain;
  const xml = changes
    .map((c) => {
      if (c.action !== 'CREATE' && c.action !== 'DELETE' && c.action !== 'UPSERT') {
        throw new InvalidArgumentError(
          `exChangeRecords: invalid action ${JSON.stringify(c.action)}. Valid actions: CREATE, DELETE, UPSERT`,
        );
      }
      const s = c.recordSet;
      const name = domain !== undefined ? toFqdn(s.name, domain) : s.name;
      return `<Change>${leaf('Action', c.action)}${recordSetXml({ ...s, name })}</Change>`;
    })
    .join('');
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<ChangeResourceRecordSetsRequest xmlns="${ROUTE53_XMLNS}"><ChangeBatch>` +
    leaf('Comment', options.comment) +
    `<Changes>${xml}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
  const res = await ctx.client.call({
    action: 'ChangeResourceRecordSets',
    method: 'POST',
    path: `hostedzone/${zoneId}/rrset/`,
    body,
    signal: options.signal,
  });
  const info = toChangeInfo(typeof res.ChangeInfo === 'object' && !Array.isArray(res.ChangeInfo) ? res.ChangeInfo : undefined);
  if (info === undefined)
    throw new MalformedResponseError('route53: ChangeResourceRecordSets returned no ChangeInfo', '', { provider: 'route53' });
  return (await maybeWait(ctx, info, options)) ?? info;
}

function routingOf(src: Route53Routing): Route53Routing {
  const out: Route53Routing = {};
  for (const k of ROUTING_KEYS) if (src[k] !== undefined) (out as Record<string, unknown>)[k] = src[k];
  return out;
}

function checkTtl(ttl: unknown): number | undefined {
  if (ttl === undefined) return undefined;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) {
    throw new InvalidArgumentError(`Invalid record ttl ${JSON.stringify(ttl)}: expected an integer from 0 to ${MAX_TTL}`, {
      provider: 'route53',
    });
  }
  return ttl;
}

function checkType(type: unknown): string {
  if (!isRoute53RecordType(type)) {
    throw new InvalidArgumentError(`Unsupported record type ${JSON.stringify(type)}. Valid types: ${ROUTE53_RECORD_TYPES.join(', ')}`, {
      provider: 'route53',
    });
  }
  return type;
}

function checkName(name: unknown): string {
  if (name === '@') return '';
  if (typeof name !== 'string' || (name !== '' && !/^(\*|[A-Za-z0-9_-]{1,63})(\.[A-Za-z0-9_-]{1,63})*$/.test(name))) {
    throw new InvalidArgumentError(`Invalid record name ${JSON.stringify(name)}: expected a name relative to the zone ("" for the apex)`, {
      provider: 'route53',
    });
  }
  return name.toLowerCase();
}

/** The one value a record stands for (an alias record: its target DNS name). */
function valueFor(type: string, data: string, priority: number | undefined, alias: boolean): string {
  if (alias) {
    if (typeof data !== 'string' || data === '') throw new InvalidArgumentError('An alias record needs the target DNS name as "data"');
    return data;
  }
  return toRoute53Value(type, data, priority);
}

function recordOf(set: Route53RecordSet, value: string, zone: Zone, ctx: Route53Context, changeId: string): DnsRecord<Route53RecordExtra> {
  const rec = toRecords(set, zone, ctx.driver, changeId).find((r) => decodeRecordId(r.id)?.value === value);
  if (rec === undefined) throw new NotFoundError(`Route 53 record ${set.type} ${set.name} ${value} is not in its set after the change`);
  return rec;
}

/** The set after adding `value` to `existing` (or a new set), with the changes that write it. */
function addValue(
  fqdn: string,
  type: string,
  value: string,
  existing: Route53RecordSet | undefined,
  spec: { ttl: number | undefined; routing: Route53Routing; alias: Route53RecordEx['alias']; defaultTtl: number },
): { set: Route53RecordSet; changes: Route53Change[] } {
  if (spec.alias) {
    if (existing)
      throw new AlreadyExistsError(`Route 53 record set ${type} ${fqdn} already exists; an alias set cannot share it`, {
        provider: 'route53',
      });
    if (spec.ttl !== undefined)
      throw new InvalidArgumentError("An alias record has no TTL (Route 53 uses the target's)", { provider: 'route53' });
    const set: Route53RecordSet = {
      name: fqdn,
      type: type as Route53RecordSet['type'],
      ...spec.routing,
      alias: { hostedZoneId: spec.alias.hostedZoneId, dnsName: value, evaluateTargetHealth: spec.alias.evaluateTargetHealth ?? false },
    };
    return { set, changes: [{ action: 'CREATE', recordSet: set }] };
  }
  if (existing === undefined) {
    const set: Route53RecordSet = {
      name: fqdn,
      type: type as Route53RecordSet['type'],
      ...spec.routing,
      ttl: spec.ttl ?? spec.defaultTtl,
      values: [value],
    };
    return { set, changes: [{ action: 'CREATE', recordSet: set }] };
  }
  if (existing.alias) throw new AlreadyExistsError(`Route 53 alias record set ${type} ${fqdn} already exists`, { provider: 'route53' });
  if (type === 'CNAME' || type === 'SOA') {
    throw new AlreadyExistsError(
      `Route 53 record set ${type} ${fqdn} already exists and holds exactly one value; update that record instead`,
      {
        provider: 'route53',
      },
    );
  }
  if ((existing.values ?? []).includes(value)) {
    throw new AlreadyExistsError(`Route 53 record ${type} ${fqdn} ${value} already exists`, { provider: 'route53' });
  }
  const set: Route53RecordSet = {
    ...existing,
    ...spec.routing,
    ttl: spec.ttl ?? existing.ttl,
    values: [...(existing.values ?? []), value],
  };
  return {
    set,
    changes: [
      { action: 'DELETE', recordSet: existing },
      { action: 'CREATE', recordSet: set },
    ],
  };
}

/** Creates a record: a new set, or one more value of an existing set (DELETE + CREATE of that set in one atomic batch). */
export async function createRecord(
  ctx: Route53Context,
  zone: ZoneRef,
  options: CreateRecordOptions<Route53RecordEx>,
): Promise<DnsRecord<Route53RecordExtra>> {
  const ex = checkExKeys(options.ex, RECORD_EX, { method: 'createRecord', provider: 'route53' }) ?? {};
  const type = checkType(options.type);
  const name = checkName(options.name);
  const ttl = checkTtl(options.ttl);
  const value = valueFor(type, options.data, options.priority, ex.alias !== undefined);
  const z = await resolveZone(ctx, zone, 'createRecord', options.signal);
  const fqdn = toFqdn(name, z.domain);
  const routing = routingOf(ex);
  const existing = await findRecordSet(ctx, z.id, { fqdn, type, setIdentifier: routing.setIdentifier }, options.signal);
  const { set, changes } = addValue(fqdn, type, value, existing, { ttl, routing, alias: ex.alias, defaultTtl: ctx.settings.defaultTtl });
  const info = await changeRecordSets(ctx, z, changes, { ...ex, signal: options.signal });
  return recordOf(set, value, z, ctx, info.id);
}

/** The record's set and value as they are now; `NotFoundError` when either is gone. */
async function currentOf(
  ctx: Route53Context,
  record: DnsRecord,
  method: string,
  signal?: AbortSignal,
): Promise<{ key: Route53RecordKey; set: Route53RecordSet; zone: Zone }> {
  const key = typeof record?.id === 'string' ? decodeRecordId(record.id) : undefined;
  if (key === undefined) {
    throw new InvalidArgumentError(
      `${method}: "record.id" must be a Route 53 record id (TYPE:name:value), got ${JSON.stringify(record?.id)}`,
      {
        provider: 'route53',
      },
    );
  }
  const zone = await resolveZone(ctx, record.zone, method, signal);
  const fqdn = toFqdn(key.name, zone.domain);
  const set = await findRecordSet(ctx, zone.id, { fqdn, type: key.type, setIdentifier: key.setIdentifier }, signal);
  const has = set !== undefined && (set.alias ? set.alias.dnsName === key.value : (set.values ?? []).includes(key.value));
  if (!has || set === undefined)
    throw new NotFoundError(`Route 53 record ${key.type} ${fqdn} ${key.value} not found in zone ${zone.id}`, { provider: 'route53' });
  return { key, set, zone };
}

/** The changes that take `value` out of `set` (DELETE, then CREATE of the rest when any is left). */
function removeValue(set: Route53RecordSet, value: string): Route53Change[] {
  const rest = (set.values ?? []).filter((v) => v !== value);
  const out: Route53Change[] = [{ action: 'DELETE', recordSet: set }];
  if (!set.alias && rest.length > 0) out.push({ action: 'CREATE', recordSet: { ...set, values: rest } });
  return out;
}

/** A record by id: one ListResourceRecordSets call starting at its set. */
export async function getRecord(ctx: Route53Context, zone: ZoneRef, options: GetRecordOptions): Promise<DnsRecord<Route53RecordExtra>> {
  const id = options?.id;
  const key = typeof id === 'string' ? decodeRecordId(id) : undefined;
  const z = await resolveZone(ctx, zone, 'getRecord', options?.signal);
  if (key === undefined)
    throw new NotFoundError(`Route 53 record ${JSON.stringify(id)} not found in zone ${z.id} (not a Route 53 record id)`, {
      provider: 'route53',
    });
  const set = await findRecordSet(
    ctx,
    z.id,
    { fqdn: toFqdn(key.name, z.domain), type: key.type, setIdentifier: key.setIdentifier },
    options.signal,
  );
  const rec = set && toRecords(set, z, ctx.driver).find((r) => r.id === id);
  if (rec === undefined) throw new NotFoundError(`Route 53 record ${id as string} not found in zone ${z.id}`, { provider: 'route53' });
  return rec;
}

/**
 * Updates one value of a set in one atomic batch: the same name and type rewrite the set with the new
 * value; a new name or type also moves the value to its new set. `ttl` and `ex` routing fields apply to the whole set.
 */
export async function updateRecord(
  ctx: Route53Context,
  record: DnsRecord,
  options: UpdateRecordOptions<Route53RecordEx>,
): Promise<DnsRecord<Route53RecordExtra>> {
  const ex = checkExKeys(options.ex, RECORD_EX, { method: 'updateRecord', provider: 'route53' }) ?? {};
  const { key, set, zone } = await currentOf(ctx, record, 'updateRecord', options.signal);
  const type = options.type === undefined ? key.type : checkType(options.type);
  const name = options.name === undefined ? key.name : checkName(options.name);
  const ttl = checkTtl(options.ttl);
  const old = set.alias ? { data: key.value, priority: undefined } : fromRoute53Value(key.type, key.value);
  const priority = 'priority' in options ? options.priority : type === key.type ? old.priority : undefined;
  const alias =
    ex.alias ??
    (set.alias && type === key.type
      ? { hostedZoneId: set.alias.hostedZoneId, evaluateTargetHealth: set.alias.evaluateTargetHealth }
      : undefined);
  if (ex.alias !== undefined && !set.alias && type === key.type && name === key.name) {
    throw new InvalidArgumentError(
      'updateRecord: a value of a plain record set cannot become an alias; delete it and create the alias record',
      {
        provider: 'route53',
      },
    );
  }
  if (alias !== undefined && ttl !== undefined) {
    throw new InvalidArgumentError("updateRecord: an alias record has no TTL (Route 53 uses the target's)", { provider: 'route53' });
  }
  const value = valueFor(type, options.data ?? old.data, priority, alias !== undefined);
  const routing = { ...routingOf(set), ...routingOf(ex) };
  const fqdn = toFqdn(name, zone.domain);
  let changes: Route53Change[];
  let newSet: Route53RecordSet;
  if (type === key.type && name === key.name && routing.setIdentifier === key.setIdentifier) {
    if (value !== key.value && (set.values ?? []).includes(value))
      throw new AlreadyExistsError(`Route 53 record ${type} ${fqdn} ${value} already exists`, { provider: 'route53' });
    newSet = set.alias
      ? {
          ...set,
          ...routing,
          alias: {
            hostedZoneId: alias?.hostedZoneId ?? set.alias.hostedZoneId,
            dnsName: value,
            evaluateTargetHealth: alias?.evaluateTargetHealth ?? false,
          },
        }
      : { ...set, ...routing, ttl: ttl ?? set.ttl, values: (set.values ?? []).map((v) => (v === key.value ? value : v)) };
    changes = [
      { action: 'DELETE', recordSet: set },
      { action: 'CREATE', recordSet: newSet },
    ];
  } else {
    const target = await findRecordSet(ctx, zone.id, { fqdn, type, setIdentifier: routing.setIdentifier }, options.signal);
    const added = addValue(fqdn, type, value, target, { ttl: ttl ?? set.ttl, routing, alias, defaultTtl: ctx.settings.defaultTtl });
    newSet = added.set;
    changes = [...removeValue(set, key.value), ...added.changes];
  }
  const info = await changeRecordSets(ctx, zone, changes, { ...ex, signal: options.signal });
  return recordOf(newSet, value, zone, ctx, info.id);
}

/** Deletes one value: the whole set when it is the last, else DELETE + CREATE of the set without it (one batch). */
export async function deleteRecord(
  ctx: Route53Context,
  record: DnsRecord,
  options: CallOptions & { ex?: Omit<Route53WaitOptions, 'signal'> | undefined } = {},
): Promise<boolean> {
  const ex = checkExKeys(options.ex, ['waitForSync', 'pollIntervalMs', 'timeoutMs'], { method: 'deleteRecord', provider: 'route53' }) ?? {};
  const { key, set, zone } = await currentOf(ctx, record, 'deleteRecord', options.signal);
  await changeRecordSets(ctx, zone, removeValue(set, key.value), { ...ex, signal: options.signal });
  return true;
}
