import { XMLParser } from 'fast-xml-parser';

/**
 * An XML-RPC value as JavaScript sees it: `int`/`i4` and `double` are numbers, `boolean` a boolean,
 * `string` (or an untyped value) a string, `dateTime.iso8601` a `Date`, `base64` a `Buffer`, `array`
 * an array, `struct` a plain object, and the common `<nil/>` extension `null`.
 */
export type XmlRpcValue = number | boolean | string | Date | Buffer | null | readonly XmlRpcValue[] | XmlRpcStruct;

/** An XML-RPC `struct`: member names to values. */
export interface XmlRpcStruct {
  readonly [member: string]: XmlRpcValue;
}

/** A number that must be sent as `<double>` even when it is whole (`new XmlRpcDouble(2)` → `<double>2</double>`). */
export class XmlRpcDouble {
  /** @param value - the number to send. */
  constructor(readonly value: number) {}
}

/** What {@link encodeValue} accepts: an {@link XmlRpcValue} or a forced double, also inside arrays and structs. */
export type XmlRpcInput =
  number | boolean | string | Date | Buffer | null | XmlRpcDouble | readonly XmlRpcInput[] | { readonly [member: string]: XmlRpcInput };

/** A decoded `<methodCall>`. */
export interface XmlRpcCall {
  /** `methodName`. */
  readonly methodName: string;
  /** Decoded `params`. */
  readonly params: readonly XmlRpcValue[];
}

/** A decoded `<methodResponse>`: its one param, or its `<fault>`. */
export type XmlRpcResponse =
  | { readonly kind: 'value'; readonly value: XmlRpcValue }
  | { readonly kind: 'fault'; readonly faultCode: number; readonly faultString: string };

/** The document is not a well-formed XML-RPC message (the message says where). */
export class XmlRpcFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRpcFormatError';
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `YYYYMMDDTHH:MM:SS` in UTC, the spec's `dateTime.iso8601` form. */
function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new XmlRpcFormatError('Cannot encode an invalid Date');
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Encodes one value as `<value>…</value>`. */
export function encodeValue(v: XmlRpcInput): string {
  if (v === null) return '<value><nil/></value>';
  if (v instanceof XmlRpcDouble) return `<value><double>${formatDouble(v.value)}</double></value>`;
  switch (typeof v) {
    case 'string':
      return `<value><string>${escapeXml(v)}</string></value>`;
    case 'boolean':
      return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
    case 'number':
      if (Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) return `<value><int>${v}</int></value>`;
      return `<value><double>${formatDouble(v)}</double></value>`;
    default:
      break;
  }
  if (v instanceof Date) return `<value><dateTime.iso8601>${formatDate(v)}</dateTime.iso8601></value>`;
  if (Buffer.isBuffer(v)) return `<value><base64>${v.toString('base64')}</base64></value>`;
  if (Array.isArray(v)) return `<value><array><data>${(v as readonly XmlRpcInput[]).map(encodeValue).join('')}</data></array></value>`;
  if (typeof v === 'object') {
    const members = Object.entries(v as Record<string, XmlRpcInput>)
      .map(([k, m]) => `<member><name>${escapeXml(k)}</name>${encodeValue(m)}</member>`)
      .join('');
    return `<value><struct>${members}</struct></value>`;
  }
  throw new XmlRpcFormatError(`Cannot encode a ${typeof v} as XML-RPC`);
}

function formatDouble(n: number): string {
  if (!Number.isFinite(n)) throw new XmlRpcFormatError(`Cannot encode ${n} as an XML-RPC double`);
  // The spec allows no exponent: plain decimal notation.
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return Number.isInteger(n) ? BigInt(n).toString() : n.toFixed(20).replace(/\.?0+$/, '');
}

/** Encodes a `<methodCall>`. */
export function encodeCall(methodName: string, params: readonly XmlRpcInput[]): string {
  if (!/^[A-Za-z0-9_.:/]+$/.test(methodName)) throw new XmlRpcFormatError(`Invalid XML-RPC method name ${JSON.stringify(methodName)}`);
  const ps = params.map((p) => `<param>${encodeValue(p)}</param>`).join('');
  return `<?xml version="1.0"?>\n<methodCall><methodName>${methodName}</methodName><params>${ps}</params></methodCall>\n`;
}

/** Encodes a successful `<methodResponse>` with one param. */
export function encodeResponse(value: XmlRpcInput): string {
  return `<?xml version="1.0"?>\n<methodResponse><params><param>${encodeValue(value)}</param></params></methodResponse>\n`;
}

