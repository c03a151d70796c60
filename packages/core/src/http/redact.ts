/** Text that replaces a redacted value. */
export const REDACTED = 'REDACTED';

const SENSITIVE =
  /passw|passphrase|^pass$|^pwd$|adminpass|secret|token|privatekey|apikey|authkey|signature|credential|authorization|cookie|keymaterial|sessionkey/;
/** `*_pw`, `*_pass`, `*_pwd`, `*_passwd` (also camelCase: `rootPw`, `dbPass`), matched on each dotted segment. */
const PASSWORD_SUFFIX = /(?:^|[-_.\s])(?:pw|pass|pwd|passwd)$/i;
const CAMEL_PASSWORD_SUFFIX = /[a-z0-9](?:Pw|Pass|Pwd|Passwd)$/;
/** Names that match the pattern above but only carry pagination or idempotency state. */
const NOT_SENSITIVE = new Set([
  'nexttoken',
  'clienttoken',
  'continuationtoken',
  'nextcontinuationtoken',
  'paginationtoken',
  'xamzcontentsha256',
]);

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

/** The segments of a dotted or bracketed name (`LaunchSpecification.UserData`, `metadata.root_pw`, `a[b]`). */
function segments(name: string): string[] {
  return name.split(/[.[\]]+/).filter((seg) => seg !== '' && !/^\d+$/.test(seg));
}

function matchesName(name: string, extra: readonly string[] | undefined): boolean {
  const n = normalize(name);
  if (extra !== undefined && extra.length > 0) {
    for (const e of extra) if (normalize(e) === n) return true;
  }
  if (NOT_SENSITIVE.has(n)) return false;
  return SENSITIVE.test(n) || PASSWORD_SUFFIX.test(name) || CAMEL_PASSWORD_SUFFIX.test(name);
}

/**
 * Whether a header, query parameter, form field, JSON key or XML element name holds a secret:
 * passwords (`*password*`, `*_pw`, `*_pass`, `*_pwd`), secrets, tokens, private keys, API keys, signatures,
 * credentials, authorization, cookies, plus `extra` names (compared case-insensitively, ignoring `-`, `_` and `.`).
 * A dotted name (`metadata.root_pw`, `LaunchSpecification.UserData`, `UserData.Value`) is sensitive when any segment is.
 */
export function isSensitiveName(name: string, extra?: readonly string[]): boolean {
  if (matchesName(name, extra)) return true;
  if (!/[.[\]]/.test(name)) return false;
  for (const seg of segments(name)) if (matchesName(seg, extra)) return true;
  return false;
}

/** Redacts an `Authorization`-style value, keeping the scheme word (`Signature`, `Bearer`, `AWS4-HMAC-SHA256`). */
function redactHeaderValue(value: string): string {
  const m = /^([A-Za-z][A-Za-z0-9-]*) \S/.exec(value);
  return m ? `${m[1]} ${REDACTED}` : REDACTED;
}

/** Copy of `headers` with secret values (Authorization, cookies, tokens, signatures, `extra` names) replaced. */
export function redactHeaders<V extends string | number | readonly string[] | undefined>(
  headers: Readonly<Record<string, V>>,
  extra?: readonly string[],
): Record<string, V | string | string[]> {
  const out: Record<string, V | string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !isSensitiveName(name, extra)) {
      out[name] = value;
    } else if (Array.isArray(value)) {
      out[name] = value.map((v: string) => redactHeaderValue(v));
    } else {
      out[name] = redactHeaderValue(String(value));
    }
  }
  return out;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Redacts `name=value` pairs of a query or form string whose names are sensitive; keeps everything else byte for byte. */
export function redactQueryString(query: string, extra?: readonly string[]): string {
  if (query === '') return query;
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      return isSensitiveName(decodeName(pair.slice(0, eq)), extra) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}

