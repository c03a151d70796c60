/**
 * Flavor name → id, for servers described with an embedded flavor (microversion 2.47+), which names the flavor
 * (`original_name`) but no longer gives its id: `node.sizeId` stays portable. The flavor list is fetched once and
 * kept for a while; an unknown name refetches it (at most every few seconds). Private flavors the project cannot
 * list leave `sizeId` undefined.
 * @module
 */
import { iteratePages, nextLink } from '../common/paging.js';
import type { ServiceClient } from '../common/service-client.js';

const MAX_AGE_MS = 300_000;
const MISS_REFETCH_MS = 10_000;

/** A per-driver cache of flavor ids by name. */
export class FlavorNames {
  #ids: Map<string, string> | undefined;
  #fetchedAt = 0;
  #pending: Promise<Map<string, string>> | undefined;

  /** The cached map when it is fresh and knows every name (no request, no await), else `undefined`. */
  cached(names: ReadonlySet<string>): ReadonlyMap<string, string> | undefined {
    const ids = this.#ids;
    if (ids === undefined || Date.now() - this.#fetchedAt > MAX_AGE_MS) return undefined;
    for (const n of names) if (!ids.has(n)) return undefined;
    return ids;
  }

  /** Ids of `names` (those the flavor list knows). */
  async ids(client: ServiceClient, names: ReadonlySet<string>, signal?: AbortSignal): Promise<ReadonlyMap<string, string>> {
    const now = Date.now();
    let ids = this.#ids;
    const stale = ids === undefined || now - this.#fetchedAt > MAX_AGE_MS;
    const missing = ids !== undefined && [...names].some((n) => !ids!.has(n)) && now - this.#fetchedAt > MISS_REFETCH_MS;
    if (stale || missing) ids = await this.#fetch(client, signal);
    return ids ?? new Map();
  }

  #fetch(client: ServiceClient, signal: AbortSignal | undefined): Promise<Map<string, string>> {
    if (!this.#pending) {
      const work = (async () => {
        const map = new Map<string, string>();
        const pages = iteratePages<{ id: string; name?: string }>(client, { method: 'GET', path: 'flavors', signal }, (body) => {
          const b = body as { flavors?: { id: string; name?: string }[]; flavors_links?: unknown };
          return { items: b.flavors ?? [], next: nextLink(b.flavors_links) };
        });
        for await (const f of pages) if (f.name !== undefined) map.set(f.name, f.id);
        this.#ids = map;
        this.#fetchedAt = Date.now();
        return map;
      })();
      this.#pending = work;
      const clear = (): void => {
        if (this.#pending === work) this.#pending = undefined;
      };
      work.then(clear, clear);
    }
    return this.#pending;
  }
}

/** The flavor names of servers whose embedded flavor carries no id. */
export function namesWithoutId(servers: readonly { flavor?: { id?: string; original_name?: string } }[]): Set<string> {
  const names = new Set<string>();
  for (const s of servers)
    if (s.flavor && s.flavor.id === undefined && s.flavor.original_name !== undefined) names.add(s.flavor.original_name);
  return names;
}
