import { xmlObject, xmlRawText, xmlText, type XmlObject } from '../xml/index.js';

/** Text of child `key` (`undefined` when absent or empty). */
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

/** Child object `key`. */
export function obj(o: XmlObject | undefined, key: string): XmlObject | undefined {
  return o === undefined ? undefined : xmlObject(o[key]);
}

/** The `<member>` objects of list child `key` (`<Listeners><member>…</member></Listeners>`); `[]` when empty or absent. */
export function members(o: XmlObject | undefined, key: string): XmlObject[] {
  const list = obj(o, key)?.member;
  if (list === undefined) return [];
  return (Array.isArray(list) ? list : [list]).filter((m): m is XmlObject => typeof m === 'object');
}

/** The text `<member>`s of list child `key` (`<AvailabilityZones><member>us-east-1a</member></AvailabilityZones>`). */
export function memberTexts(o: XmlObject | undefined, key: string): string[] {
  const list = obj(o, key)?.member;
  if (list === undefined) return [];
  return (Array.isArray(list) ? list : [list]).map((m) => xmlRawText(m)).filter((m): m is string => m !== undefined && m !== '');
}

/** Date of child `key`. */
export function date(o: XmlObject | undefined, key: string): Date | undefined {
  const t = txt(o, key);
  if (t === undefined) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
