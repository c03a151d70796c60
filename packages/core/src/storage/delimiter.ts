/** One entry of a delimited listing: an object of the level, or a common prefix below it. */
export type ListingEntry<T> = { kind: 'object'; object: T } | { kind: 'prefix'; prefix: string };

/**
 * Applies a delimiter to a flat listing, for providers (or the Local driver) that list every name:
 * each name under `prefix` whose remainder contains `delimiter` is rolled up into its common prefix
 * (`prefix` + remainder up to and including the delimiter), each such prefix reported once; other
 * names are yielded as objects. `items` must be in name order (byte order), which keeps the names of
 * one common prefix next to each other, so this runs lazily in constant memory.
 */
export async function* rollUp<T extends { name: string }>(
  items: AsyncIterable<T>,
  prefix: string,
  delimiter: string,
): AsyncGenerator<ListingEntry<T>> {
  let last: string | undefined;
  for await (const item of items) {
    if (!item.name.startsWith(prefix)) continue;
    const cut = item.name.indexOf(delimiter, prefix.length);
    if (cut < 0) {
      yield { kind: 'object', object: item };
      continue;
    }
    const common = item.name.slice(0, cut + delimiter.length);
    if (common === last) continue;
    last = common;
    yield { kind: 'prefix', prefix: common };
  }
}
