/** Sections of an INI file: section name → key → value. Nested `key =` blocks become `key.sub` entries. */
export type IniSections = Map<string, Map<string, string>>;

/**
 * Parses the INI dialect of `~/.aws/credentials` and `~/.aws/config`: `[section]` headers, `key = value`
 * (or `key: value`) lines, full-line `#`/`;` comments and inline comments preceded by whitespace,
 * and indented sub-keys under an empty `key =` (e.g. `s3 =\n  max_concurrent_requests = 10` gives `s3.max_concurrent_requests`).
 * Keys are lower-cased; values are trimmed. Lines outside any section are ignored.
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  let parentKey: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const indented = /^[ \t]/.test(rawLine);
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const end = line.indexOf(']');
      if (end < 0) continue;
      const name = line.slice(1, end).trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      parentKey = undefined;
      continue;
    }
    if (current === undefined) continue;
    const sep = line.search(/[=:]/);
    if (sep <= 0) continue;
    const key = line.slice(0, sep).trim().toLowerCase();
    const value = line
      .slice(sep + 1)
      .replace(/\s[#;].*$/, '')
      .trim();
    if (indented && parentKey !== undefined) {
      current.set(`${parentKey}.${key}`, value);
      continue;
    }
    current.set(key, value);
    parentKey = value === '' ? key : undefined;
  }
  return sections;
}
