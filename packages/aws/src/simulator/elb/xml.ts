import type { XmlScalar, XmlWriter } from '../xml-writer.js';

/** Writes a Query API list `<name><member>…</member>…</name>` (or `<name/>` when empty). */
export function memberList<T>(w: XmlWriter, name: string, items: Iterable<T>, write: (item: T, w: XmlWriter) => void): XmlWriter {
  let opened = false;
  for (const item of items) {
    if (!opened) {
      w.open(name);
      opened = true;
    }
    w.open('member');
    write(item, w);
    w.close();
  }
  return opened ? w.close() : w.empty(name);
}

/** Writes a list of scalars `<name><member>a</member>…</name>` (or `<name/>`). */
export function memberValues(w: XmlWriter, name: string, values: readonly XmlScalar[]): XmlWriter {
  if (values.length === 0) return w.empty(name);
  w.open(name);
  for (const v of values) w.leaf('member', v);
  return w.close();
}
