import { assertKnownOptions, checkExKeys, throwIfAborted, type CallOptions } from '@cloudmux/core';
import {
  RecordType,
  type CreateRecordOptions,
  type DnsRecord,
  type GetRecordOptions,
  type UpdateRecordOptions,
  type Zone,
  type ZoneRef,
} from '@cloudmux/core/dns';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import type { PowerDnsContext } from './context.js';
import { ownerFqdn } from './names.js';
import { checkTtl, RECORD_EX_KEYS, type PowerDnsRecordEx } from './options.js';
import { decodeRecordId } from './record-id.js';
import { isPortableType, toContent, toRecord, toRecords, type PowerDnsRecordExtra } from './to-record.js';
import { toZone } from './to-zone.js';
import { fetchZone, patchRRsets, zoneIdOf } from './zones.js';
import type { PdnsRecord, PdnsRRset, PdnsRRsetChange, PdnsZone } from './wire.js';

const P = 'powerdns';
const RECORD_OPTIONS: readonly string[] = ['name', 'type', 'data', 'ttl', 'priority', 'ex', 'signal'];

function notFound(what: string): NotFoundError {
  return new NotFoundError(`PowerDNS: ${what} not found`, { provider: P, status: 404 });
}

/** The zone object records carry: the caller's `Zone`, else one made from the reply. */
function zoneObject(ctx: PowerDnsContext, ref: ZoneRef, wire: PdnsZone): Zone {
  return typeof ref === 'object' && ref !== null ? ref : toZone(wire, ctx.driver);
}

/** The rrset `name`/`type` of a zone (empty one when absent) and the zone reply. */
async function readRRset(
  ctx: PowerDnsContext,
  zoneId: string,
  name: string,
  type: string,
  signal?: AbortSignal,
): Promise<{ zone: PdnsZone; rrset: PdnsRRset | undefined }> {
  const zone = await fetchZone(ctx, zoneId, { name, type }, signal);
  return { zone, rrset: zone.rrsets?.find((r) => r.type === type && r.name.toLowerCase() === name.toLowerCase()) };
}

/** The change that leaves an rrset with `records`: REPLACE, or DELETE when none remain. */
function rrsetChange(name: string, type: string, ttl: number, records: PdnsRecord[]): PdnsRRsetChange {
  return records.length === 0 ? { name, type, changetype: 'DELETE' } : { name, type, ttl, changetype: 'REPLACE', records };
}

/** Every portable record of a zone (types cloudmux has no `RecordType` for, such as DNSSEC ones, are left out). */
export async function* iterateRecords(
  ctx: PowerDnsContext,
  ref: ZoneRef,
  options: CallOptions = {},
): AsyncIterable<DnsRecord<PowerDnsRecordExtra>> {
  const id = zoneIdOf(ref, 'listRecords');
  const wire = await fetchZone(ctx, id, {}, options.signal);
  const zone = zoneObject(ctx, ref, wire);
  yield* toRecords(wire.rrsets ?? [], zone, wire.name, ctx.driver);
}

/** Every rrset of a zone as PowerDNS sends it, all types included. */
export async function listRRsets(ctx: PowerDnsContext, ref: ZoneRef, options: CallOptions = {}): Promise<PdnsRRset[]> {
  return (await fetchZone(ctx, zoneIdOf(ref, 'exListRRsets'), {}, options.signal)).rrsets ?? [];
}

/** One record by the id this driver gave it. */
export async function getRecord(ctx: PowerDnsContext, ref: ZoneRef, options: GetRecordOptions): Promise<DnsRecord<PowerDnsRecordExtra>> {
  throwIfAborted(options?.signal);
  assertKnownOptions('getRecord', options, ['id', 'signal']);
  const id = zoneIdOf(ref, 'getRecord');
  const key = decodeRecordId(options?.id);
  const { zone, rrset } = await readRRset(ctx, id, key.name, key.type, options.signal);
  const rec = rrset?.records.find((r) => r.content === key.content);
  if (!rrset || !rec || !isPortableType(rrset.type)) throw notFound(`record ${key.name} ${key.type} ${JSON.stringify(key.content)}`);
  return toRecord(rrset, rec, zoneObject(ctx, ref, zone), zone.name, ctx.driver);
}

