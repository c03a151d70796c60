import { parseXml as parseXmlCore, type XmlObject, type XmlValue } from '@cloudmux/core/xml';

/** Element names that are always arrays: EC2's list members. */
const EC2_ARRAYS: ReadonlySet<string> = new Set(['item']);

/**
 * Parses an AWS XML body with core's scanner (`@cloudmux/core/xml`): leaf elements are strings (`''`
 * when empty), attributes are dropped, repeated elements become arrays and every `item` (EC2 list
 * member) is always an array unless other `arrays` are given. Elements named in `skip` (below the
 * root) may be left out without being parsed. Throws `XmlSyntaxError` for text that is not well-formed XML.
 */
export function parseXml(text: string, arrays: ReadonlySet<string> = EC2_ARRAYS, skip?: ReadonlySet<string>): XmlObject {
  return parseXmlCore(text, { arrays, skip });
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
