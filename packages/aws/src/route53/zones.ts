import { randomUUID } from 'node:crypto';
import { checkExKeys, throwIfAborted, type CallOptions } from '@cloudmux/core';
import type { CreateZoneOptions, Zone, ZoneRef } from '@cloudmux/core/dns';
import { AlreadyExistsError, InvalidArgumentError, MalformedResponseError } from '@cloudmux/core/errors';
import type { XmlObject } from '../xml/index.js';
import { maybeWait } from './changes.js';
import type { Route53Context } from './context.js';
import { toZone } from './to-resources.js';
import type { Route53CreateZoneEx, Route53WaitOptions, Route53ZoneExtra } from './types.js';
import { bareId, childText, leaf, members, ROUTE53_XMLNS, single, toChangeInfo } from './wire.js';

/** `maxitems` of ListHostedZones pages (Route 53's largest). */
const ZONE_PAGE = 100;

/** A hosted zone id from a zone or an id string (`Z1D633PJN98FT9` or `/hostedzone/Z1D633PJN98FT9`). */
export function zoneIdOf(ref: ZoneRef, method: string): string {
  const raw = typeof ref === 'string' ? ref : (ref as { id?: unknown } | undefined)?.id;
  const id = typeof raw === 'string' ? bareId(raw) : '';
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) {
    throw new InvalidArgumentError(`${method}: "zone" must be a hosted zone or its id such as Z1D633PJN98FT9, got ${JSON.stringify(raw)}`, {
      provider: 'route53',
    });
  }
  return id;
}

/** An answer without what the operation must return. */
export function malformed(message: string): MalformedResponseError {
  return new MalformedResponseError(`route53: ${message}`, '', { provider: 'route53' });
}

function obj(v: unknown): XmlObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlObject) : undefined;
}

/** ListHostedZones, every page (`marker`/`NextMarker` while `IsTruncated`). */
export async function* iterateZones(ctx: Route53Context, options: CallOptions = {}): AsyncGenerator<Zone<Route53ZoneExtra>> {
  let marker: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    throwIfAborted(options.signal);
    const res = await ctx.client.call({
      action: 'ListHostedZones',
      method: 'GET',
      path: 'hostedzone',
      query: { marker, maxitems: ZONE_PAGE },
      idempotent: true,
      signal: options.signal,
    });
    for (const hz of members(res.HostedZones, 'HostedZone')) yield toZone(hz, ctx.driver);
    if (childText(res, 'IsTruncated') !== 'true') return;
    marker = childText(res, 'NextMarker');
    if (marker === undefined || seen.has(marker)) throw malformed('ListHostedZones returned a truncated page without a new NextMarker');
    seen.add(marker);
  }
}

/** GetHostedZone (with its name servers and, for a private zone, its VPCs). */
export async function getZone(ctx: Route53Context, id: string, options: CallOptions = {}): Promise<Zone<Route53ZoneExtra>> {
  const res = await ctx.client.call({
    action: 'GetHostedZone',
    method: 'GET',
    path: `hostedzone/${zoneIdOf(id, 'getZone')}`,
    idempotent: true,
    signal: options.signal,
  });
  const hz = single(res, 'HostedZone');
  if (hz === undefined) throw malformed('GetHostedZone returned no HostedZone');
  return toZone(hz, ctx.driver, { delegationSet: obj(res.DelegationSet), vpcs: members(res.VPCs, 'VPC') });
}

const CREATE_EX = [
  'callerReference',
  'comment',
  'vpc',
  'delegationSetId',
  'allowDuplicateDomain',
  'waitForSync',
  'pollIntervalMs',
  'timeoutMs',
];
let ttlWarned = false;

/**
 * Route 53 lets several public zones share a domain (for migrations); the portable `createZone` refuses
 * a domain that already has a public zone (`AlreadyExistsError`), as other providers do, unless
 * `ex.allowDuplicateDomain`. One ListHostedZonesByName call; a concurrent create can still slip past it.
 */
async function refuseDuplicate(ctx: Route53Context, domain: string, signal: AbortSignal | undefined): Promise<void> {
  const res = await ctx.client.call({
    action: 'ListHostedZonesByName',
    method: 'GET',
    path: 'hostedzonesbyname',
    query: { dnsname: domain, maxitems: 100 },
    idempotent: true,
    signal,
  });
  const taken = members(res.HostedZones, 'HostedZone')
    .map((hz) => toZone(hz, ctx.driver))
    .find((z) => z.domain === domain.toLowerCase() && !z.extra.privateZone);
  if (taken !== undefined) {
    throw new AlreadyExistsError(
      `route53: a public hosted zone for ${domain} already exists (${taken.id}); pass ex.allowDuplicateDomain to create another`,
      {
        provider: 'route53',
        providerCode: 'HostedZoneAlreadyExists',
      },
    );
  }
}

