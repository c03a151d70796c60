/**
 * Records of a domain: list (all pages), get, create, update, delete; writes wait for their job.
 * @module
 */
import { assertKnownOptions, checkExKeys, requireId, throwIfAborted, type CallOptions } from '@cloudmux/core';
import type { CreateRecordOptions, DnsRecord, GetRecordOptions, RecordType, UpdateRecordOptions, Zone, ZoneRef } from '@cloudmux/core/dns';
import { InvalidArgumentError, MalformedResponseError } from '@cloudmux/core/errors';
import type { RackspaceDnsContext } from './context.js';
import { wireName } from './names.js';
import { checkComment, checkTtl, P, RECORD_EX_KEYS, type RackspaceJobCallOptions, type RackspaceRecordEx } from './options.js';
import { checkRecordType, toWireData } from './record-data.js';
import { toRecord, type RackspaceRecordExtra } from './to-record.js';
import type { RaxRecord, RaxRecordInput } from './wire.js';
import { domainPath, getZone, zoneIdOf } from './zones.js';

const RECORD_OPTIONS: readonly string[] = ['name', 'type', 'data', 'ttl', 'priority', 'ex', 'signal', 'timeoutMs'];

/** The zone object records carry: the caller's, else read once. */
async function zoneObject(ctx: RackspaceDnsContext, ref: ZoneRef, method: string, signal?: AbortSignal): Promise<Zone> {
  if (typeof ref === 'object' && ref !== null) {
    zoneIdOf(ref, method);
    return ref;
  }
  return getZone(ctx, zoneIdOf(ref, method), { signal });
}

function zoneName(zone: Zone): string {
  return zone.domain.replace(/\.$/, '').toLowerCase();
}

function recordPath(zoneId: string, recordId: string): string {
  return `${domainPath(zoneId)}/records/${encodeURIComponent(recordId)}`;
}

function recordIdOf(id: unknown, method: string): string {
  return requireId(id, 'id', { method, provider: P, what: 'record id' });
}

/** The wire body of a new record, checked. */
export function recordInput(
  zone: Zone,
  options: CreateRecordOptions<RackspaceRecordEx> & RackspaceJobCallOptions,
  method: string,
): RaxRecordInput {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`${method}: options must be an object`, { provider: P });
  assertKnownOptions(method, options, RECORD_OPTIONS);
  const ex = checkExKeys(options.ex, RECORD_EX_KEYS, { method, provider: P });
  const type = checkRecordType(options.type, method);
  const z = zoneName(zone);
  const { data, priority } = toWireData(type, options.data, options.priority, z, method);
  const comment = checkComment(ex?.comment, method);
  return {
    name: wireName(options.name, z, method),
    type,
    data,
    ...(options.ttl !== undefined ? { ttl: checkTtl(options.ttl, 'record ttl') } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(comment !== undefined ? { comment } : {}),
  };
}

/** Every record of a domain, all pages (`limit`/`offset`, `links`). */
export async function* iterateRecords(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  options: CallOptions = {},
): AsyncIterable<DnsRecord<RackspaceRecordExtra>> {
  throwIfAborted(options.signal);
  const zone = await zoneObject(ctx, ref, 'listRecords', options.signal);
  const path = `${domainPath(zone.id)}/records`;
  for await (const r of ctx.client.list<RaxRecord>(path, 'records', {}, 'listRecords', options.signal)) yield toRecord(r, zone, ctx.driver);
}

/** A record by id (`A-1234`). */
export async function getRecord(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  options: GetRecordOptions,
): Promise<DnsRecord<RackspaceRecordExtra>> {
  throwIfAborted(options?.signal);
  assertKnownOptions('getRecord', options, ['id', 'signal']);
  const id = recordIdOf(options.id, 'getRecord');
  const zone = await zoneObject(ctx, ref, 'getRecord', options.signal);
  const r = await ctx.client.get<RaxRecord>(recordPath(zone.id, id), undefined, 'getRecord', options.signal);
  return toRecord(r, zone, ctx.driver);
}

function recordsOf(response: unknown, action: string, n: number): RaxRecord[] {
  const records = (response as { records?: RaxRecord[] } | undefined)?.records;
  if (!Array.isArray(records) || records.length !== n)
    throw new MalformedResponseError(
      `${P}: ${action} job completed without the ${n} new record(s)`,
      JSON.stringify(response ?? null).slice(0, 200),
      {
        provider: P,
      },
    );
  return records;
}