/**
 * A URL with secrets removed: the password in `user:password@`, and the values of sensitive query parameters
 * (`Signature`, `X-Amz-Signature`, `X-Amz-Credential`, `X-Amz-Security-Token`, `token`, `password`, `extra` names...).
 * The rest of the URL is kept as it was; the fragment is dropped.
 */
export function redactUrl(url: string | URL, extra?: readonly string[]): string {
  let s = typeof url === 'string' ? url : url.href;
  const hash = s.indexOf('#');
  if (hash !== -1) s = s.slice(0, hash);
  const q = s.indexOf('?');
  let base = q === -1 ? s : s.slice(0, q);
  const at = base.indexOf('@');
  if (at !== -1) {
    const schemeEnd = base.indexOf('://');
    const start = schemeEnd === -1 ? 0 : schemeEnd + 3;
    const slash = base.indexOf('/', start);
    if (slash === -1 || at < slash) {
      const userinfo = base.slice(start, at);
      const colon = userinfo.indexOf(':');
      if (colon !== -1) base = `${base.slice(0, start)}${userinfo.slice(0, colon)}:${REDACTED}${base.slice(at)}`;
    }
  }
  return q === -1 ? base : `${base}?${redactQueryString(s.slice(q + 1), extra)}`;
}

const PEM_PRIVATE = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const JSON_PAIR = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|-?\d[\d.eE+-]*|true|false)/g;
const XML_OPEN = /<([A-Za-z_][\w.:-]*)(\s[^<>]*)?>/g;
/** The same opening tag, entity-escaped inside another document (XML-RPC strings carrying XML: `&lt;PASSWORD&gt;`). */
const ESCAPED_XML_OPEN = /&lt;([A-Za-z_][\w.:-]*)(\s(?:(?!&[lg]t;)[^<>])*)?&gt;/g;
const HEADER_LINE = /^([ \t]*)([A-Za-z][\w.-]*)([ \t]*:[ \t]*)(\S.*)$/gm;
const FORM_PAIR = /(^|[^A-Za-z0-9_.%[\]-])([A-Za-z0-9_.%[\]-]+)=("(?:[^"\\]|\\.)*"?|[^&\s;"']*)/g;

/** Replaces PEM private key blocks (also a truncated one) by a marker. */
function redactPem(text: string): string {
  return text.replace(PEM_PRIVATE, (_m, kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----${REDACTED}-----END ${kind}PRIVATE KEY-----`);
}

/**
 * A deep copy of a JSON-like value with the **whole** value under every sensitive key replaced by `REDACTED`
 * (objects and arrays included: `credentials: {...}` becomes `credentials: "REDACTED"`), and PEM private keys
 * and other secrets inside strings redacted as {@link redactText} does. Cycles become `"[Circular]"`.
 */
export function redactValue<T>(value: T, extra?: readonly string[]): T {
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, extra);
    if (typeof v !== 'object' || v === null) return v;
    if (Buffer.isBuffer(v) || ArrayBuffer.isView(v) || v instanceof Date) return v;
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = isSensitiveName(k, extra) ? REDACTED : walk(x);
    return out;
  };
  return walk(value) as T;
}

/** Index just past the JSON string starting at `i` (a `"`), or `text.length` when it is not closed. */
function jsonStringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return text.length;
}

/** Index just past the JSON value starting at `i`, tolerating truncation (then `text.length`). */
function jsonValueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return jsonStringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = jsonStringEnd(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  const m = /[,}\]\s]/.exec(text.slice(i, i + 4096));
  return m ? i + m.index : Math.min(text.length, i + 4096);
}

function decodeJsonString(raw: string): string {
  try {
    return JSON.parse(raw.endsWith('"') && raw.length > 1 ? raw : `${raw}"`) as string;
  } catch {
    return raw.slice(1, raw.endsWith('"') ? -1 : undefined);
  }
}

