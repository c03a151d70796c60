import { decodeXmlText, scanXml } from './scan.js';
import { XmlSyntaxError, type XmlValue } from './types.js';

/**
 * Reads the repeated `record` elements of a list answer (S3 `<Contents>`, Azure `<Blob>`, …) without
 * building a tree: for each one, in document order, the decoded text of the first element named
 * `fields[i]` inside it, at any depth, first in document order (`undefined` when absent, `''` when empty), is passed to `visit`
 * as `values[i]`. `values` is reused between calls: copy what you keep.
 *
 * A fast path for large listings; the rest of the answer (paging tokens, …) is read with
 * {@link parseXml}, which can `skip` the records. Returns the span `[start, end)` from the first
 * record's start to the last record's end when only whitespace separates the records (so
 * `text.slice(0, start) + text.slice(end)` is the answer without them, cheaper to parse), else
 * `undefined` (no records, or anything else between them). Records holding CDATA, comments, processing
 * instructions or a field with attributes or child elements are read with the full scanner, so the
 * values are what {@link parseXml} gives; records nested in records are not list members and are
 * refused with {@link XmlSyntaxError}, as is a record without its end tag.
 */
export function forEachXmlRecord(
  text: string,
  record: string,
  fields: readonly string[],
  visit: (values: readonly (string | undefined)[]) => void,
): readonly [start: number, end: number] | undefined {
  const open = `<${record}`;
  const close = `</${record}>`;
  const n = fields.length;
  const values: (string | undefined)[] = new Array<string | undefined>(n).fill(undefined);
  let pos = 0;
  let first = -1;
  // Whether only whitespace has separated the records so far.
  let contiguous = true;
  for (;;) {
    const lt = text.indexOf(open, pos);
    if (lt < 0) return first >= 0 && contiguous ? [first, pos] : undefined;
    if (first < 0) first = lt;
    else if (contiguous) for (let i = pos; i < lt && contiguous; i++) contiguous = isSpace(text.charCodeAt(i));
    const after = text.charCodeAt(lt + open.length);
    // `<Contents>` or `<Contents …>` only, not `<ContentsX>`; `<Contents/>` is an empty record.
    if (after !== 62 /* > */ && !isSpace(after) && after !== 47 /* / */) {
      if (first === lt) first = -1;
      contiguous = first < 0;
      pos = lt + open.length;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt < 0) throw new XmlSyntaxError(`Unterminated <${record}> start tag`, lt);
    if (text.charCodeAt(gt - 1) === 47) {
      values.fill(undefined);
      visit(values);
      pos = gt + 1;
      continue;
    }
    let end = readFields(text, record, n, gt + 1, fields, values);
    if (end < 0) {
      end = text.indexOf(close, gt);
      if (end < 0) throw new XmlSyntaxError(`Unclosed element <${record}>`, lt);
      const nested = text.indexOf(open, gt);
      if (nested >= 0 && nested < end) throw new XmlSyntaxError(`<${record}> nested in <${record}>`, nested);
      slowRecord(text.slice(lt, end + close.length), record, fields, values);
    }
    visit(values);
    pos = end + close.length;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Whether `c` ends an element name (whitespace, `/` or `>`). */
function endsName(c: number): boolean {
  return c === 62 || c === 47 || isSpace(c);
}

/**
 * Fills `values` from one record's content, starting at `from`, in a single pass over its tags: the
 * first `<f>text</f>` (or `<f/>`) of each field, at any depth. Returns where the record's end tag
 * starts, or -1 when the record needs the full scanner (CDATA, a comment or processing instruction,
 * a field with attributes or child elements, a nested record, no end tag).
 */
function readFields(
  text: string,
  record: string,
  n: number,
  from: number,
  fields: readonly string[],
  values: (string | undefined)[],
): number {
  values.fill(undefined);
  const rlen = record.length;
  let pos = from;
  let next = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return -1;
    const c = text.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      if (text.charCodeAt(lt + 2 + rlen) === 62 && text.startsWith(record, lt + 2)) return lt;
      pos = lt + 2;
      continue;
    }
    if (c === 33 /* ! */ || c === 63 /* ? */) return -1;
    let i = -1;
    let e: number;
    let len: number;
    // Records usually list their fields in `fields` order: try the next one expected first.
    const hinted = fields[next];
    if (
      hinted !== undefined &&
      values[next] === undefined &&
      text.startsWith(hinted, lt + 1) &&
      endsName(text.charCodeAt(lt + 1 + hinted.length))
    ) {
      i = next;
      len = hinted.length;
      e = lt + 1 + len;
    } else {
      for (e = lt + 1; e < text.length && !endsName(text.charCodeAt(e)); e++);
      len = e - lt - 1;
      if (len === rlen && text.startsWith(record, lt + 1)) return -1;
      for (let k = 0; k < n; k++) {
        const f = fields[k]!;
        if (f.length === len && values[k] === undefined && text.startsWith(f, lt + 1)) {
          i = k;
          break;
        }
      }
    }
    if (i < 0) {
      pos = e;
      continue;
    }
    const ch = text.charCodeAt(e);
    if (ch === 47 && text.charCodeAt(e + 1) === 62) {
      values[i] = '';
      pos = e + 2;
      next = i + 1;
      continue;
    }
    // Attributes (or `<f />`): the full scanner reads them.
    if (ch !== 62) return -1;
    const vs = e + 1;
    const vlt = text.indexOf('<', vs);
    // The value must be text up to its own end tag (no child elements, no CDATA).
    if (vlt < 0 || text.charCodeAt(vlt + 1) !== 47 || text.charCodeAt(vlt + 2 + len) !== 62 || !text.startsWith(fields[i]!, vlt + 2))
      return -1;
    values[i] = decodeXmlText(text.slice(vs, vlt));
    pos = vlt + 3 + len;
    next = i + 1;
  }
}

/** The first element named `name` below `v` in document order (depth first, children in the order they first occur). */
function findElement(v: XmlValue | XmlValue[] | undefined, name: string): XmlValue | XmlValue[] | undefined {
  if (v === undefined || typeof v === 'string') return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = findElement(x, name);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  for (const k in v) {
    if (k === name) return v[k];
    const r = findElement(v[k], name);
    if (r !== undefined) return r;
  }
  return undefined;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Reads one record with the full scanner (CDATA, comments, attributes, …). */
function slowRecord(element: string, record: string, fields: readonly string[], values: (string | undefined)[]): void {
  const obj = scanXml(element, NO_NAMES, undefined)[record];
  for (let i = 0; i < fields.length; i++) {
    let v = typeof obj === 'object' ? findElement(obj, fields[i]!) : undefined;
    if (Array.isArray(v)) v = v[0];
    values[i] = typeof v === 'string' ? v : v === undefined ? undefined : '';
  }
}