/** Encodes a `<fault>` `<methodResponse>`. */
export function encodeFault(faultCode: number, faultString: string): string {
  return `<?xml version="1.0"?>\n<methodResponse><fault>${encodeValue({ faultCode, faultString })}</fault></methodResponse>\n`;
}

// ---------------------------------------------------------------------------------------------
// Decoding: fast-xml-parser in ordered mode, entity handling done here (the five predefined XML
// entities and numeric character references; no DTD, so no entity expansion).

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

const BAD_AMPERSAND = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/;
const ENTITY = /&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  if (BAD_AMPERSAND.test(text)) throw new XmlRpcFormatError('Unknown entity reference or bare "&" in XML-RPC text');
  const out = text.replace(ENTITY, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlRpcFormatError(`Invalid character reference &${e};`);
        return String.fromCodePoint(code);
      }
    }
  });
  return out;
}

/** Name of an ordered node (its one non-`:@` key). */
function nameOf(node: OrderedNode): string {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return '';
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const v = node[nameOf(node)];
  return Array.isArray(v) ? (v as OrderedNode[]) : [];
}

/** The text of a leaf element (text and CDATA pieces joined). */
function textOf(node: OrderedNode): string {
  let s = '';
  for (const c of childrenOf(node)) {
    const n = nameOf(c);
    if (n === '#text') s += decodeEntities(String(c['#text']));
    else if (n === '#cdata')
      s += childrenOf(c)
        .map((t) => String(t['#text'] ?? ''))
        .join('');
    else if (n === '#comment') continue;
    else throw new XmlRpcFormatError(`Unexpected element <${n}> inside a scalar value`);
  }
  return s;
}

/** Child elements, skipping whitespace text and comments; other text is an error. */
function elementsOf(node: OrderedNode, where: string): OrderedNode[] {
  const out: OrderedNode[] = [];
  for (const c of childrenOf(node)) {
    const n = nameOf(c);
    if (n === '#comment') continue;
    if (n === '#text') {
      if (String(c['#text']).trim() !== '') throw new XmlRpcFormatError(`Unexpected text inside <${where}>`);
      continue;
    }
    out.push(c);
  }
  return out;
}

function one(node: OrderedNode, where: string, name?: string): OrderedNode {
  const els = elementsOf(node, where);
  if (els.length !== 1 || (name !== undefined && nameOf(els[0]!) !== name)) {
    throw new XmlRpcFormatError(`<${where}> must contain exactly one ${name ? `<${name}>` : 'element'}`);
  }
  return els[0]!;
}

