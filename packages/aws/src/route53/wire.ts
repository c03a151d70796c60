import { parseXml, xmlObject, xmlText, type XmlObject, type XmlValue } from '../xml/index.js';

/** Route 53 API version (URL prefix `/2013-04-01/`). */
export const ROUTE53_API_VERSION = '2013-04-01';

/** XML namespace of Route 53 request and response documents. */
export const ROUTE53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';

/** Element names that are list members (always arrays when parsed). */
export const ROUTE53_ARRAYS: ReadonlySet<string> = new Set([
  'HostedZone',
  'ResourceRecordSet',
  'ResourceRecord',
  'NameServer',
  'VPC',
  'Message',
]);

/** `/hostedzone/Z123` or `Z123` → `Z123`. */
export function bareId(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}

/** Parses a Route 53 response and returns its root element (`<XResponse>`), `undefined` if absent. */
export function parseRoute53(text: string, root: string): XmlObject | undefined {
  return xmlObject(parseXml(text, ROUTE53_ARRAYS)[root]);
}

/** Members of a list element (`<HostedZones><HostedZone>…`), `[]` when empty or absent. */
export function members(parent: XmlValue | XmlValue[] | undefined, name: string): XmlObject[] {
  const p = xmlObject(parent);
  const v = p?.[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is XmlObject => typeof x === 'object');
}

/** The first member named `name` of `parent` (a single element parsed as a one-item array). */
export function single(parent: XmlObject | undefined, name: string): XmlObject | undefined {
  return members(parent, name)[0];
}

/** Text of a child element. */
export function childText(parent: XmlObject | undefined, name: string): string | undefined {
  return parent === undefined ? undefined : xmlText(parent[name]);
}

/** `ChangeInfo` of a write. */
export interface Route53ChangeInfo {
  /** Change id without the `/change/` prefix. */
  id: string;
  /** `PENDING` until every Route 53 server has the change, then `INSYNC`. */
  status: 'PENDING' | 'INSYNC';
  /** When Route 53 accepted the change. */
  submittedAt: Date | undefined;
  /** Batch comment, if one was sent. */
  comment?: string | undefined;
}

/** Reads a `<ChangeInfo>` element. */
export function toChangeInfo(el: XmlObject | undefined): Route53ChangeInfo | undefined {
  const id = childText(el, 'Id');
  if (id === undefined) return undefined;
  const at = childText(el, 'SubmittedAt');
  const comment = childText(el, 'Comment');
  return {
    id: bareId(id),
    status: childText(el, 'Status') === 'INSYNC' ? 'INSYNC' : 'PENDING',
    submittedAt: at === undefined ? undefined : new Date(at),
    ...(comment !== undefined ? { comment } : {}),
  };
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** Escapes text for XML element content of a request body. */
export function xmlEscape(text: string): string {
  return /[&<>"\r]/.test(text) ? text.replace(/[&<>"\r]/g, (c) => XML_ESCAPES[c] as string) : text;
}

/** `<name>text</name>`, or `''` when `value` is undefined. */
export function leaf(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${xmlEscape(String(value))}</${name}>`;
}