/** The new value of an rrset after a write: the content that was not there before (PowerDNS may normalise it). */
function findWritten(after: PdnsRRset | undefined, before: readonly PdnsRecord[], content: string): PdnsRecord | undefined {
  if (!after) return undefined;
  return after.records.find((r) => r.content === content) ?? after.records.find((r) => !before.some((b) => b.content === r.content));
}

async function zoneTtl(ctx: PowerDnsContext, ref: ZoneRef, zoneId: string, zoneName: string, signal?: AbortSignal): Promise<number> {
  if (typeof ref === 'object' && ref !== null && typeof ref.ttl === 'number') return ref.ttl;
  const soa = (await fetchZone(ctx, zoneId, { name: zoneName, type: 'SOA' }, signal)).rrsets?.find((r) => r.type === 'SOA');
  return soa?.ttl ?? ctx.settings.defaultTtl;
}

function checkRecordOptions(
  method: string,
  options: CreateRecordOptions<PowerDnsRecordEx> | UpdateRecordOptions<PowerDnsRecordEx>,
): PowerDnsRecordEx | undefined {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`${method}: options must be an object`, { provider: P });
  assertKnownOptions(method, options, RECORD_OPTIONS);
  const ex = checkExKeys(options.ex as PowerDnsRecordEx | undefined, RECORD_EX_KEYS, { method, provider: P });
  if (ex?.disabled !== undefined && typeof ex.disabled !== 'boolean')
    throw new InvalidArgumentError(`${method}: ex.disabled must be a boolean`, { provider: P });
  if (options.ttl !== undefined) checkTtl(options.ttl, 'record ttl');
  if ((options.type !== undefined || method === 'createRecord') && !isPortableType(String(options.type)))
    throw new InvalidArgumentError(
      `Invalid record type ${JSON.stringify(options.type)}. Valid types: ${Object.values(RecordType).join(', ')}`,
      {
        provider: P,
      },
    );
  return ex;
}

/**
 * Adds one value to the rrset of `name`/`type` (PATCH REPLACE with the rrset's other values
 * kept). An rrset has one TTL: `ttl` (else the rrset's, else the zone's) applies to all its values.
 */
export async function createRecord(
  ctx: PowerDnsContext,
  ref: ZoneRef,
  options: CreateRecordOptions<PowerDnsRecordEx>,
): Promise<DnsRecord<PowerDnsRecordExtra>> {
  throwIfAborted(options?.signal);
  const ex = checkRecordOptions('createRecord', options);
  const zoneId = zoneIdOf(ref, 'createRecord');
  const zoneName = typeof ref === 'object' && ref !== null ? `${ref.domain.replace(/\.$/, '')}.`.toLowerCase() : zoneId;
  const type = options.type as RecordType;
  const name = ownerFqdn(options.name, zoneName);
  const content = toContent(type, options.data, options.priority, zoneName);
  const { zone, rrset } = await readRRset(ctx, zoneId, name, type, options.signal);
  const before = rrset?.records ?? [];
  if (before.some((r) => r.content === content))
    throw new AlreadyExistsError(`PowerDNS: ${type} record ${name} ${JSON.stringify(content)} already exists`, {
      provider: P,
      status: 409,
    });
  const ttl = options.ttl ?? rrset?.ttl ?? (await zoneTtl(ctx, ref, zoneId, zone.name, options.signal));
  await patchRRsets(ctx, zoneId, [rrsetChange(name, type, ttl, [...before, { content, disabled: ex?.disabled ?? false }])], options.signal);
  const after = await readRRset(ctx, zoneId, name, type, options.signal);
  const written = findWritten(after.rrset, before, content) ?? { content, disabled: ex?.disabled ?? false };
  return toRecord(
    after.rrset ?? { name, type, ttl, records: [written] },
    written,
    zoneObject(ctx, ref, after.zone),
    after.zone.name,
    ctx.driver,
  );
}

/**
 * Changes one value: in place when name and type stay (one PATCH REPLACE), else removed from its
 * rrset and added to the new one in one atomic PATCH. The id changes with the content.
 */
