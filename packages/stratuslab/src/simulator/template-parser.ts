/** A parsed OpenNebula template: single attributes and vector attributes (`DISK = [ … ]`), keys upper-cased. */
export interface ParsedTemplate {
  /** `KEY = value` attributes (last one wins). */
  readonly single: ReadonlyMap<string, string>;
  /** `KEY = [ k = v, … ]` attributes, in order (several `DISK`s). */
  readonly vectors: readonly { readonly name: string; readonly values: ReadonlyMap<string, string> }[];
}

/** A template the simulator's oned refuses to parse. */
export class TemplateSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/**
 * Parses the OpenNebula 3.x template syntax subset StratusLab sends: `NAME = value` or `NAME = "value"`
 * (newlines separate attributes), `NAME = [ key = value, key = "value" ]` vectors, `#` comments.
 */
export function parseTemplate(text: string): ParsedTemplate {
  const single = new Map<string, string>();
  const vectors: { name: string; values: Map<string, string> }[] = [];
  let i = 0;
  const ws = (nl: boolean): void => {
    while (i < text.length) {
      const c = text[i]!;
      if (c === '#') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === ' ' || c === '\t' || c === '\r' || (nl && c === '\n')) i++;
      else break;
    }
  };
  const name = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) throw new TemplateSyntaxError(`syntax error at offset ${i}: expected an attribute name`);
    i += m[0].length;
    return m[0].toUpperCase();
  };
  const value = (inVector: boolean): string => {
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end === -1) throw new TemplateSyntaxError(`syntax error at offset ${i}: unterminated string`);
      const v = text.slice(i + 1, end);
      i = end + 1;
      return v;
    }
    const stop = inVector ? /[,\]\n]/ : /\n/;
    let j = i;
    while (j < text.length && !stop.test(text[j]!)) j++;
    const v = text.slice(i, j).trim();
    i = j;
    if (v === '') throw new TemplateSyntaxError(`syntax error at offset ${i}: empty value`);
    return v;
  };
  const expect = (c: string): void => {
    if (text[i] !== c) throw new TemplateSyntaxError(`syntax error at offset ${i}: expected "${c}"`);
    i++;
  };
  ws(true);
  while (i < text.length) {
    const key = name();
    ws(false);
    expect('=');
    ws(false);
    if (text[i] === '[') {
      i++;
      const values = new Map<string, string>();
      ws(true);
      while (text[i] !== ']') {
        const k = name();
        ws(true);
        expect('=');
        ws(true);
        values.set(k, value(true));
        ws(true);
        if (text[i] === ',') {
          i++;
          ws(true);
        } else if (text[i] !== ']') throw new TemplateSyntaxError(`syntax error at offset ${i}: expected "," or "]"`);
      }
      i++;
      vectors.push({ name: key, values });
    } else {
      single.set(key, value(false));
    }
    ws(false);
    if (i < text.length && text[i] !== '\n') throw new TemplateSyntaxError(`syntax error at offset ${i}: expected a new line`);
    ws(true);
  }
  return { single, vectors };
}
