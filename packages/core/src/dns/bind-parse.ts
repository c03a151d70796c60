import { InvalidArgumentError } from '../errors/cloud-error.js';

/** One token of a zone file line: a word or a quoted string, with where it starts. */
export interface BindToken {
  /** Text as written (quotes and backslash escapes included). */
  readonly raw: string;
  /** Bytes after unescaping (`\X` → X, `\DDD` → byte), without the quotes. */
  readonly bytes: Buffer;
  /** {@link BindToken.bytes} as UTF-8 text. */
  readonly text: string;
  /** Whether the token was a quoted string. */
  readonly quoted: boolean;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** One logical entry of a zone file: the tokens of a line, with parenthesised continuations joined. */
export interface BindEntry {
  /** Tokens in order. */
  readonly tokens: readonly BindToken[];
  /** Whether the line starts with a blank (its owner is the previous owner). */
  readonly blankOwner: boolean;
  /** 1-based line where the entry starts. */
  readonly line: number;
}

/** An {@link InvalidArgumentError} for zone text, naming the line and column. */
export function bindSyntaxError(line: number, column: number, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`BIND zone line ${line}, column ${column}: ${message}`);
}

/** A token whose bytes are only made when asked for (most tokens have no escapes). */
class Token implements BindToken {
  #bytes: Buffer | undefined;
  constructor(
    readonly raw: string,
    readonly quoted: boolean,
    readonly line: number,
    readonly column: number,
    bytes: Buffer | undefined,
  ) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return (this.#bytes ??= Buffer.from(this.quoted ? this.raw.slice(1, -1) : this.raw, 'utf8'));
  }
  get text(): string {
    return this.#bytes ? this.#bytes.toString('utf8') : this.quoted ? this.raw.slice(1, -1) : this.raw;
  }
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r';
const DELIMITERS = ' \t\r\n;()"';

/**
 * Reads a backslash escape at `text[i]` (the backslash): `\DDD` (a decimal byte) or `\X`.
 * Returns the byte(s) and the index after the escape.
 */
function readEscape(text: string, i: number, line: number, column: number): { bytes: Buffer; next: number } {
  const ddd = /^\d{3}/.exec(text.slice(i + 1, i + 4));
  if (ddd) {
    const n = Number(ddd[0]);
    if (n > 255) throw bindSyntaxError(line, column, `escape \\${ddd[0]} is not a byte (000 to 255)`);
    return { bytes: Buffer.from([n]), next: i + 4 };
  }
  const c = text[i + 1];
  if (c === undefined || c === '\n') throw bindSyntaxError(line, column, 'backslash at the end of a line');
  const cp = text.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  return { bytes: Buffer.from(ch, 'utf8'), next: i + 1 + ch.length };
}

/**
 * Splits zone file text (RFC 1035 §5.1 master file syntax) into logical entries: comments (`;`
 * outside quotes) are dropped, lines inside parentheses are joined, quoted strings keep their
 * spaces and escapes (`\"`, `\\`, `\DDD`). Unbalanced parentheses, unterminated quotes and bad
 * escapes throw {@link InvalidArgumentError} with the line and column.
 */
export function tokenizeBindZone(text: string): BindEntry[] {
  const entries: BindEntry[] = [];
  let tokens: BindToken[] = [];
  let entryLine = 1;
  let blankOwner = false;
  let parens: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const flush = (): void => {
    if (tokens.length > 0) entries.push({ tokens, blankOwner, line: entryLine });
    tokens = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    const column = i - lineStart + 1;
    if (c === '\n') {
      if (parens.length === 0) flush();
      line++;
      i++;
      lineStart = i;
      if (parens.length === 0) {
        entryLine = line;
        blankOwner = i < text.length && isBlank(text[i]!);
      }
      continue;
    }
    if (i === 0) blankOwner = isBlank(c);
    if (isBlank(c)) {
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') {
      parens.push({ line, column });
      i++;
    } else if (c === ')') {
      if (parens.length === 0) throw bindSyntaxError(line, column, '")" without a matching "("');
      parens = parens.slice(0, -1);
      i++;
    } else if (c === '"') {
      const parts: Buffer[] = [];
      let escaped = false;
      let j = i + 1;
      let plain = j;
      for (;;) {
        const d = text[j];
        if (d === undefined || d === '\n') throw bindSyntaxError(line, column, 'quoted string not closed on its line');
        if (d === '"') break;
        if (d === '\\') {
          escaped = true;
          parts.push(Buffer.from(text.slice(plain, j), 'utf8'));
          const esc = readEscape(text, j, line, j - lineStart + 1);
          parts.push(esc.bytes);
          j = esc.next;
          plain = j;
          continue;
        }
        j++;
      }
      if (escaped) parts.push(Buffer.from(text.slice(plain, j), 'utf8'));
      tokens.push(new Token(text.slice(i, j + 1), true, line, column, escaped ? Buffer.concat(parts) : undefined));
      i = j + 1;
    } else {
      const parts: Buffer[] = [];
      let escaped = false;
      let j = i;
      let plain = j;
      while (j < text.length && !DELIMITERS.includes(text[j]!)) {
        if (text[j] === '\\') {
          escaped = true;
          parts.push(Buffer.from(text.slice(plain, j), 'utf8'));
          const esc = readEscape(text, j, line, j - lineStart + 1);
          parts.push(esc.bytes);
          j = esc.next;
          plain = j;
          continue;
        }
        j++;
      }
      if (escaped) parts.push(Buffer.from(text.slice(plain, j), 'utf8'));
      tokens.push(new Token(text.slice(i, j), false, line, column, escaped ? Buffer.concat(parts) : undefined));
      i = j;
    }
  }
  const open = parens[parens.length - 1];
  if (open) throw bindSyntaxError(open.line, open.column, '"(" is never closed');
  flush();
  return entries;
}

/** Seconds per BIND TTL unit letter. */
const TTL_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Largest TTL (RFC 2181 §8): 2^31 - 1 seconds. */
export const MAX_BIND_TTL = 2_147_483_647;

/** Whether a token looks like a TTL: digits, or BIND's unit form (`1h30m`, `2D`). */
export function isBindTtl(text: string): boolean {
  return /^\d+$/.test(text) || /^(\d+[smhdwSMHDW])+$/.test(text);
}

/** A TTL or SOA timer in seconds (`3600`, `1h`, `1w2d`); throws with the token's position when invalid. */
export function parseBindTtl(token: BindToken): number {
  const t = token.raw;
  if (!isBindTtl(t)) throw bindSyntaxError(token.line, token.column, `${JSON.stringify(t)} is not a TTL (seconds, or units such as 1h30m)`);
  let total = 0;
  if (/^\d+$/.test(t)) total = Number(t);
  else for (const m of t.matchAll(/(\d+)([a-zA-Z])/g)) total += Number(m[1]) * TTL_UNITS[m[2]!.toLowerCase()]!;
  if (total > MAX_BIND_TTL) throw bindSyntaxError(token.line, token.column, `TTL ${t} is larger than ${MAX_BIND_TTL} seconds`);
  return total;
}

/**
 * Parses a sequence of `<character-string>`s as written in a zone file or in PowerDNS record
 * content (`"a b" "c\"d"`, or bare words) into their byte strings.
 */
export function parseCharacterStrings(text: string): Buffer[] {
  const entries = tokenizeBindZone(text.replace(/\n/g, ' '));
  return entries.flatMap((e) => e.tokens.map((t) => t.bytes));
}
