import { InvalidArgumentError } from '@cloudmux/core';

/** A parsed INI document: section name → (lower-cased key → value), in file order. */
export type IniDocument = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Parses the INI dialect of Python's `ConfigParser`, which wrote and read `stratuslab-user.cfg`:
 * `[section]` headers, `key = value` or `key: value` lines (keys lower-cased, both sides trimmed),
 * full-line comments starting with `#` or `;`, and indented continuation lines (joined with `\n`).
 * A key before any section, a line that is neither, or a section given twice is an
 * `InvalidArgumentError` naming the source and line.
 */
export function parseIni(text: string, source = 'INI text'): IniDocument {
  const doc = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let lastKey: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const where = `${source}, line ${i + 1}`;
    if (raw.trim() === '' || /^\s*[#;]/.test(raw)) {
      if (raw.trim() === '') lastKey = undefined;
      return;
    }
    if (/^\s/.test(raw) && section && lastKey !== undefined) {
      section.set(lastKey, `${section.get(lastKey) ?? ''}\n${raw.trim()}`);
      return;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw.trim());
    if (header) {
      const name = header[1]!.trim();
      if (doc.has(name)) throw new InvalidArgumentError(`${where}: section [${name}] appears twice`);
      section = new Map();
      doc.set(name, section);
      lastKey = undefined;
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw.trim());
    if (!kv) throw new InvalidArgumentError(`${where}: expected "[section]" or "key = value", got ${JSON.stringify(raw.trim())}`);
    if (!section) throw new InvalidArgumentError(`${where}: "${kv[1]}" comes before any [section]`);
    lastKey = kv[1]!.toLowerCase();
    section.set(lastKey, kv[2]!.trim());
  });
  return doc;
}
