import { throwIfAborted, type CallOptions } from '@cloudmux/core';
import type { DnsRecord, ZoneRef } from '@cloudmux/core/dns';
import { MalformedResponseError } from '@cloudmux/core/errors';
import { decodeXmlText } from '../xml/index.js';
import type { RawAnswer, Route53Call } from './client.js';
import type { Route53Context } from './context.js';
import { toRecords, toRecordSet } from './to-resources.js';
import type { Route53RecordExtra, Route53RecordSet } from './types.js';
import { childText, members } from './wire.js';
import { resolveZone } from './zones.js';

/** Where to start a ListResourceRecordSets listing. */
export interface Route53ListStart {
  /** `name` (fully qualified). */
  name?: string | undefined;
  /** `type` (needs `name`). */
  type?: string | undefined;
  /** `identifier` (needs `type`). */
  identifier?: string | undefined;
}

/** The text of the last `<name>…</name>` of a raw answer (the top-level `Next*` elements come last), decoded. */
function peek(text: string, name: string): string | undefined {
  const open = text.lastIndexOf(`<${name}>`);
  if (open < 0) return undefined;
  const close = text.indexOf(`</${name}>`, open);
  return close < 0 ? undefined : decodeXmlText(text.slice(open + name.length + 2, close));
}

const startKey = (s: Route53ListStart): string => `${s.name ?? ''}\u0000${s.type ?? ''}\u0000${s.identifier ?? ''}`;

/**
 * ListResourceRecordSets page by page: `name`/`type`/`identifier` of the next page come from the
 * previous page's `NextRecordName`/`NextRecordType`/`NextRecordIdentifier` while `IsTruncated`. With
 * `readAhead` (for callers that drain every page), the next page is requested as soon as the current
 * one has arrived, its start read from the raw text and checked against the parsed page.
 */
export async function* iterateRecordSetPages(
  ctx: Route53Context,
  zoneId: string,
  options: CallOptions & { start?: Route53ListStart | undefined; pageSize?: number | undefined; readAhead?: boolean | undefined } = {},
): AsyncGenerator<Route53RecordSet[]> {
  const call = (start: Route53ListStart): Route53Call => ({
    action: 'ListResourceRecordSets',
    method: 'GET',
    path: `hostedzone/${zoneId}/rrset`,
    query: { name: start.name, type: start.type, identifier: start.identifier, maxitems: options.pageSize ?? ctx.settings.pageSize },
    idempotent: true,
    signal: options.signal,
  });
  let start: Route53ListStart = options.start ?? {};
  const seen = new Set<string>();
  let pending: Promise<RawAnswer> | undefined = ctx.client.fetch(call(start));
  for (;;) {
    throwIfAborted(options.signal);
    const raw: RawAnswer = await (pending ?? ctx.client.fetch(call(start)));
    let ahead: { key: string; answer: Promise<RawAnswer> } | undefined;
    if (options.readAhead && raw.text.includes('<IsTruncated>true</IsTruncated>')) {
      const guess = {
        name: peek(raw.text, 'NextRecordName'),
        type: peek(raw.text, 'NextRecordType'),
        identifier: peek(raw.text, 'NextRecordIdentifier'),
      };
      if (guess.name !== undefined && !seen.has(startKey(guess))) {
        ahead = { key: startKey(guess), answer: ctx.client.fetch(call(guess)) };
        // An abandoned read-ahead must not surface as an unhandled rejection.
        ahead.answer.catch(() => undefined);
        // Let the request go out before the synchronous parse below holds the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const res = ctx.client.parse(call(start), raw);
    const page = members(res.ResourceRecordSets, 'ResourceRecordSet').map(toRecordSet);
    const truncated = childText(res, 'IsTruncated') === 'true';
    if (truncated) {
      start = {
        name: childText(res, 'NextRecordName'),
        type: childText(res, 'NextRecordType'),
        identifier: childText(res, 'NextRecordIdentifier'),
      };
      const key = startKey(start);
      if (start.name === undefined || seen.has(key)) {
        throw new MalformedResponseError('route53: ListResourceRecordSets returned a truncated page without a new NextRecordName', '', {
          provider: 'route53',
        });
      }
      seen.add(key);
      // Without a matching read-ahead, the next page is requested only when the caller asks for it.
      pending = ahead?.key === key ? ahead.answer : undefined;
    }
    yield page;
    if (!truncated) return;
  }
}

/** Record sets one by one, over every page (see {@link iterateRecordSetPages}). */
export async function* iterateRecordSets(
  ctx: Route53Context,
  zoneId: string,
  options: CallOptions & { start?: Route53ListStart | undefined; pageSize?: number | undefined } = {},
): AsyncGenerator<Route53RecordSet> {
  for await (const page of iterateRecordSetPages(ctx, zoneId, options)) yield* page;
}

/** Every portable record of a zone, drained page by page (no per-record async step). */
export async function listRecords(ctx: Route53Context, zone: ZoneRef, options: CallOptions = {}): Promise<DnsRecord<Route53RecordExtra>[]> {
  const z = await resolveZone(ctx, zone, 'listRecords', options.signal);
  const out: DnsRecord<Route53RecordExtra>[] = [];
  for await (const page of iterateRecordSetPages(ctx, z.id, { ...options, readAhead: true }))
    for (const set of page) for (const r of toRecords(set, z, ctx.driver)) out.push(r);
  return out;
}

/** Every portable record of a zone: one per value of each record set, one per alias set. */
export async function* iterateRecords(
  ctx: Route53Context,
  zone: ZoneRef,
  options: CallOptions = {},
): AsyncGenerator<DnsRecord<Route53RecordExtra>> {
  const z = await resolveZone(ctx, zone, 'listRecords', options.signal);
  for await (const page of iterateRecordSetPages(ctx, z.id, options)) for (const set of page) yield* toRecords(set, z, ctx.driver);
}

const sameName = (a: string, b: string): boolean => a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();

/** The record set `fqdn`/`type`/`setIdentifier`, or `undefined` (one ListResourceRecordSets call of one item). */
export async function findRecordSet(
  ctx: Route53Context,
  zoneId: string,
  key: { fqdn: string; type: string; setIdentifier: string | undefined },
  signal?: AbortSignal,
): Promise<Route53RecordSet | undefined> {
  const start = { name: key.fqdn, type: key.type, identifier: key.setIdentifier };
  for await (const set of iterateRecordSets(ctx, zoneId, { start, pageSize: 1, signal })) {
    return sameName(set.name, key.fqdn) && set.type === key.type && set.setIdentifier === key.setIdentifier ? set : undefined;
  }
  return undefined;
}
