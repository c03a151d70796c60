/**
 * Azure metadata names must be C# identifiers (letters, digits, `_`, not starting with a digit) and
 * are case-insensitive, while portable metadata keys may hold `-` and upper case. Keys are stored
 * with every character other than `a-z`/`0-9` (and a leading digit) written as `_` + two hex digits
 * (`build-id` → `build_2did`, `Owner` → `_4fwner`), which round-trips exactly. Keys made only of
 * lower-case letters and digits (the common case) are stored as they are.
 */
export function encodeMetaKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    const plain = /[a-z]/.test(c) || (i > 0 && /[0-9]/.test(c));
    out += plain ? c : `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Reverses {@link encodeMetaKey} (names written by other tools come back lower-cased, as the service compares them). */
export function decodeMetaKey(name: string): string {
  return name.toLowerCase().replace(/_([0-9a-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `x-ms-meta-*` headers of user metadata. */
export function metaHeaders(meta: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) out[`x-ms-meta-${encodeMetaKey(k)}`] = v;
  return out;
}
