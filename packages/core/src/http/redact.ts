/** Text that replaces a redacted value. */
export const REDACTED = 'REDACTED';

const SENSITIVE = /passw|^pass$|^pwd$|adminpass|secret|token|privatekey|apikey|authkey|signature|credential|authorization|cookie|keymaterial|sessionkey/;
/** Names that match the pattern above but only carry pagination or idempotency state. */
const NOT_SENSITIVE = new Set(['nexttoken', 'clienttoken', 'continuationtoken', 'nextcontinuationtoken', 'paginationtoken', 'xamzcontentsha256']);

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

/**
 * Whether a header, query parameter, form field, JSON key or XML element name holds a secret:
 * passwords, secrets, tokens, private keys, API keys, signatures, credentials, cookies, plus `extra` names
 * (compared case-insensitively, ignoring `-`, `_` and `.`).
 */
export function isSensitiveName(name: string, extra?: readonly string[]): boolean {
  const n = normalize(name);
  if (extra !== undefined && extra.length > 0) {
    for (const e of extra) if (normalize(e) === n) return true;
  }
  if (NOT_SENSITIVE.has(n)) return false;
  return SENSITIVE.test(n);
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
const XML_ELEMENT = /<([A-Za-z_][\w.:-]*)(\s[^>]*)?>([^<]*)<\/\1>/g;
const HEADER_LINE = /^([ \t]*)([A-Za-z][A-Za-z0-9-]*)([ \t]*:[ \t]*)(\S.*)$/gm;
const FORM_PAIR = /(^|[^A-Za-z0-9_.%[\]-])([A-Za-z0-9_.%[\]-]+)=("(?:[^"\\]|\\.)*"?|[^&\s;"']*)/g;

/**
 * Redacts secrets in free text (bodies, traces, messages): PEM private keys, sensitive JSON keys
 * (`"password": "..."`), XML elements (`<SecretAccessKey>`), header-style lines (`Authorization: ...`),
 * and `name=value` pairs (form bodies, query strings, `Signature=` in auth headers).
 */
export function redactText(text: string, extra?: readonly string[]): string {
  if (text === '') return text;
  let out = text.replace(PEM_PRIVATE, (_m, kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----${REDACTED}-----END ${kind}PRIVATE KEY-----`);
  out = out.replace(JSON_PAIR, (m, key: string, sep: string, value: string) =>
    isSensitiveName(key, extra) && value !== '' ? `"${key}"${sep}"${REDACTED}"` : m,
  );
  out = out.replace(XML_ELEMENT, (m, name: string, attrs: string | undefined, _content: string) => {
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    return isSensitiveName(local, extra) ? `<${name}${attrs ?? ''}>${REDACTED}</${name}>` : m;
  });
  out = out.replace(HEADER_LINE, (m, indent: string, name: string, sep: string, value: string) =>
    isSensitiveName(name, extra) ? `${indent}${name}${sep}${redactHeaderValue(value)}` : m,
  );
  out = out.replace(FORM_PAIR, (m, pre: string, name: string, _value: string) =>
    isSensitiveName(decodeName(name), extra) ? `${pre}${name}=${REDACTED}` : m,
  );
  return out;
}
