/**
 * Parses an `Authorization: Signature ...` header the way CloudAPI does: the modern
 * (http-signature >= 0.10) dialect first, then the legacy 0.9 one, and builds the signing string.
 * @module
 */
import type { IncomingHttpHeaders } from 'node:http';

/** A parsed signature header. */
export interface ParsedSignature {
  /** `modern` (`signature="..."` param, `name: value` lines) or `legacy` (0.9: trailing signature, raw values). */
  dialect: 'modern' | 'legacy';
  keyId: string;
  /** Lower-cased algorithm, e.g. `rsa-sha256`. */
  algorithm: string;
  /** Signed header names (lower case), in order. */
  headers: string[];
  /** Base64 signature. */
  signature: string;
}

/** Thrown for a header the parser rejects; CloudAPI answers 400 InvalidHeader with this text. */
export class SignatureHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureHeaderError';
  }
}

/** Parses `k="v",k2="v2"` from the start of `text`; returns params and the rest. */
function parseParams(text: string): { params: Record<string, string>; rest: string } {
  const params: Record<string, string> = {};
  const re = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*"([^"]*)"\s*/;
  let rest = text;
  for (;;) {
    const m = re.exec(rest);
    if (!m) break;
    const name = m[1]!;
    if (name in params) throw new SignatureHeaderError(`bad param format: duplicate ${name}`);
    params[name] = m[2]!;
    rest = rest.slice(m[0].length);
    if (!rest.startsWith(',')) break;
    rest = rest.slice(1);
  }
  return { params, rest: rest.trim() };
}

/**
 * Parses the Authorization header value. `headers` defaults to `date` (or `x-date` when that
 * header is present), as the http-signature parser does.
 */
export function parseSignatureHeader(value: string, requestHeaders: IncomingHttpHeaders): ParsedSignature {
  const space = value.indexOf(' ');
  const scheme = space === -1 ? value : value.slice(0, space);
  if (scheme !== 'Signature') throw new SignatureHeaderError('scheme was not "Signature"');
  const { params, rest } = parseParams(value.slice(space + 1));
  let dialect: ParsedSignature['dialect'] = 'modern';
  let signature = params['signature'];
  if (signature === undefined) {
    if (rest !== '' && /^[A-Za-z0-9+/=]+$/.test(rest)) {
      dialect = 'legacy';
      signature = rest;
    }
  } else if (rest !== '') {
    throw new SignatureHeaderError('bad param format');
  }
  if (params['keyId'] === undefined) throw new SignatureHeaderError('keyId was not specified');
  if (params['algorithm'] === undefined) throw new SignatureHeaderError('algorithm was not specified');
  if (signature === undefined || signature === '') throw new SignatureHeaderError('signature was not specified');
  const defaultHeader = requestHeaders['x-date'] !== undefined ? 'x-date' : 'date';
  const headers = (params['headers'] ?? defaultHeader).toLowerCase().split(/\s+/).filter(Boolean);
  return { dialect, keyId: params['keyId'], algorithm: params['algorithm'].toLowerCase(), headers, signature };
}

/** Request facts the signing string is built from. */
export interface SigningRequest {
  method: string;
  /** Path with query, exactly as sent. */
  rawPath: string;
  httpVersion: string;
  headers: IncomingHttpHeaders;
}

/** Builds the signing string for `parsed`; throws when a signed header is missing. */
export function signingString(parsed: ParsedSignature, req: SigningRequest): string {
  const lines: string[] = [];
  for (const h of parsed.headers) {
    if (h === '(request-target)') {
      if (parsed.dialect === 'legacy') throw new SignatureHeaderError('(request-target) is not supported by this signature format');
      lines.push(`(request-target): ${req.method.toLowerCase()} ${req.rawPath}`);
    } else if (h === 'request-line') {
      lines.push(`${req.method.toUpperCase()} ${req.rawPath} HTTP/${req.httpVersion}`);
    } else {
      const raw = req.headers[h];
      if (raw === undefined) throw new SignatureHeaderError(`${h} was not in the request`);
      const v = Array.isArray(raw) ? raw.join(', ') : raw;
      lines.push(parsed.dialect === 'legacy' ? v : `${h}: ${v}`);
    }
  }
  return lines.join('\n');
}