/** Creates records in one job (`POST /domains/{id}/records`, at most 100 at a time by this driver). */
export async function createRecords(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  inputs: readonly (CreateRecordOptions<RackspaceRecordEx> & RackspaceJobCallOptions)[],
  options: RackspaceJobCallOptions,
  method: string,
): Promise<DnsRecord<RackspaceRecordExtra>[]> {
  throwIfAborted(options.signal);
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new InvalidArgumentError(`${method}: expected a non-empty array of records`, { provider: P });
  const zone = await zoneObject(ctx, ref, method, options.signal);
  const body = inputs.map((o) => recordInput(zone, o, method));
  const out: DnsRecord<RackspaceRecordExtra>[] = [];
  for (let i = 0; i < body.length; i += 100) {
    const chunk = body.slice(i, i + 100);
    const response = await ctx.client.job<unknown>('POST', `${domainPath(zone.id)}/records`, { records: chunk }, method, options);
    for (const r of recordsOf(response, method, chunk.length)) out.push(toRecord(r, zone, ctx.driver));
  }
  return out;
}

/** Creates one record. */
export async function createRecord(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  options: CreateRecordOptions<RackspaceRecordEx> & RackspaceJobCallOptions,
): Promise<DnsRecord<RackspaceRecordExtra>> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('createRecord: options must be an object', { provider: P });
  const [r] = await createRecords(ctx, ref, [options], options, 'createRecord');
  return r!;
}

/**
 * Changes a record. Name, data, TTL, priority and comment change in place (`PUT`, same id); Cloud DNS cannot
 * change a record's type, so a new type creates the new record, then deletes the old one (new id).
 */
export async function updateRecord(
  ctx: RackspaceDnsContext,
  record: DnsRecord,
  options: UpdateRecordOptions<RackspaceRecordEx> & RackspaceJobCallOptions,
): Promise<DnsRecord<RackspaceRecordExtra>> {
  const method = 'updateRecord';
  if (typeof record !== 'object' || record === null || typeof record.zone !== 'object')
    throw new InvalidArgumentError(`${method}: "record" must be a record returned by this driver`, { provider: P });
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`${method}: options must be an object`, { provider: P });
  throwIfAborted(options.signal);
  assertKnownOptions(method, options, RECORD_OPTIONS);
  const ex = checkExKeys(options.ex, RECORD_EX_KEYS, { method, provider: P });
  const zone = record.zone;
  const zid = zoneIdOf(zone, method);
  const rid = recordIdOf(record.id, method);
  const type = options.type === undefined ? record.type : checkRecordType(options.type, method);
  const typeChanged = type !== record.type;
  const merged = {
    name: options.name ?? record.name,
    type: type as RecordType,
    data: options.data ?? record.data,
    ttl: options.ttl ?? record.ttl,
    priority: 'priority' in options ? options.priority : typeChanged ? undefined : record.priority,
    ex: ex?.comment !== undefined ? { comment: ex.comment } : undefined,
  };
  const input = recordInput(zone, merged, method);
  if (typeChanged) {
    const [created] = await createRecords(ctx, zone, [merged], options, method);
    await ctx.client.job<unknown>('DELETE', recordPath(zid, rid), undefined, method, options);
    return created!;
  }
  const body: Record<string, unknown> = { name: input.name, data: input.data };
  if (input.ttl !== undefined) body.ttl = input.ttl;
  if (input.priority !== undefined) body.priority = input.priority;
  if (input.comment !== undefined) body.comment = input.comment;
  await ctx.client.job<unknown>('PUT', recordPath(zid, rid), body, method, options);
  return getRecord(ctx, zone, { id: rid, signal: options.signal });
}

/** Deletes a record (`DELETE /domains/{id}/records/{recordId}`). */
export async function deleteRecord(
  ctx: RackspaceDnsContext,
  record: DnsRecord,
  options: CallOptions & RackspaceJobCallOptions = {},
): Promise<boolean> {
  if (typeof record !== 'object' || record === null || typeof record.zone !== 'object')
    throw new InvalidArgumentError('deleteRecord: "record" must be a record returned by this driver', { provider: P });
  throwIfAborted(options.signal);
  const zid = zoneIdOf(record.zone, 'deleteRecord');
  const rid = recordIdOf(record.id, 'deleteRecord');
  await ctx.client.job<unknown>('DELETE', recordPath(zid, rid), undefined, 'deleteRecord', options);
  return true;
}
