/**
 * Zones (Cloud DNS domains): list, get, create, update, delete. Writes wait for their asynchronous job.
 * @module
 */
import { assertKnownOptions, checkExKeys, requireRefId, throwIfAborted, type CallOptions } from '@cloudmux/core';
import type { CreateZoneOptions, UpdateZoneOptions, Zone, ZoneRef } from '@cloudmux/core/dns';
import { InvalidArgumentError, MalformedResponseError } from '@cloudmux/core/errors';
import type { RackspaceDnsContext } from './context.js';
import { wireDomain } from './names.js';
import {
  checkComment,
  checkEmail,
  checkTtl,
  P,
  ZONE_EX_KEYS,
  type RackspaceCreateZoneEx,
  type RackspaceJobCallOptions,
  type RackspaceUpdateZoneEx,
} from './options.js';
import { toZone, type RackspaceZoneExtra } from './to-zone.js';
import type { RaxDomain } from './wire.js';

/** The domain id of a zone or id, checked. */
export function zoneIdOf(ref: ZoneRef, method: string): string {
  return requireRefId(ref, 'zone', { method, provider: P, what: 'zone id' });
}

/** `/domains/{id}`. */
export function domainPath(id: string): string {
  return `/domains/${encodeURIComponent(id)}`;
}

function noSlave(type: unknown, method: string): void {
  if (type !== undefined && type !== 'master')
    throw new InvalidArgumentError(
      `${method}: Rackspace Cloud DNS hosts primary zones only; "type" must be master, got ${JSON.stringify(type)}`,
      {
        provider: P,
      },
    );
}

/** The first domain of a job's `{ domains: [...] }` response. */
export function firstDomain(response: unknown, action: string): RaxDomain {
  const d = (response as { domains?: RaxDomain[] } | undefined)?.domains?.[0];
  if (!d || (typeof d.id !== 'number' && typeof d.id !== 'string'))
    throw new MalformedResponseError(`${P}: ${action} job completed without the domain`, JSON.stringify(response ?? null).slice(0, 200), {
      provider: P,
    });
  return d;
}

/** Every domain of the account, all pages. */
export async function* iterateZones(ctx: RackspaceDnsContext, options: CallOptions = {}): AsyncIterable<Zone<RackspaceZoneExtra>> {
  throwIfAborted(options.signal);
  for await (const d of ctx.client.list<RaxDomain>('/domains', 'domains', {}, 'listZones', options.signal)) yield toZone(d, ctx.driver);
}

/** A domain by id, without its records. */
export async function getZone(ctx: RackspaceDnsContext, id: string, options: CallOptions = {}): Promise<Zone<RackspaceZoneExtra>> {
  throwIfAborted(options.signal);
  const zid = zoneIdOf(id, 'getZone');
  const d = await ctx.client.get<RaxDomain>(domainPath(zid), { showRecords: false, showSubdomains: false }, 'getZone', options.signal);
  return toZone(d, ctx.driver);
}

/** Creates a domain (`POST /domains`); the email address defaults to `hostmaster@<domain>`. */
export async function createZone(
  ctx: RackspaceDnsContext,
  options: CreateZoneOptions<RackspaceCreateZoneEx> & RackspaceJobCallOptions,
): Promise<Zone<RackspaceZoneExtra>> {
  const method = 'createZone';
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`${method}: options must be an object`, { provider: P });
  throwIfAborted(options.signal);
  assertKnownOptions(method, options, ['domain', 'type', 'ttl', 'ex', 'signal', 'timeoutMs']);
  const ex = checkExKeys(options.ex, ZONE_EX_KEYS, { method, provider: P });
  const name = wireDomain(options.domain, method);
  noSlave(options.type, method);
  const ttl = options.ttl === undefined ? undefined : checkTtl(options.ttl, 'zone ttl');
  const emailAddress = checkEmail(ex?.emailAddress, method) ?? `hostmaster@${name}`;
  const comment = checkComment(ex?.comment, method);
  const body = { domains: [{ name, emailAddress, ...(ttl !== undefined ? { ttl } : {}), ...(comment !== undefined ? { comment } : {}) }] };
  const response = await ctx.client.job<unknown>('POST', '/domains', body, method, options);
  return toZone(firstDomain(response, method), ctx.driver);
}

/** Changes a domain's TTL, email address or comment (`PUT /domains/{id}`), then reads it back. */
export async function updateZone(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  options: UpdateZoneOptions<RackspaceUpdateZoneEx> & RackspaceJobCallOptions,
): Promise<Zone<RackspaceZoneExtra>> {
  const method = 'updateZone';
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`${method}: options must be an object`, { provider: P });
  throwIfAborted(options.signal);
  assertKnownOptions(method, options, ['type', 'ttl', 'ex', 'signal', 'timeoutMs']);
  const ex = checkExKeys(options.ex, ZONE_EX_KEYS, { method, provider: P });
  const id = zoneIdOf(ref, method);
  noSlave(options.type, method);
  const body: Record<string, unknown> = {};
  if (options.ttl !== undefined) body.ttl = checkTtl(options.ttl, 'zone ttl');
  const email = checkEmail(ex?.emailAddress, method);
  if (email !== undefined) body.emailAddress = email;
  const comment = checkComment(ex?.comment, method);
  if (comment !== undefined) body.comment = comment;
  if (Object.keys(body).length > 0) await ctx.client.job<unknown>('PUT', domainPath(id), body, method, options);
  return getZone(ctx, id, { signal: options.signal });
}

/** Deletes a domain and its records (`DELETE /domains/{id}`). */
export async function deleteZone(
  ctx: RackspaceDnsContext,
  ref: ZoneRef,
  options: CallOptions & RackspaceJobCallOptions = {},
): Promise<boolean> {
  throwIfAborted(options.signal);
  const id = zoneIdOf(ref, 'deleteZone');
  await ctx.client.job<unknown>('DELETE', domainPath(id), undefined, 'deleteZone', options);
  return true;
}
