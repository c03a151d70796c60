import { scanXml } from './scan.js';
import type { XmlObject, XmlValue } from './types.js';

/** Element names that are always arrays: EC2's list members. */
const EC2_ARRAYS: ReadonlySet<string> = new Set(['item']);

/**
 * Parses an AWS Query API XML body into plain objects: leaf elements are strings (`''` when empty),
 * attributes are dropped, repeated elements become arrays and every `item` (EC2 list member) is
 * always an array. Elements named in `skip` (below the root) may be left out without being parsed, for
 * callers that know they never read them. Throws `XmlSyntaxError` for text that is not well-formed XML.
 *
 * The one XML entry point of the package: the engine behind it (a purpose-built scanner, chosen by
 * benchmark over fast-xml-parser configurations; see `bench/ec2.bench.mjs`) can change freely.
 */
export function parseXml(text: string, arrays: ReadonlySet<string> = EC2_ARRAYS, skip?: ReadonlySet<string>): XmlObject {
  return scanXml(text, arrays, skip);
}

/** The object value of `v` (the first one when the element repeats), or `undefined` when it is text or absent. */
export function xmlObject(v: XmlValue | XmlValue[] | undefined): XmlObject | undefined {
  if (Array.isArray(v)) v = v.find((x) => typeof x === 'object');
  return v !== undefined && typeof v === 'object' ? v : undefined;
}

/**
 * The text of `v` without surrounding whitespace (`undefined` when absent, empty, blank or not
 * text): pretty-printed answers (`<keyFingerprint>\n  1f:51:…\n</keyFingerprint>`) read as the
 * value. {@link xmlRawText} keeps the text as sent, for values where spaces are data (tag values).
 */
export function xmlText(v: XmlValue | XmlValue[] | undefined): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const c0 = v.charCodeAt(0);
  const cn = v.charCodeAt(v.length - 1);
  // Most values have no surrounding whitespace: only those are copied.
  if (c0 > 32 && cn > 32) return v;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** The text of `v` exactly as sent (`undefined` when absent or not text; `''` when empty). */
export function xmlRawText(v: XmlValue | XmlValue[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

const NO_ITEMS: readonly XmlObject[] = Object.freeze([]);

/**
 * The `item` members of an EC2 list element (`<groupSet><item>…</item></groupSet>`); `[]` when empty
 * or absent. A list element that repeats (two `<instancesSet>` in one answer) gives the items of all
 * of them, in document order.
 */
export function xmlItems(v: XmlValue | XmlValue[] | undefined): readonly XmlObject[] {
  if (Array.isArray(v)) return v.flatMap((x) => xmlItems(x));
  if (v === undefined || typeof v !== 'object') return NO_ITEMS;
  const items = v.item;
  if (items === undefined) return NO_ITEMS;
  if (!Array.isArray(items)) return typeof items === 'object' ? [items] : NO_ITEMS;
  for (const i of items) if (typeof i !== 'object') return items.filter((x): x is XmlObject => typeof x === 'object');
  return items as XmlObject[];
}