/**
 * Tolerant structural JSON redaction over text (valid or truncated JSON, or JSON inside other text): every
 * `"key": value` whose key is sensitive gets its whole value (string, number, object, array; up to the end of
 * the text when truncated) replaced by `"REDACTED"`. Everything else is kept byte for byte.
 */
function redactJsonText(text: string, extra: readonly string[] | undefined): string {
  if (!text.includes('"')) return text;
  const parts: string[] = [];
  let last = 0;
  let i = text.indexOf('"');
  while (i !== -1 && i < text.length) {
    const end = jsonStringEnd(text, i);
    let j = end;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
    if (end < text.length && text[end - 1] === '"' && end - i >= 2 && text[j] === ':') {
      const key = decodeJsonString(text.slice(i, end));
      if (isSensitiveName(key, extra)) {
        let k = j + 1;
        while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\n' || text[k] === '\r')) k++;
        if (k < text.length) {
          const valueEnd = jsonValueEnd(text, k);
          if (text.slice(k, valueEnd) !== `"${REDACTED}"`) {
            parts.push(text.slice(last, k), `"${REDACTED}"`);
            last = valueEnd;
          }
          i = text.indexOf('"', valueEnd);
          continue;
        }
      }
    }
    i = end >= text.length ? -1 : text.indexOf('"', end);
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/**
 * Structural XML redaction: the whole content of a sensitive element (nested elements included, up to the
 * end of the text when it is truncated) becomes `REDACTED`.
 */
function redactXmlText(text: string, extra: readonly string[] | undefined, escaped = false): string {
  if (!text.includes(escaped ? '&lt;' : '<')) return text;
  const open = escaped ? ESCAPED_XML_OPEN : XML_OPEN;
  const parts: string[] = [];
  let last = 0;
  open.lastIndex = 0;
  for (let m = open.exec(text); m !== null; m = open.exec(text)) {
    const name = m[1]!;
    const attrs = m[2] ?? '';
    if (attrs.endsWith('/')) continue;
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    if (!isSensitiveName(local, extra)) continue;
    const start = m.index + m[0].length;
    const close = text.indexOf(escaped ? `&lt;/${name}&gt;` : `</${name}>`, start);
    const end = close === -1 ? text.length : close;
    if (text.slice(start, end) === REDACTED) continue;
    parts.push(text.slice(last, start), REDACTED);
    last = end;
    open.lastIndex = end;
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/**
 * Redacts secrets in free text (bodies, traces, messages, truncated snippets): PEM private key blocks; in JSON,
 * the whole value under a sensitive key (`"credentials": {...}`, `"metadata": {"root_pw": ...}`, also in
 * truncated JSON); in XML, the whole content of a sensitive element (`<userData><value>…`), also when the XML is
 * entity-escaped inside another document (`&lt;PASSWORD&gt;…`, as XML-RPC strings carry it); header-style
 * lines (`Authorization: ...`); and `name=value` pairs (form bodies, query strings, `Signature=` in auth headers).
 */
export function redactText(text: string, extra?: readonly string[]): string {
  if (text === '') return text;
  let out = redactPem(text);
  out = redactJsonText(out, extra);
  out = out.replace(JSON_PAIR, (m, key: string, sep: string, value: string) =>
    isSensitiveName(key, extra) && value !== '' && value !== `"${REDACTED}"` ? `"${key}"${sep}"${REDACTED}"` : m,
  );
  out = redactXmlText(out, extra);
  out = redactXmlText(out, extra, true);
  out = out.replace(HEADER_LINE, (m, indent: string, name: string, sep: string, value: string) =>
    isSensitiveName(name, extra) ? `${indent}${name}${sep}${redactHeaderValue(value)}` : m,
  );
  out = out.replace(FORM_PAIR, (m, pre: string, name: string, _value: string) =>
    isSensitiveName(decodeName(name), extra) ? `${pre}${name}=${REDACTED}` : m,
  );
  return out;
}
