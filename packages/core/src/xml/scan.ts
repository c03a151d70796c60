import { XmlSyntaxError, type XmlObject, type XmlValue } from './types.js';

const SLASH = 47;
const BANG = 33;
const QMARK = 63;
const QUOTE = 34;
const APOS = 39;
const GT = 62;

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The text of one reference body (`amp`, `#233`, `#x1F600`), or `undefined` when it is not one. */
function entityText(body: string): string | undefined {
  if (body.charCodeAt(0) !== 35 /* # */) return Object.hasOwn(NAMED, body) ? NAMED[body] : undefined;
  const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
  const digits = body.slice(hex ? 2 : 1);
  if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
  const code = parseInt(digits, hex ? 16 : 10);
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The five predefined entities, read in place (no slice): the common case. */
function namedEntity(text: string, from: number, semi: number): string | undefined {
  const c = text.charCodeAt(from);
  switch (semi - from) {
    case 2:
      if (text.charCodeAt(from + 1) !== 116 /* t */) return undefined;
      return c === 108 /* l */ ? '<' : c === 103 /* g */ ? '>' : undefined;
    case 3:
      return c === 97 && text.startsWith('amp', from) ? '&' : undefined;
    case 4:
      return c === 113 && text.startsWith('quot', from) ? '"' : c === 97 && text.startsWith('apos', from) ? "'" : undefined;
    default:
      return undefined;
  }
}

/**
 * Decodes the five predefined XML entities and numeric character references, after XML 1.0's
 * end-of-line handling (§2.11: a raw `\r\n` or lone `\r` reads as `\n`; a carriage return survives
 * only as `&#13;`/`&#xD;`), as every conforming parser (and so every provider SDK) reads it. Anything
 * else after `&` is kept as is.
 */
export function decodeXmlText(text: string): string {
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(';', amp + 1);
    if (semi < 0) break;
    const decoded = namedEntity(text, amp + 1, semi) ?? entityText(text.slice(amp + 1, semi));
    if (decoded === undefined) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    out += text.slice(from, amp) + decoded;
    from = semi + 1;
    amp = text.indexOf('&', from);
  }
  return from === 0 ? text : out + text.slice(from);
}

function addChild(parent: XmlObject, name: string, value: XmlValue, arrays: ReadonlySet<string>): void {
  if (name === '__proto__') return;
  const existing = parent[name];
  if (existing === undefined) {
    parent[name] = arrays.has(name) ? [value] : value;
  } else if (Array.isArray(existing)) {
    existing.push(value);
  } else {
    parent[name] = [existing, value];
  }
}

/** End of a start tag (the `>`), skipping `>` inside quoted attribute values; -1 if unterminated. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === GT) {
      return i;
    } else if (c === QUOTE || c === APOS) {
      quote = c;
    }
  }
  return -1;
}

/** Whether `c` ends an element name (whitespace, `/` or `>`). */
function endsName(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === SLASH || c === GT;
}

/** `<name>`, `<name ` and `</name>` of skippable names, built once per name. */
const TAGS = new Map<string, readonly [open: string, openWithAttributes: string, close: string]>();

/**
 * Where a skipped element `name` whose content starts at `from` ends (just past its end tag), or -1 when
 * that cannot be found cheaply (an element of the same name nested inside, or no plain `</name>`): then it is parsed.
 */
function skippedEnd(text: string, name: string, from: number): number {
  let tags = TAGS.get(name);
  if (tags === undefined) {
    tags = [`<${name}>`, `<${name} `, `</${name}>`];
    if (TAGS.size < 1000) TAGS.set(name, tags);
  }
  const close = text.indexOf(tags[2], from);
  if (close < 0) return -1;
  // Only the skipped span is searched for a nested start tag of the same name (a slice shares the text).
  const inner = text.slice(from, close);
  if (inner.includes(tags[0]) || inner.includes(tags[1])) return -1;
  return close + tags[2].length;
}

/**
 * The scanning engine behind {@link parseXml}: a small, fast, non-validating XML reader. Elements
 * become object keys, leaf elements become their decoded text (`''` when empty), attributes are
 * dropped, namespace prefixes are kept, repeated names become arrays and names in `arrays` are always
 * arrays; elements named in `skip` (below the root) may be jumped over without being parsed. CDATA,
 * comments and processing instructions are handled; a DTD is refused (no entity expansion).
 */