export async function updateRecord(
  ctx: PowerDnsContext,
  record: DnsRecord,
  options: UpdateRecordOptions<PowerDnsRecordEx>,
): Promise<DnsRecord<PowerDnsRecordExtra>> {
  throwIfAborted(options?.signal);
  const ex = checkRecordOptions('updateRecord', options);
  if (typeof record !== 'object' || record === null)
    throw new InvalidArgumentError('updateRecord: "record" must be a record returned by this driver', { provider: P });
  const key = decodeRecordId(record.id);
  const zoneRef = record.zone;
  const zoneId = zoneIdOf(zoneRef, 'updateRecord');
  const zoneName = `${zoneRef.domain.replace(/\.$/, '')}.`.toLowerCase();
  const old = await readRRset(ctx, zoneId, key.name, key.type, options.signal);
  const current = old.rrset?.records.find((r) => r.content === key.content);
  if (!old.rrset || !current) throw notFound(`record ${key.name} ${key.type} ${JSON.stringify(key.content)}`);
  const type = (options.type ?? key.type) as RecordType;
  const name = options.name === undefined ? key.name : ownerFqdn(options.name, zoneName);
  const typeChanged = type !== key.type;
  const portable = { data: record.data, priority: record.priority };
  const data = options.data ?? portable.data;
  const priority = 'priority' in options ? options.priority : typeChanged ? undefined : portable.priority;
  const content = toContent(type, data, priority, zoneName);
  const updated: PdnsRecord = { content, disabled: ex?.disabled ?? current.disabled };
  const sameRRset = name.toLowerCase() === key.name.toLowerCase() && type === key.type;
  let before: PdnsRecord[];
  if (sameRRset) {
    before = old.rrset.records.filter((r) => r !== current);
    if (before.some((r) => r.content === content))
      throw new AlreadyExistsError(`PowerDNS: ${type} record ${name} ${JSON.stringify(content)} already exists`, {
        provider: P,
        status: 409,
      });
    const records = old.rrset.records.map((r) => (r === current ? updated : r));
    await patchRRsets(ctx, zoneId, [rrsetChange(name, type, options.ttl ?? old.rrset.ttl, records)], options.signal);
  } else {
    const target = await readRRset(ctx, zoneId, name, type, options.signal);
    before = target.rrset?.records ?? [];
    if (before.some((r) => r.content === content))
      throw new AlreadyExistsError(`PowerDNS: ${type} record ${name} ${JSON.stringify(content)} already exists`, {
        provider: P,
        status: 409,
      });
    const ttl = options.ttl ?? target.rrset?.ttl ?? old.rrset.ttl;
    await patchRRsets(
      ctx,
      zoneId,
      [
        rrsetChange(
          old.rrset.name,
          key.type,
          old.rrset.ttl,
          old.rrset.records.filter((r) => r !== current),
        ),
        rrsetChange(name, type, ttl, [...before, updated]),
      ],
      options.signal,
    );
  }
  const after = await readRRset(ctx, zoneId, name, type, options.signal);
  const written = findWritten(after.rrset, before, content) ?? updated;
  return toRecord(
    after.rrset ?? { name, type, ttl: options.ttl ?? old.rrset.ttl, records: [written] },
    written,
    zoneRef,
    after.zone.name,
    ctx.driver,
  );
}

/** Removes one value from its rrset (DELETE when it was the last). */
export async function deleteRecord(ctx: PowerDnsContext, record: DnsRecord, options: CallOptions = {}): Promise<boolean> {
  throwIfAborted(options.signal);
  if (typeof record !== 'object' || record === null)
    throw new InvalidArgumentError('deleteRecord: "record" must be a record returned by this driver', { provider: P });
  const key = decodeRecordId(record.id);
  const zoneId = zoneIdOf(record.zone, 'deleteRecord');
  const { rrset } = await readRRset(ctx, zoneId, key.name, key.type, options.signal);
  const current = rrset?.records.find((r) => r.content === key.content);
  if (!rrset || !current) throw notFound(`record ${key.name} ${key.type} ${JSON.stringify(key.content)}`);
  await patchRRsets(
    ctx,
    zoneId,
    [
      rrsetChange(
        rrset.name,
        rrset.type,
        rrset.ttl,
        rrset.records.filter((r) => r !== current),
      ),
    ],
    options.signal,
  );
  return true;
}
