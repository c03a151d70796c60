import { xmlItems, xmlObject, xmlRawText, xmlText, type XmlObject } from '../xml/index.js';

/** Text of child `key` of an EC2 response element (`undefined` when absent or empty). */
export function txt(o: XmlObject | undefined, key: string): string | undefined {
  return o === undefined ? undefined : xmlText(o[key]);
}

/** Integer of child `key`. */
export function int(o: XmlObject | undefined, key: string): number | undefined {
  const t = txt(o, key);
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Boolean of child `key` (`true` only for the text `true`). */
export function bool(o: XmlObject | undefined, key: string): boolean {
  return txt(o, key) === 'true';
}

/** Date of child `key`. */
export function date(o: XmlObject | undefined, key: string): Date | undefined {
  const t = txt(o, key);
  if (t === undefined) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Child object `key`. */
export function obj(o: XmlObject | undefined, key: string): XmlObject | undefined {
  return o === undefined ? undefined : xmlObject(o[key]);
}

/** `item` members of list child `key` (`<keySet><item/>…</keySet>`). */
export function items(o: XmlObject | undefined, key: string): readonly XmlObject[] {
  return xmlItems(o === undefined ? undefined : o[key]);
}

/** The `tagSet` of a resource as a record (values as sent: spaces are part of a tag value). */
export function tagsOf(o: XmlObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of items(o, 'tagSet')) {
    const key = xmlRawText(t.key);
    if (key !== undefined && key !== '' && key !== '__proto__') out[key] = xmlRawText(t.value) ?? '';
  }
  return out;
}
