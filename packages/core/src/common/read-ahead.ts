/** One page of a listing as read: its items and the token of the next page (`undefined`: the last page). */
export interface ReadAheadPage<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

/** How {@link collectPagesAhead} reads a paged listing whose answer `B` names the next page. */
export interface ReadAheadListing<B, T> {
  /** Requests the page after `token` (`undefined`: the first). */
  request(token: string | undefined): Promise<B>;
  /**
   * The next page's token, found cheaply in the raw answer (`undefined` when it cannot be found
   * that way); a guess: the parsed page stays authoritative.
   */
  peek(body: B): string | undefined;
  /** Reads a whole page. */
  parse(body: B): ReadAheadPage<T>;
}

/**
 * Every item of a paged listing in one array, each page's request sent before the page before it is
 * parsed: the next token is peeked in the raw answer, its request started and given one event-loop
 * turn to reach the wire, then the current page is parsed while the server works. When the parsed
 * page names another token than the peeked one, the early request is dropped (its failure unseen)
 * and the right page is requested.
 */
export async function collectPagesAhead<B, T>(listing: ReadAheadListing<B, T>): Promise<T[]> {
  const out: T[] = [];
  let body = listing.request(undefined);
  for (;;) {
    const raw = await body;
    const peeked = listing.peek(raw);
    const ahead = peeked === undefined ? undefined : listing.request(peeked);
    if (ahead !== undefined) {
      // Its failure surfaces when it is awaited (not at all when the parsed page says otherwise).
      ahead.catch(() => undefined);
      // A request is signed and handed to the HTTP client in async steps: let them run now, so it is
      // on the wire while this page is parsed rather than after.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const page = listing.parse(raw);
    for (const item of page.items) out.push(item);
    if (page.next === undefined) return out;
    body = page.next === peeked && ahead !== undefined ? ahead : listing.request(page.next);
  }
}
