import type { Readable } from 'node:stream';
import { redactHeaders, redactText, redactUrl } from './redact.js';

/** Longest body inlined into a curl command with `--data-binary`. */
const MAX_INLINE_BODY = 8192;

/** Quotes a string for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function isPrintable(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) return false;
  }
  return true;
}

/** Input of {@link toCurl}. */
export interface CurlInput {
  /** Method. */
  method: string;
  /** Full URL. */
  url: string | URL;
  /** Request headers. */
  headers: Readonly<Record<string, string | number | readonly string[] | undefined>>;
  /** Body bytes or text, or a stream (not inlined). */
  body?: Buffer | string | Readable | undefined;
  /** Add `-k` (TLS verification was turned off). */
  insecure?: boolean | undefined;
  /** Extra names to redact. */
  redact?: readonly string[] | undefined;
}

/**
 * A replayable `curl` command for a request, **redacted**: secret headers, query parameters and body fields
 * are replaced by `REDACTED`. Small printable bodies are inlined with `--data-binary`.
 */
export function toCurl(input: CurlInput): string {
  const parts = ['curl', '-sS'];
  if (input.insecure) parts.push('-k');
  if (input.method === 'HEAD') parts.push('--head');
  else if (input.method !== 'GET' || input.body !== undefined) parts.push('-X', input.method);
  parts.push(shellQuote(redactUrl(input.url, input.redact)));
  const headers = redactHeaders(input.headers, input.redact);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'host') continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const v of values) parts.push('-H', shellQuote(`${name}: ${v}`));
  }
  const body = input.body;
  if (body !== undefined) {
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      if (buf.length <= MAX_INLINE_BODY && isPrintable(buf)) {
        parts.push('--data-binary', shellQuote(redactText(buf.toString('utf8'), input.redact)));
      } else {
        parts.push('--data-binary', `@body.bin # ${buf.length} bytes not shown`);
      }
    } else {
      parts.push('--data-binary', '@- # streamed body not shown');
    }
  }
  return parts.join(' ');
}
