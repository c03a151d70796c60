import { scanXml } from './scan.js';
import type { XmlObject, XmlValue } from './types.js';

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Element names that are always arrays, even when they occur once (list members such as EC2's `item`). */
  readonly arrays?: ReadonlySet<string>;
  /**
   * Element names (below the root) the caller never reads: they may be jumped over without being
   * parsed, so they may be absent from the result. A speed-up for large answers, not a filter.
   */
  readonly skip?: ReadonlySet<string>;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * Parses an XML answer of a provider API into plain objects: leaf elements are strings (`''` when
 * empty), attributes are dropped, namespace prefixes are kept, repeated elements become arrays and
 * names in `options.arrays` are always arrays. Throws {@link XmlSyntaxError} for text that is not
 * well-formed XML, and for any DTD (no entity expansion).
 *
 * The engine is a purpose-built scanner chosen by benchmark over fast-xml-parser configurations
 * (`bench/ec2.bench.mjs`); it does not validate beyond what reading the values needs.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlObject {
  return scanXml(text, options.arrays ?? NO_NAMES, options.skip);
}

/** The object value of `v` (the first one when the element repeats), or `undefined` when it is text or absent. */
export function xmlObject(v: XmlValue | XmlValue[] | undefined): XmlObject | undefined {
  if (Array.isArray(v)) v = v.find((x) => typeof x === 'object');
  return v !== undefined && typeof v === 'object' ? v : undefined;
}

/**
 * The text of `v` without surrounding whitespace (`undefined` when absent, empty, blank or not
 * text): pretty-printed answers (`<keyFingerprint>\n  1f:51:…\n</keyFingerprint>`) read as the
 * value. {@link xmlRawText} keeps the text as sent, for values where spaces are data.
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

const NO_OBJECTS: readonly XmlObject[] = Object.freeze([]);

/**
 * The object values of `v` as an array whether the element occurred once or repeated (text members
 * left out); `[]` when absent. For list members that are not declared in `arrays`.
 */
export function xmlObjects(v: XmlValue | XmlValue[] | undefined): readonly XmlObject[] {
  if (v === undefined || typeof v === 'string') return NO_OBJECTS;
  if (!Array.isArray(v)) return [v];
  for (const x of v) if (typeof x !== 'object') return v.filter((y): y is XmlObject => typeof y === 'object');
  return v as XmlObject[];
}
