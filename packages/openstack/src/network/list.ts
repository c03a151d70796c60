/**
 * Neutron listings: query strings with filters and `limit`, pages followed through `<collection>_links`.
 * @module
 */
import { requireRefId, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { iteratePages, nextLink } from '../common/paging.js';
import type { NetworkContext } from './context.js';

/** Options every Neutron listing takes. */
export interface NeutronListOptions extends CallOptions {
  /** Page size asked of Neutron (`limit`); default: the server's (Neutron pages only when asked or configured). */
  pageSize?: number | undefined;
}

/** A query string from filters (undefined values left out) and the page size. */
export function neutronQuery(
  method: string,
  provider: string,
  filters: Readonly<Record<string, string | boolean | undefined>>,
  pageSize: number | undefined,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) q.append(k, String(v));
  if (pageSize !== undefined) {
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new InvalidArgumentError(`${method}: pageSize must be a positive integer, got ${String(pageSize)}`, { provider });
    q.append('limit', String(pageSize));
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** Follows every page of `GET /<path>` whose items are under `collection` (`networks`, `floatingips`…). */
export async function* neutronItems<W, R>(
  ctx: NetworkContext,
  path: string,
  collection: string,
  map: (w: W) => R,
  signal: AbortSignal | undefined,
): AsyncGenerator<R> {
  const pages = iteratePages<W>(
    ctx.network,
    { method: 'GET', path, idempotent: true, errorContext: { action: `list ${collection}` } },
    (body) => {
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const items = b[collection];
      return { items: Array.isArray(items) ? (items as W[]) : [], next: nextLink(b[`${collection}_links`]) };
    },
    signal,
  );
  for await (const w of pages) yield map(w);
}

/** `GET /<collection>/<id>` → the item under `singular`. */
export async function neutronGet<W>(
  ctx: NetworkContext,
  collection: string,
  singular: string,
  id: string,
  signal?: AbortSignal,
): Promise<W> {
  const res = await ctx.network.request<Record<string, W>>({
    method: 'GET',
    path: `${collection}/${encodeURIComponent(id)}`,
    idempotent: true,
    signal,
    errorContext: { action: `get ${singular} ${id}` },
  });
  return res.body[singular] as W;
}

/** The id of a resource or id, checked (`method: "what" must be …`). */
export function idOf(ctx: NetworkContext, ref: unknown, arg: string, method: string, what: string): string {
  return requireRefId(ref, arg, { method, provider: ctx.network.provider, what });
}

/** Drains an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
