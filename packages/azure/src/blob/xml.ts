import { XMLParser } from 'fast-xml-parser';
import { MalformedResponseError } from '@cloudmux/core/errors';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  // Element lists that may hold one item must always be arrays.
  isArray: (name) => name === 'Container' || name === 'Blob' || name === 'BlobPrefix',
});

/** A parsed XML element: text, or nested elements. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] | undefined };

/** Parses a Blob service XML document (fast-xml-parser; no DTD or external entities). */
export function parseXml(text: string, provider = 'azure'): Record<string, XmlNode | undefined> {
  try {
    const doc = parser.parse(text.replace(/^\uFEFF/, '')) as unknown;
    if (typeof doc !== 'object' || doc === null) throw new Error('not an XML document');
    return doc as Record<string, XmlNode | undefined>;
  } catch (e) {
    throw new MalformedResponseError('Azure Blob service sent XML that could not be parsed', text, { provider, cause: e });
  }
}

/** The child element `name` of `node` as an object, if it is one. */
export function child(node: XmlNode | XmlNode[] | undefined, name: string): XmlNode | XmlNode[] | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  return node[name];
}

/** Text of an element (`''` for an empty one, `undefined` when absent). */
export function text(node: XmlNode | XmlNode[] | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return text(node[0]);
  const t = node['#text'];
  return typeof t === 'string' ? t : '';
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
