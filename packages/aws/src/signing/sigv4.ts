import { createHash, createHmac } from 'node:crypto';
import type { SignableRequest } from '@cloudmux/core/http';

/** AWS credentials: an access key pair plus an optional STS session token. */
export interface AwsCredentials {
  /** Access key id (`AKIA…`/`ASIA…`). */
  accessKeyId: string;
  /** Secret access key. */
  secretAccessKey: string;
  /** Session token of temporary credentials. */
  sessionToken?: string | undefined;
}

/** Where and when a request is signed. */
export interface SigV4Scope {
  /** Region, e.g. `us-east-1`. */
  region: string;
  /** Service signing name, e.g. `ec2`, `s3`, `iam`. */
  service: string;
  /** Signing time (default: now). */
  now?: Date | undefined;
}

/** Everything {@link computeSignatureV4} needs besides the request and the secret. */
export interface SigV4SignatureScope {
  /** Region. */
  region: string;
  /** Service signing name. */
  service: string;
  /** `YYYYMMDDTHHMMSSZ` timestamp (the `x-amz-date` header). */
  amzDate: string;
  /** Lower-case names of the signed headers. */
  signedHeaders: readonly string[];
}

/** The request parts that enter a signature. */
export interface SigV4Request {
  /** Method (any case; upper-cased). */
  method: string;
  /** Full URL as sent (path and query). */
  url: URL;
  /** Headers with lower-case names; `host` falls back to `url.host`. */
  headers: Record<string, string>;
  /** Body bytes; `undefined` hashes as the empty payload unless `x-amz-content-sha256` is set (S3). */
  body: Buffer | undefined;
}

/** A parsed `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface ParsedAuthorizationV4 {
  /** Access key id from the credential scope. */
  accessKeyId: string;
  /** `YYYYMMDD` date of the credential scope. */
  date: string;
  /** Region of the credential scope. */
  region: string;
  /** Service of the credential scope. */
  service: string;
  /** Signed header names, in header order. */
  signedHeaders: string[];
  /** Hex signature. */
  signature: string;
}

/** The SigV4 algorithm name. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** SHA-256 of the empty string, in hex. */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Payload hash value for unsigned S3 payloads (streams). */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** Headers signed besides every `x-amz-*` header. */
const SIGNED_PLAIN_HEADERS = new Set(['host', 'content-type', 'content-md5', 'range']);
const KEY_CACHE_LIMIT = 64;
const keyCache = new Map<string, Buffer>();

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `YYYYMMDDTHHMMSSZ` for a date (UTC). */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * The SigV4 signing key for a secret, `YYYYMMDD` date, region and service:
 * `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
 * Derived keys are cached per (secret, date, region, service).
 */
export function deriveSigningKeyV4(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${date}\n${region}\n${service}\n${secretAccessKey}`;
  const cached = keyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  const key = hmac(kService, 'aws4_request');
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(cacheKey, key);
  return key;
}

/** RFC 3986 encoding as SigV4 wants it: everything except `A-Za-z0-9-_.~` is `%XX` (upper-case hex). */
export function uriEncodeV4(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Canonical URI. S3: each segment of the decoded path encoded once, no normalisation.
 * Other services: dot segments removed, then each segment of the path *as sent* encoded again (so `%` becomes `%25`).
 */
export function canonicalUriV4(pathname: string, service: string): string {
  if (pathname === '') return '/';
  if (service === 's3')
    return pathname
      .split('/')
      .map((seg) => uriEncodeV4(safeDecode(seg)))
      .join('/');
  const out: string[] = [];
  const segments = pathname.split('/');
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    if (seg === '.') continue;
    if (seg === '..') {
      if (out.length > 1) out.pop();
      continue;
    }
    if (seg === '' && i > 0 && i < segments.length - 1) continue; // collapse `//`
    out.push(uriEncodeV4(seg));
  }
  const path = out.join('/');
  return path.startsWith('/') ? path : `/${path}`;
}

