/**
 * A frozen table with no prototype, for wire value → portable value maps (state maps, error-code
 * maps). Reading a key the table does not list gives `undefined` — never an inherited member
 * such as `constructor` or `toString`, which a plain object literal would return.
 */
export type LookupTable<V> = Readonly<Record<string, V | undefined>>;

/** Builds a {@link LookupTable} from `entries` (copied: later changes to `entries` do not show). */
export function lookupTable<V>(entries: Readonly<Record<string, V>>): LookupTable<V> {
  const table = Object.create(null) as Record<string, V>;
  for (const key of Object.keys(entries)) table[key] = entries[key] as V;
  return Object.freeze(table);
}

/**
 * The value for `key` in `table`, or `fallback` when the key is absent or undefined. With
 * `{ caseInsensitive: true }` a miss is retried with the key lower-cased (table keys are then
 * expected in lower case).
 */
export function lookup<V>(table: LookupTable<V>, key: string | undefined, fallback: V, options?: { caseInsensitive?: boolean }): V {
  if (key === undefined) return fallback;
  const hit = table[key];
  if (hit !== undefined) return hit;
  if (options?.caseInsensitive) return table[key.toLowerCase()] ?? fallback;
  return fallback;
}