export function scanXml(text: string, arrays: ReadonlySet<string>, skip?: ReadonlySet<string>): XmlObject {
  const root: XmlObject = {};
  const names: string[] = [];
  const objs: (XmlObject | undefined)[] = [];
  const texts: string[] = [];
  let depth = 0;
  let curName = '';
  let curObj: XmlObject | undefined = root;
  // Text of the current element: one span [textStart, textEnd) while it is a single run, else `curText`.
  let curText = '';
  let textStart = -1;
  let textEnd = -1;
  let pos = 0;
  const len = text.length;
  while (pos < len) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) {
      if (depth > 0) throw new XmlSyntaxError(`Unclosed element <${curName}>`, len);
      break;
    }
    if (lt > pos && depth > 0 && curObj === undefined) {
      if (textStart < 0 && curText === '') {
        textStart = pos;
        textEnd = lt;
      } else {
        if (textStart >= 0) curText = text.slice(textStart, textEnd);
        textStart = -1;
        curText += text.slice(pos, lt);
      }
    }
    const c = text.charCodeAt(lt + 1);
    if (c === SLASH) {
      const nameStart = lt + 2;
      let gt = nameStart + curName.length;
      if (depth === 0 || !text.startsWith(curName, nameStart) || (text.charCodeAt(gt) !== GT && !endsName(text.charCodeAt(gt)))) {
        const end = text.indexOf('>', nameStart);
        const got = text.slice(nameStart, end < 0 ? len : end).trimEnd();
        throw new XmlSyntaxError(`Unexpected </${got}>${depth > 0 ? `, expected </${curName}>` : ''}`, lt);
      }
      if (text.charCodeAt(gt) !== GT) {
        gt = text.indexOf('>', gt);
        if (gt < 0) throw new XmlSyntaxError('Unterminated end tag', lt);
      }
      const value: XmlValue = curObj ?? (textStart >= 0 ? decodeXmlText(text.slice(textStart, textEnd)) : decodeXmlText(curText));
      const name = curName;
      depth--;
      curName = names[depth] as string;
      curText = texts[depth] as string;
      textStart = -1;
      const parent: XmlObject = objs[depth] ?? {};
      addChild(parent, name, value, arrays);
      curObj = parent;
      pos = gt + 1;
    } else if (c === BANG) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlSyntaxError('Unterminated comment', lt);
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlSyntaxError('Unterminated CDATA section', lt);
        if (depth > 0 && curObj === undefined) {
          if (textStart >= 0) curText = text.slice(textStart, textEnd);
          textStart = -1;
          // CDATA is literal: escape what decoding would turn back, so the final decode leaves it as is.
          curText += text.slice(lt + 9, end).replace(/&/g, '&amp;');
        }
        pos = end + 3;
      } else {
        throw new XmlSyntaxError('Document type declarations are not accepted', lt);
      }
    } else if (c === QMARK) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlSyntaxError('Unterminated processing instruction', lt);
      pos = end + 2;
    } else {
      let nameEnd = lt + 1;
      while (nameEnd < len && !endsName(text.charCodeAt(nameEnd))) nameEnd++;
      if (nameEnd === lt + 1) throw new XmlSyntaxError('Empty element name', lt);
      const gt = text.charCodeAt(nameEnd) === GT ? nameEnd : tagEnd(text, nameEnd);
      if (gt < 0) throw new XmlSyntaxError('Unterminated start tag', lt);
      const name = text.slice(lt + 1, nameEnd);
      if (depth === 0 && Object.keys(root).length > 0) throw new XmlSyntaxError('More than one root element', lt);
      if (text.charCodeAt(gt - 1) === SLASH) {
        if (skip === undefined || !skip.has(name)) {
          if (curObj === undefined) curObj = {};
          addChild(curObj, name, '', arrays);
        }
      } else if (skip !== undefined && depth > 0 && skip.has(name) && (pos = skippedEnd(text, name, gt + 1)) > 0) {
        // An element the caller does not read: jump over it without building anything.
        if (curObj === undefined) curObj = {};
      } else {
        names[depth] = curName;
        objs[depth] = curObj;
        texts[depth] = curText;
        depth++;
        curName = name;
        curObj = undefined;
        curText = '';
        textStart = -1;
      }
      if (pos <= gt) pos = gt + 1;
    }
  }
  if (depth > 0) throw new XmlSyntaxError(`Unclosed element <${curName}>`, len);
  if (Object.keys(root).length === 0) throw new XmlSyntaxError('No root element', 0);
  return root;
}