/** CreateHostedZone: public, or private with `ex.vpc`; `ex.callerReference` makes retries idempotent. */
export async function createZone(
  ctx: Route53Context,
  options: CreateZoneOptions<Route53CreateZoneEx & Route53WaitOptions>,
): Promise<Zone<Route53ZoneExtra>> {
  const where = { method: 'createZone', provider: 'route53' };
  const ex = checkExKeys(options.ex, CREATE_EX, where) ?? {};
  const domain = typeof options.domain === 'string' ? options.domain.replace(/\.$/, '') : '';
  if (!/^([A-Za-z0-9_*-]{1,63}\.)+[A-Za-z0-9-]{1,63}$/.test(domain)) {
    throw new InvalidArgumentError(
      `createZone: "domain" must be a domain name such as example.com, got ${JSON.stringify(options.domain)}`,
      {
        provider: 'route53',
      },
    );
  }
  if (options.type !== undefined && options.type !== 'master') {
    throw new InvalidArgumentError(
      `createZone: Route 53 hosts master zones only, got type ${JSON.stringify(options.type)}. Valid values: master`,
    );
  }
  if (options.ttl !== undefined && !ttlWarned) {
    ttlWarned = true;
    process.emitWarning('Route 53 hosted zones have no default TTL: createZone ignores "ttl" (records get their own TTL)', {
      code: 'CLOUDMUX_ZONE_TTL_IGNORED',
    });
  }
  const ref = ex.callerReference ?? randomUUID();
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > 128) {
    throw new InvalidArgumentError(`createZone: ex.callerReference must be 1–128 characters, got ${JSON.stringify(ref)}`);
  }
  if (!ex.vpc && ex.allowDuplicateDomain !== true) await refuseDuplicate(ctx, domain, options.signal);
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<CreateHostedZoneRequest xmlns="${ROUTE53_XMLNS}">` +
    leaf('Name', domain) +
    (ex.vpc ? `<VPC>${leaf('VPCRegion', ex.vpc.vpcRegion)}${leaf('VPCId', ex.vpc.vpcId)}</VPC>` : '') +
    leaf('CallerReference', ref) +
    (ex.comment !== undefined || ex.vpc
      ? `<HostedZoneConfig>${leaf('Comment', ex.comment)}${leaf('PrivateZone', ex.vpc ? true : undefined)}</HostedZoneConfig>`
      : '') +
    leaf('DelegationSetId', ex.delegationSetId) +
    '</CreateHostedZoneRequest>';
  const res = await ctx.client.call({ action: 'CreateHostedZone', method: 'POST', path: 'hostedzone', body, signal: options.signal });
  const hz = single(res, 'HostedZone');
  if (hz === undefined) throw malformed('CreateHostedZone returned no HostedZone');
  const change = await maybeWait(ctx, toChangeInfo(obj(res.ChangeInfo)), { ...ex, signal: options.signal });
  const vpc = obj(res.VPC);
  return toZone(hz, ctx.driver, { delegationSet: obj(res.DelegationSet), vpcs: vpc ? [vpc] : undefined, changeId: change?.id });
}

/** DeleteHostedZone (Route 53 refuses a zone with records other than SOA and NS: `HostedZoneNotEmpty`). */
export async function deleteZone(
  ctx: Route53Context,
  zone: ZoneRef,
  options: CallOptions & { ex?: Omit<Route53WaitOptions, 'signal'> | undefined } = {},
): Promise<boolean> {
  const ex = checkExKeys(options.ex, ['waitForSync', 'pollIntervalMs', 'timeoutMs'], { method: 'deleteZone', provider: 'route53' }) ?? {};
  const res = await ctx.client.call({
    action: 'DeleteHostedZone',
    method: 'DELETE',
    path: `hostedzone/${zoneIdOf(zone, 'deleteZone')}`,
    signal: options.signal,
  });
  await maybeWait(ctx, toChangeInfo(obj(res.ChangeInfo)), { ...ex, signal: options.signal });
  return true;
}

/** UpdateHostedZoneComment (an empty comment removes it). */
export async function updateZoneComment(
  ctx: Route53Context,
  zone: ZoneRef,
  comment: string,
  options: CallOptions = {},
): Promise<Zone<Route53ZoneExtra>> {
  if (typeof comment !== 'string' || comment.length > 256) {
    throw new InvalidArgumentError(
      `exUpdateZoneComment: "comment" must be a string of at most 256 characters, got ${JSON.stringify(comment)}`,
    );
  }
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<UpdateHostedZoneCommentRequest xmlns="${ROUTE53_XMLNS}">` +
    leaf('Comment', comment) +
    '</UpdateHostedZoneCommentRequest>';
  const res = await ctx.client.call({
    action: 'UpdateHostedZoneComment',
    method: 'POST',
    path: `hostedzone/${zoneIdOf(zone, 'exUpdateZoneComment')}`,
    body,
    idempotent: true,
    signal: options.signal,
  });
  const hz = single(res, 'HostedZone');
  if (hz === undefined) throw malformed('UpdateHostedZoneComment returned no HostedZone');
  return toZone(hz, ctx.driver);
}

/** The zone of a ref: the object itself, or GetHostedZone for an id. */
export async function resolveZone(ctx: Route53Context, ref: ZoneRef, method: string, signal?: AbortSignal): Promise<Zone> {
  if (typeof ref !== 'string' && typeof ref?.domain === 'string') {
    zoneIdOf(ref, method);
    return ref;
  }
  return getZone(ctx, zoneIdOf(ref, method), { signal });
}