function parseDate(text: string): Date {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) throw new XmlRpcFormatError(`Invalid dateTime.iso8601 ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, tz] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${tz ? (tz === 'Z' ? 'Z' : tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz) : 'Z'}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new XmlRpcFormatError(`Invalid dateTime.iso8601 ${JSON.stringify(text)}`);
  return date;
}

/** Decodes a `<value>` element. */
function decodeValueNode(value: OrderedNode): XmlRpcValue {
  const hasElement = childrenOf(value).some((c) => !['#text', '#cdata', '#comment'].includes(nameOf(c)));
  if (!hasElement) return textOf(value); // untyped: a string
  const els = elementsOf(value, 'value');
  if (els.length > 1) throw new XmlRpcFormatError('<value> must contain one type element');
  const typed = els[0]!;
  const type = nameOf(typed);
  switch (type) {
    case 'int':
    case 'i4':
    case 'i8': {
      const t = textOf(typed).trim();
      if (!/^[+-]?\d+$/.test(t)) throw new XmlRpcFormatError(`Invalid <${type}> ${JSON.stringify(t)}`);
      const n = Number(t);
      if (type !== 'i8' && (n < INT32_MIN || n > INT32_MAX)) throw new XmlRpcFormatError(`<${type}> ${t} is out of 32-bit range`);
      return n;
    }
    case 'boolean': {
      const t = textOf(typed).trim();
      if (t !== '0' && t !== '1') throw new XmlRpcFormatError(`Invalid <boolean> ${JSON.stringify(t)} (must be 0 or 1)`);
      return t === '1';
    }
    case 'string':
      return textOf(typed);
    case 'double': {
      const t = textOf(typed).trim();
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) throw new XmlRpcFormatError(`Invalid <double> ${JSON.stringify(t)}`);
      return Number(t);
    }
    case 'dateTime.iso8601':
      return parseDate(textOf(typed));
    case 'base64': {
      const t = textOf(typed).replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) throw new XmlRpcFormatError('Invalid <base64> content');
      return Buffer.from(t, 'base64');
    }
    case 'nil':
      return null;
    case 'array': {
      const data = one(typed, 'array', 'data');
      return elementsOf(data, 'data').map((v) => {
        if (nameOf(v) !== 'value') throw new XmlRpcFormatError(`Unexpected <${nameOf(v)}> in <data>`);
        return decodeValueNode(v);
      });
    }
    case 'struct': {
      const out: Record<string, XmlRpcValue> = Object.create(null) as Record<string, XmlRpcValue>;
      for (const member of elementsOf(typed, 'struct')) {
        if (nameOf(member) !== 'member') throw new XmlRpcFormatError(`Unexpected <${nameOf(member)}> in <struct>`);
        const parts = elementsOf(member, 'member');
        const nameEl = parts.find((p) => nameOf(p) === 'name');
        const valueEl = parts.find((p) => nameOf(p) === 'value');
        if (!nameEl || !valueEl || parts.length !== 2) throw new XmlRpcFormatError('<member> needs one <name> and one <value>');
        out[textOf(nameEl)] = decodeValueNode(valueEl);
      }
      return { ...out };
    }
    default:
      throw new XmlRpcFormatError(`Unknown XML-RPC type <${type}>`);
  }
}

function parseRoot(xml: string, rootName: string): OrderedNode {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlRpcFormatError('XML-RPC documents must not contain a DOCTYPE');
  let doc: OrderedNode[];
  try {
    doc = parser.parse(xml, true) as OrderedNode[];
  } catch (e) {
    throw new XmlRpcFormatError(`Not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const roots = doc.filter((n) => {
    const name = nameOf(n);
    return name !== '#comment' && !(name === '#text' && String(n['#text']).trim() === '');
  });
  if (roots.length !== 1 || nameOf(roots[0]!) !== rootName) throw new XmlRpcFormatError(`Expected a <${rootName}> document`);
  return roots[0]!;
}

function decodeParams(params: OrderedNode | undefined): XmlRpcValue[] {
  if (!params) return [];
  return elementsOf(params, 'params').map((param) => {
    if (nameOf(param) !== 'param') throw new XmlRpcFormatError(`Unexpected <${nameOf(param)}> in <params>`);
    return decodeValueNode(one(param, 'param', 'value'));
  });
}

/** Decodes a `<methodCall>` document. Throws {@link XmlRpcFormatError}. */
export function decodeCall(xml: string): XmlRpcCall {
  const root = parseRoot(xml, 'methodCall');
  const els = elementsOf(root, 'methodCall');
  const nameEl = els.find((e) => nameOf(e) === 'methodName');
  if (!nameEl) throw new XmlRpcFormatError('<methodCall> has no <methodName>');
  const methodName = textOf(nameEl).trim();
  if (!/^[A-Za-z0-9_.:/]+$/.test(methodName)) throw new XmlRpcFormatError(`Invalid method name ${JSON.stringify(methodName)}`);
  return { methodName, params: decodeParams(els.find((e) => nameOf(e) === 'params')) };
}

/** Decodes a `<methodResponse>` document (one param, or a fault). Throws {@link XmlRpcFormatError}. */
export function decodeResponse(xml: string): XmlRpcResponse {
  const root = parseRoot(xml, 'methodResponse');
  const el = one(root, 'methodResponse');
  if (nameOf(el) === 'fault') {
    const v = decodeValueNode(one(el, 'fault', 'value'));
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || Buffer.isBuffer(v)) {
      throw new XmlRpcFormatError('<fault> must hold a struct');
    }
    const s = v as XmlRpcStruct;
    if (typeof s['faultCode'] !== 'number' || typeof s['faultString'] !== 'string') {
      throw new XmlRpcFormatError('<fault> struct needs an int faultCode and a string faultString');
    }
    return { kind: 'fault', faultCode: s['faultCode'], faultString: s['faultString'] };
  }
  if (nameOf(el) !== 'params') throw new XmlRpcFormatError(`Unexpected <${nameOf(el)}> in <methodResponse>`);
  const params = decodeParams(el);
  if (params.length !== 1) throw new XmlRpcFormatError(`A <methodResponse> must carry exactly one param, got ${params.length}`);
  return { kind: 'value', value: params[0]! };
}
