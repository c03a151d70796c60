import { timingSafeEqual } from 'node:crypto';
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { Ec2Error } from './errors.js';
import type { Ec2SimulatorCredentials } from './options.js';
import { expectedSigV4Signature } from './sigv4-verifier.js';

/** What request authentication checks against. */
export interface AuthSettings {
  /** Accepted credentials by access key id. */
  credentials: ReadonlyMap<string, Ec2SimulatorCredentials>;
  /** Region signatures must be scoped to. */
  region: string;
  /** Service signatures must be scoped to (`ec2`). */
  service: string;
  /** Largest accepted clock difference. */
  maxClockSkewMs: number;
}

/** The authenticated caller. */
export interface AuthResult {
  /** Access key id that signed the request. */
  accessKeyId: string;
}

/** A parsed credential scope (`AKID/YYYYMMDD/region/service/aws4_request`). */
interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** What a request claims: its credential scope, signed headers and signature, plus time and token. */
interface Claimed extends CredentialScope {
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  sessionToken: string | undefined;
  expiresSec: number | undefined;
}

const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

const AUTH_FAILURE = 'AWS was not able to validate the provided access credentials';
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'];

function header(req: SimulatorRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function flatHeaders(req: SimulatorRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses `AKID/YYYYMMDD/region/service/aws4_request`; `undefined` when malformed. */
function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}

/** Parses the fields after `AWS4-HMAC-SHA256 ` (`Credential=…, SignedHeaders=…, Signature=…`); `undefined` when malformed. */
function parseAuthorization(value: string): (CredentialScope & { signedHeaders: string[]; signature: string }) | undefined {
  const fields = new Map<string, string>();
  for (const part of value.slice(SIGV4_ALGORITHM.length).split(',')) {
    const p = part.trim();
    const eq = p.indexOf('=');
    if (eq <= 0) return undefined;
    fields.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const scope = parseCredential(fields.get('Credential') ?? '');
  const signature = fields.get('Signature') ?? '';
  const signedHeaders = (fields.get('SignedHeaders') ?? '').split(';').filter((h) => h !== '');
  if (!scope || !/^[0-9a-f]{64}$/.test(signature) || signedHeaders.length === 0) return undefined;
  return { ...scope, signedHeaders, signature };
}

function amzDateOf(req: SimulatorRequest, authHeader: string): string {
  const xAmzDate = header(req, 'x-amz-date');
  if (xAmzDate !== undefined) {
    if (!/^\d{8}T\d{6}Z$/.test(xAmzDate))
      throw new Ec2Error(
        'IncompleteSignature',
        `Date must be in ISO-8601 'basic format'. Got '${xAmzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    return xAmzDate;
  }
  const date = header(req, 'date');
  const parsed = date === undefined ? NaN : Date.parse(date);
  if (Number.isNaN(parsed)) {
    throw new Ec2Error(
      'IncompleteSignature',
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authHeader}`,
    );
  }
  return formatAmzDate(new Date(parsed));
}

function fromHeader(req: SimulatorRequest, authHeader: string): Claimed {
  const trimmed = authHeader.trim();
  const algorithm = trimmed.split(/\s+/, 1)[0] ?? '';
  if (algorithm !== SIGV4_ALGORITHM) {
    throw new Ec2Error('IncompleteSignature', `Unsupported AWS 'algorithm': '${algorithm}'. Authorization=${authHeader}`);
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !new RegExp(`[\\s,]${k}=`).test(` ${trimmed}`));
  if (missing.length > 0) {
    throw new Ec2Error(
      'IncompleteSignature',
      `${missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ')} Authorization=${authHeader}`,
    );
  }
  const parsed = parseAuthorization(trimmed);
  if (!parsed)
    throw new Ec2Error(
      'IncompleteSignature',
      `Authorization header is malformed: the credential scope or signature is invalid. Authorization=${authHeader}`,
    );
  return { ...parsed, amzDate: amzDateOf(req, authHeader), sessionToken: header(req, 'x-amz-security-token'), expiresSec: undefined };
}

function fromQuery(req: SimulatorRequest, query: URLSearchParams): Claimed {
  const missing = PRESIGN_PARAMS.filter((p) => !query.has(p));
  if (missing.length > 0) {
    throw new Ec2Error(
      'IncompleteSignature',
      `AWS query-string parameters must include ${PRESIGN_PARAMS.map((p) => `'${p}'`).join(', ')}. Re-examine the query-string parameters.`,
    );
  }
  const algorithm = query.get('X-Amz-Algorithm') as string;
  if (algorithm !== SIGV4_ALGORITHM) throw new Ec2Error('IncompleteSignature', `X-Amz-Algorithm only supports "${SIGV4_ALGORITHM}"`);
  const amzDate = query.get('X-Amz-Date') as string;
  if (!/^\d{8}T\d{6}Z$/.test(amzDate))
    throw new Ec2Error('IncompleteSignature', `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const signature = query.get('X-Amz-Signature') as string;
  const signedHeaders = (query.get('X-Amz-SignedHeaders') as string).split(';').filter((h) => h !== '');
  const scope = parseCredential(query.get('X-Amz-Credential') as string);
  if (!scope) throw new Ec2Error('IncompleteSignature', `X-Amz-Credential is malformed: '${query.get('X-Amz-Credential') as string}'`);
  const expires = query.get('X-Amz-Expires');
  if (expires !== null && !/^\d+$/.test(expires)) throw new Ec2Error('IncompleteSignature', 'X-Amz-Expires must be a non-negative integer');
  return {
    ...scope,
    signedHeaders: signedHeaders.length > 0 ? signedHeaders : ['host'],
    signature,
    amzDate,
    sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
    expiresSec: expires === null ? undefined : Number(expires),
  };
}

function amzDateMs(amzDate: string): number {
  return Date.parse(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies an AWS Signature Version 4 request (Authorization header, or presigned `X-Amz-*` query
 * parameters) the way EC2 does, recomputing the signature with `@smithy/signature-v4` (the AWS SDK's
 * signer, independent of this package's own), throwing the EC2 error EC2 would answer: no credentials at all →
 * 401 `MissingParameter`; malformed signature data → 400 `IncompleteSignature`; unknown key, wrong
 * region or session token problems → 401 `AuthFailure`; a signature that does not match (or a wrong
 * service/date scope) → 403 `SignatureDoesNotMatch`; a request time outside the allowed skew, an
 * elapsed `X-Amz-Expires` or expired temporary credentials → 400 `RequestExpired`.
 */
export async function verifySigV4(req: SimulatorRequest, query: URLSearchParams, settings: AuthSettings, now: number): Promise<AuthResult> {
  const authHeader = header(req, 'authorization');
  let claimed: Claimed;
  if (authHeader !== undefined) claimed = fromHeader(req, authHeader);
  else if (query.has('X-Amz-Algorithm') || query.has('X-Amz-Signature')) claimed = fromQuery(req, query);
  else throw new Ec2Error('MissingParameter', 'The request must contain the parameter AWSAccessKeyId', 401);

  const creds = settings.credentials.get(claimed.accessKeyId);
  if (!creds) throw new Ec2Error('AuthFailure', AUTH_FAILURE, 401);
  if (claimed.date !== claimed.amzDate.slice(0, 8)) {
    throw new Ec2Error(
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claimed.date}' != '${claimed.amzDate.slice(0, 8)}', from '${claimed.amzDate}'.`,
      403,
    );
  }
  if (claimed.service !== settings.service) {
    throw new Ec2Error('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${settings.service}'. `, 403);
  }
  if (claimed.region !== settings.region) throw new Ec2Error('AuthFailure', AUTH_FAILURE, 401);
  if (!claimed.signedHeaders.includes('host')) {
    throw new Ec2Error('IncompleteSignature', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const signedAt = amzDateMs(claimed.amzDate);
  if (claimed.expiresSec !== undefined) {
    if (now > signedAt + claimed.expiresSec * 1000 || signedAt - now > settings.maxClockSkewMs)
      throw new Ec2Error('RequestExpired', 'Request has expired.');
  } else if (Math.abs(now - signedAt) > settings.maxClockSkewMs) {
    throw new Ec2Error('RequestExpired', 'Request has expired.');
  }
  if (
    creds.sessionToken !== undefined
      ? claimed.sessionToken === undefined || !sameText(claimed.sessionToken, creds.sessionToken)
      : claimed.sessionToken !== undefined
  ) {
    throw new Ec2Error('AuthFailure', AUTH_FAILURE, 401);
  }
  if (creds.expiration !== undefined && now >= creds.expiration.getTime()) throw new Ec2Error('RequestExpired', 'Request has expired.');
  // The query goes in as sent; a presigned `X-Amz-Signature` in it is left out of the canonical query by the signer.
  const q = req.rawPath.indexOf('?');
  const expected = await expectedSigV4Signature(
    {
      method: req.method,
      host: header(req, 'host') ?? req.url.host,
      rawPath: q < 0 ? req.rawPath : req.rawPath.slice(0, q),
      rawQuery: q < 0 ? '' : req.rawPath.slice(q + 1),
      headers: flatHeaders(req),
      body: req.body,
    },
    {
      accessKeyId: claimed.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      amzDate: claimed.amzDate,
      region: claimed.region,
      service: claimed.service,
      signedHeaders: claimed.signedHeaders,
    },
  );
  if (!sameText(expected, claimed.signature)) throw new Ec2Error('SignatureDoesNotMatch', SIGNATURE_MISMATCH, 403);
  return { accessKeyId: claimed.accessKeyId };
}
