/**
 * `limit`/`marker` paging with `<collection>_links`, the way Cinder and Neutron answer listings.
 * @module
 */

/** One page of a listing and its links. */
export interface SimPage<T> {
  /** Items of this page. */
  items: T[];
  /** `[{ rel: "next", href }]` (and `previous` when a marker was given), empty on a single page. */
  links: { rel: string; href: string }[];
}

/** Why a page could not be cut: a bad `limit`, or a `marker` that is not in the listing. */
export type PageProblem = { kind: 'limit'; value: string } | { kind: 'marker'; value: string };

/**
 * Cuts `all` at `marker` (exclusive) and `limit` (capped at `maxLimit`, `undefined` = no cap) and builds the links
 * against `selfUrl` (the request URL). Returns a {@link PageProblem} instead of throwing, so each service words it.
 */
export function pageOf<T extends { id: string }>(
  all: readonly T[],
  url: URL,
  maxLimit: number | undefined,
  defaultLimit: number | undefined,
): SimPage<T> | PageProblem {
  const q = url.searchParams;
  const limitText = q.get('limit');
  let limit = defaultLimit;
  if (limitText !== null) {
    const n = Number(limitText);
    if (!/^\d+$/.test(limitText) || !Number.isInteger(n) || n < 0) return { kind: 'limit', value: limitText };
    limit = n === 0 ? defaultLimit : n;
  }
  if (limit !== undefined && maxLimit !== undefined) limit = Math.min(limit, maxLimit);
  const marker = q.get('marker');
  let start = 0;
  if (marker !== null) {
    const i = all.findIndex((x) => x.id === marker);
    if (i < 0) return { kind: 'marker', value: marker };
    start = i + 1;
  }
  const items = all.slice(start, limit === undefined ? undefined : start + limit);
  const links: { rel: string; href: string }[] = [];
  const last = items[items.length - 1];
  if (limit !== undefined && last !== undefined && start + items.length < all.length) {
    const next = new URL(url.href);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('marker', last.id);
    links.push({ rel: 'next', href: next.href });
  }
  if (marker !== null && items[0] !== undefined) {
    const prev = new URL(url.href);
    prev.searchParams.set('marker', items[0].id);
    prev.searchParams.set('page_reverse', 'True');
    links.push({ rel: 'previous', href: prev.href });
  }
  return { items, links };
}