/** Canonical query string: each name and value decoded, strictly re-encoded, sorted by name then value. */
export function canonicalQueryV4(search: string): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return '';
  const pairs: [string, string][] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([uriEncodeV4(safeDecode(name)), uriEncodeV4(safeDecode(value))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function headerValueFor(req: SigV4Request, name: string): string {
  const value = req.headers[name] ?? (name === 'host' ? req.url.host : '');
  return value.trim().replace(/\s+/g, ' ');
}

function payloadHash(req: SigV4Request, service: string): string {
  const declared = service === 's3' ? req.headers['x-amz-content-sha256'] : undefined;
  if (declared !== undefined) return declared;
  return req.body === undefined || req.body.length === 0 ? EMPTY_PAYLOAD_SHA256 : sha256Hex(req.body);
}

/** The canonical request (task 1 of SigV4) for the given signed headers. */
export function canonicalRequestV4(req: SigV4Request, service: string, signedHeaders: readonly string[]): string {
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  let headers = '';
  for (const name of names) headers += `${name}:${headerValueFor(req, name)}\n`;
  return [
    req.method.toUpperCase(),
    canonicalUriV4(req.url.pathname, service),
    canonicalQueryV4(req.url.search),
    headers,
    names.join(';'),
    payloadHash(req, service),
  ].join('\n');
}

/** The string to sign (task 2 of SigV4). */
export function stringToSignV4(canonicalRequest: string, amzDate: string, region: string, service: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${amzDate.slice(0, 8)}/${region}/${service}/aws4_request\n${sha256Hex(canonicalRequest)}`;
}

/** Computes the hex SigV4 signature of a request (what a verifier compares against the `Signature=` value). */
export function computeSignatureV4(req: SigV4Request, secretAccessKey: string, scope: SigV4SignatureScope): string {
  const canonical = canonicalRequestV4(req, scope.service, scope.signedHeaders);
  const toSign = stringToSignV4(canonical, scope.amzDate, scope.region, scope.service);
  const key = deriveSigningKeyV4(secretAccessKey, scope.amzDate.slice(0, 8), scope.region, scope.service);
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

/** Which headers of a request {@link signRequestV4} signs: `host`, `content-type`, `content-md5`, `range` and every `x-amz-*`. */
export function selectSignedHeadersV4(headers: Readonly<Record<string, string>>): string[] {
  const names = new Set<string>(['host']);
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (SIGNED_PLAIN_HEADERS.has(lower) || lower.startsWith('x-amz-')) names.add(lower);
  }
  return [...names].sort();
}

/**
 * Signs a request in place with SigV4: sets `x-amz-date`, `x-amz-security-token` (session credentials),
 * `x-amz-content-sha256` (service `s3` only; an existing value such as `UNSIGNED-PAYLOAD` is kept) and `authorization`.
 * Header names are lower-cased first.
 */
export function signRequestV4(req: SignableRequest, creds: AwsCredentials, scope: SigV4Scope): void {
  for (const name of Object.keys(req.headers)) {
    const lower = name.toLowerCase();
    if (lower !== name) {
      req.headers[lower] = req.headers[name] as string;
      delete req.headers[name];
    }
  }
  delete req.headers.authorization;
  const amzDate = formatAmzDate(scope.now ?? new Date());
  req.headers['x-amz-date'] = amzDate;
  if (creds.sessionToken) req.headers['x-amz-security-token'] = creds.sessionToken;
  else delete req.headers['x-amz-security-token'];
  if (scope.service === 's3' && req.headers['x-amz-content-sha256'] === undefined) {
    req.headers['x-amz-content-sha256'] = req.body === undefined || req.body.length === 0 ? EMPTY_PAYLOAD_SHA256 : sha256Hex(req.body);
  }
  const signedHeaders = selectSignedHeadersV4(req.headers);
  const signature = computeSignatureV4(req, creds.secretAccessKey, {
    region: scope.region,
    service: scope.service,
    amzDate,
    signedHeaders,
  });
  req.headers.authorization =
    `${SIGV4_ALGORITHM} Credential=${creds.accessKeyId}/${amzDate.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request, ` +
    `SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
}

/** Parses an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header; `undefined` when malformed. */
export function parseAuthorizationV4(header: string): ParsedAuthorizationV4 | undefined {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length + 1).split(',')) {
    const p = part.trim();
    const eq = p.indexOf('=');
    if (eq <= 0) return undefined;
    fields.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const credential = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined || signed === undefined || signature === undefined) return undefined;
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  if (!/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const signedHeaders = signed.split(';').filter((h) => h !== '');
  if (signedHeaders.length === 0) return undefined;
  return { accessKeyId, date, region, service, signedHeaders, signature };
}
