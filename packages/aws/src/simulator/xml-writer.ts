import { escapeXml, escapeXmlAttribute } from './errors.js';

const INDENTS: string[] = [''];
function indent(depth: number): string {
  while (INDENTS.length <= depth) INDENTS.push(`${INDENTS[INDENTS.length - 1]}    `);
  return INDENTS[depth] as string;
}

/** A scalar written as element text; `undefined` omits the element. */
export type XmlScalar = string | number | boolean | undefined;

/**
 * Streams an EC2-style XML document into string parts: four-space indentation like AWS,
 * lists as `<name><item>…</item></name>` (or `<name/>` when empty).
 */
export class XmlWriter {
  private out = '';
  private readonly stack: string[] = [];

  /** Starts the document with the XML declaration and a root element (optionally with an `xmlns`). */
  constructor(root: string, xmlns?: string) {
    this.out = `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns ? ` xmlns="${escapeXmlAttribute(xmlns)}"` : ''}>\n`;
    this.stack.push(root);
  }

  /** Opens an element. */
  open(name: string): this {
    this.out += `${indent(this.stack.length)}<${name}>\n`;
    this.stack.push(name);
    return this;
  }

  /** Closes the innermost open element. */
  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter: nothing to close');
    this.out += `${indent(this.stack.length)}</${name}>\n`;
    return this;
  }

  /** Writes `<name>value</name>`; skipped when `value` is `undefined`; an empty string writes `<name/>`. */
  leaf(name: string, value: XmlScalar): this {
    if (value === undefined) return this;
    const text = typeof value === 'string' ? escapeXml(value) : String(value);
    if (text === '') this.out += `${indent(this.stack.length)}<${name}/>\n`;
    else this.out += `${indent(this.stack.length)}<${name}>${text}</${name}>\n`;
    return this;
  }

  /** Writes an empty element `<name/>`. */
  empty(name: string): this {
    this.out += `${indent(this.stack.length)}<${name}/>\n`;
    return this;
  }

  /** Writes `<name>` with `write` filling it, then closes it. */
  element(name: string, write: (w: this) => void): this {
    this.open(name);
    write(this);
    return this.close();
  }

  /** Writes an EC2 list: `<name><item>…</item>…</name>`, or `<name/>` when there are no items. */
  list<T>(name: string, items: Iterable<T>, write: (item: T, w: this) => void): this {
    let opened = false;
    for (const item of items) {
      if (!opened) {
        this.open(name);
        opened = true;
      }
      this.open('item');
      write(item, this);
      this.close();
    }
    if (!opened) this.empty(name);
    return opened ? this.close() : this;
  }

  /** Writes a list of scalars: `<name><item>a</item><item>b</item></name>` (or `<name/>`). */
  values(name: string, items: readonly XmlScalar[]): this {
    if (items.length === 0) return this.empty(name);
    this.open(name);
    for (const item of items) this.leaf('item', item);
    return this.close();
  }

  /** Writes a tag list `<tagSet><item><key/><value/></item></tagSet>`. */
  tags(tags: ReadonlyMap<string, string>, name = 'tagSet'): this {
    return this.list(name, tags, ([key, value], w) => {
      w.leaf('key', key).leaf('value', value);
    });
  }

  /** Closes every open element and returns the document. */
  finish(): string {
    while (this.stack.length > 0) this.close();
    return this.out;
  }
}
