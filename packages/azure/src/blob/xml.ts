import { MalformedResponseError } from '@cloudmux/core/errors';
import { parseXml as scanXml, type XmlObject, type XmlValue } from '@cloudmux/core/xml';

/** Element lists that may hold one item: always arrays. */
const ARRAYS: ReadonlySet<string> = new Set(['Container', 'Blob', 'BlobPrefix', 'Latest', 'Committed', 'Uncommitted']);

/** A parsed XML element: text (`''` when empty), or nested elements (attributes are dropped). */
export type XmlNode = XmlValue;

/** Parses a Blob service XML document (core's scanner; no DTD or entity expansion). */
export function parseXml(text: string, provider = 'azure'): XmlObject {
  try {
    return scanXml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { arrays: ARRAYS });
  } catch (e) {
    throw new MalformedResponseError('Azure Blob service sent XML that could not be parsed', text, { provider, cause: e });
  }
}

/** The child element `name` of `node`, if `node` is an element with children. */
export function child(node: XmlNode | XmlNode[] | undefined, name: string): XmlNode | XmlNode[] | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  return node[name];
}

/** Text of an element exactly as sent (`''` for an empty one or one with child elements, `undefined` when absent). */
export function text(node: XmlNode | XmlNode[] | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return text(node[0]);
  return '';
}

/** The repeated elements of a list as an array. */
export function list(node: XmlNode | XmlNode[] | undefined): XmlNode[] {
  if (node === undefined || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

/** Escapes text for an XML element body. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
