/**
 * Following OpenStack listings across pages: Nova/Cinder `<items>_links` (`rel: "next"`), Neutron
 * `<items>_links`, Glance `next` (relative to the service root) — whatever the `page` callback extracts.
 * @module
 */
import { MalformedResponseError } from '@cloudmux/core/errors';
import type { HttpRequest } from '@cloudmux/core/http';
import type { ServiceClient } from './service-client.js';

/** What a page callback returns: the page's items and the next page's link (absolute, or a path), if any. */
export interface Page<TItem> {
  /** Items of this page. */
  items: readonly TItem[];
  /** Link to the next page, `undefined` on the last one. */
  next: string | undefined;
}

/**
 * The `next` link of a Nova/Cinder/Neutron `<collection>_links` array (`[{ rel: "next", href }]`), or `undefined`.
 */
export function nextLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const l of links) {
    if (typeof l === 'object' && l !== null && (l as { rel?: unknown }).rel === 'next') {
      const href = (l as { href?: unknown }).href;
      if (typeof href === 'string' && href !== '') return href;
    }
  }
  return undefined;
}

/**
 * Turns a `next` link into a URL under `baseUrl`:
 * - absolute links keep their path and query but use the base URL's scheme and host (services behind a proxy
 *   often advertise an internal host);
 * - absolute paths (Glance's `/v2/images?marker=…`) are joined to the base URL, overlapping segments once
 *   (`http://h/image/v2` + `/v2/images` → `http://h/image/v2/images`);
 * - other relative links are resolved against the base URL.
 */
export function resolveNextLink(baseUrl: string, next: string): string {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (/^https?:\/\//i.test(next)) {
    const link = new URL(next);
    return `${base.origin}${link.pathname}${link.search}`;
  }
  if (next.startsWith('/')) {
    const q = next.indexOf('?');
    const path = q < 0 ? next : next.slice(0, q);
    const query = q < 0 ? '' : next.slice(q);
    const baseSegs = base.pathname.split('/').filter((s) => s !== '');
    const nextSegs = path.split('/').filter((s) => s !== '');
    // Longest suffix of the base path that the link's path starts with.
    let overlap = 0;
    for (let n = Math.min(baseSegs.length, nextSegs.length); n > 0; n--) {
      if (baseSegs.slice(baseSegs.length - n).every((seg, i) => seg === nextSegs[i])) {
        overlap = n;
        break;
      }
    }
    const joined = [...baseSegs, ...nextSegs.slice(overlap)].join('/');
    return `${base.origin}/${joined}${path.endsWith('/') ? '/' : ''}${query}`;
  }
  return new URL(next, base).href;
}

/**
 * Follows a listing's next links lazily: requests `first`, yields the items `page` extracts, then requests the
 * next link (same headers) until there is none. A link that repeats is a `MalformedResponseError`, not a loop.
 */
export async function* iteratePages<TItem>(
  client: ServiceClient,
  first: HttpRequest,
  page: (body: unknown) => Page<TItem>,
  signal?: AbortSignal,
): AsyncIterable<TItem> {
  const sig = signal ?? first.signal;
  let req: HttpRequest = { ...first, signal: sig };
  const seen = new Set<string>();
  for (;;) {
    const res = await client.request<unknown>(req);
    const { items, next } = page(res.body);
    yield* items;
    if (next === undefined || items.length === 0) return;
    const url = resolveNextLink(await client.baseUrl(sig), next);
    if (seen.has(url)) {
      throw new MalformedResponseError(`${client.provider}: the listing's next link repeats (${url})`, '', {
        provider: client.provider,
        requestId: res.requestId,
      });
    }
    seen.add(url);
    req = { method: 'GET', path: url, headers: first.headers, signal: sig, errorContext: first.errorContext };
  }
}
