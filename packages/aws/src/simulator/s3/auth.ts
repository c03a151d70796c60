import { createHash, timingSafeEqual } from 'node:crypto';
import { ALGORITHM_IDENTIFIER, createScope, getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { Sha256 } from '../sigv4-verifier.js';
import { fail } from './replies.js';

type SmithyRequest = Parameters<typeof getCanonicalHeaders>[0];

/** Credentials the S3 simulator accepts. */
export interface S3SimulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Who signed and for which region. */
export interface S3AuthResult {
  accessKeyId: string;
  /** Region of the credential scope. */
  region: string;
  /** Whether the request was presigned (query authentication). */
  presigned: boolean;
}

interface Claim {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  payloadHash: string;
  expiresSec: number | undefined;
}

const ALGO = 'AWS4-HMAC-SHA256';
const MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

function h(req: SimulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function scope(credential: string): { accessKeyId: string; date: string; region: string; service: string } {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1] ?? ''))
    fail(400, 'AuthorizationQueryParametersError', `Error parsing the X-Amz-Credential parameter: ${credential}`);
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  return { accessKeyId, date, region, service };
}

function fromHeader(req: SimulatorRequest, auth: string): Claim {
  if (!auth.startsWith(`${ALGO} `)) fail(400, 'InvalidArgument', 'Unsupported Authorization Type (only AWS4-HMAC-SHA256 is accepted)');
  const f = new Map<string, string>();
  for (const part of auth.slice(ALGO.length + 1).split(',')) {
    const p = part.trim();
    const eq = p.indexOf('=');
    if (eq > 0) f.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const cred = f.get('Credential');
  const signed = f.get('SignedHeaders');
  const signature = f.get('Signature');
  if (!cred || !signed || !signature) fail(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  const amzDate = h(req, 'x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate))
    fail(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const payloadHash = h(req, 'x-amz-content-sha256');
  if (payloadHash === undefined) fail(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  if (payloadHash.startsWith('STREAMING-'))
    fail(501, 'NotImplemented', 'aws-chunked (STREAMING-*) payloads are not accepted by this simulator: send a fixed-length body');
  if (payloadHash !== 'UNSIGNED-PAYLOAD') {
    if (!/^[0-9a-f]{64}$/.test(payloadHash)) fail(400, 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a hex SHA-256');
    const actual = createHash('sha256').update(req.body).digest('hex');
    if (actual !== payloadHash)
      fail(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
        ClientComputedContentSHA256: payloadHash,
        S3ComputedContentSHA256: actual,
      });
  }
  return { ...scope(cred), signedHeaders: signed.split(';'), signature, amzDate, payloadHash, expiresSec: undefined };
}

function fromQuery(req: SimulatorRequest): Claim {
  const q = req.url.searchParams;
  if (q.get('X-Amz-Algorithm') !== ALGO) fail(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const amzDate = q.get('X-Amz-Date') ?? '';
  const expires = Number(q.get('X-Amz-Expires'));
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || !Number.isInteger(expires) || expires < 1 || expires > 604800)
    fail(400, 'AuthorizationQueryParametersError', 'X-Amz-Date and X-Amz-Expires (1 to 604800) are required');
  return {
    ...scope(q.get('X-Amz-Credential') ?? ''),
    signedHeaders: (q.get('X-Amz-SignedHeaders') ?? '').split(';'),
    signature: q.get('X-Amz-Signature') ?? '',
    amzDate,
    payloadHash: 'UNSIGNED-PAYLOAD',
    expiresSec: expires,
  };
}

function dateOf(amz: string): Date {
  return new Date(
    `${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`,
  );
}

/**
 * Recomputes an S3 SigV4 signature with `@smithy/signature-v4` (the AWS SDK's signer, not the
 * driver's) configured as for S3: the path is used as sent (no normalisation, no double encoding)
 * and the payload hash is the one the request declares, already checked against the body.
 */
class S3Verifier extends SignatureV4 {
  constructor(c: Claim, secretAccessKey: string) {
    super({
      credentials: { accessKeyId: c.accessKeyId, secretAccessKey },
      region: c.region,
      service: c.service,
      sha256: Sha256,
      applyChecksum: false,
      uriEscapePath: false,
    });
  }

  async expected(req: SimulatorRequest, c: Claim): Promise<string> {
    const wanted = new Set(c.signedHeaders.map((x) => x.toLowerCase()));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (wanted.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    const rawPath = req.rawPath.split('?')[0] ?? '/';
    const rawQuery = req.rawPath.includes('?') ? req.rawPath.slice(req.rawPath.indexOf('?') + 1) : '';
    const query: Record<string, string | string[]> = {};
    for (const part of rawQuery.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const dec = (s: string): string => decodeURIComponent(s.replace(/\+/g, '%20'));
      const name = dec(eq < 0 ? part : part.slice(0, eq));
      const value = dec(eq < 0 ? '' : part.slice(eq + 1));
      const prior = query[name];
      query[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
    const [hostname = '', port] = (headers.host ?? '').split(':');
    const request: SmithyRequest = {
      method: req.method,
      protocol: 'http:',
      hostname,
      port: port ? Number(port) : undefined,
      path: rawPath,
      query,
      headers,
      body: req.body,
    };
    const canonicalHeaders = getCanonicalHeaders(request, undefined, wanted);
    const canonical = this.createCanonicalRequest(request, canonicalHeaders, c.payloadHash);
    const credentialScope = createScope(c.amzDate.slice(0, 8), c.region, c.service);
    const toSign = await this.createStringToSign(c.amzDate, credentialScope, canonical, ALGORITHM_IDENTIFIER);
    return this.sign(toSign, { signingDate: dateOf(c.amzDate), signingRegion: c.region, signingService: c.service });
  }
}

/**
 * Authenticates a request by its `Authorization` header or presigned query; throws the S3 error
 * (`AccessDenied`, `InvalidAccessKeyId`, `SignatureDoesNotMatch`, `XAmzContentSHA256Mismatch`,
 * `RequestTimeTooSkewed`, expired URL) otherwise.
 */
export async function authenticateS3(
  req: SimulatorRequest,
  credentials: ReadonlyMap<string, S3SimulatorCredentials>,
  now: Date = new Date(),
): Promise<S3AuthResult> {
  const auth = h(req, 'authorization');
  const presigned = req.url.searchParams.has('X-Amz-Signature');
  if (!auth && !presigned) fail(403, 'AccessDenied', 'Access Denied');
  const claim = auth ? fromHeader(req, auth) : fromQuery(req);
  const creds = credentials.get(claim.accessKeyId);
  if (!creds)
    fail(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: claim.accessKeyId,
    });
  if (claim.service !== 's3')
    fail(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; incorrect service "${claim.service}". This endpoint belongs to "s3".`,
    );
  if (!claim.signedHeaders.includes('host')) fail(400, 'AuthorizationHeaderMalformed', 'The host header must be signed.');
  const at = dateOf(claim.amzDate).getTime();
  if (claim.expiresSec !== undefined) {
    if (now.getTime() > at + claim.expiresSec * 1000)
      fail(403, 'AccessDenied', 'Request has expired', { X_Amz_Expires: String(claim.expiresSec) });
  } else if (Math.abs(now.getTime() - at) > 15 * 60_000)
    fail(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
  const expected = await new S3Verifier(claim, creds.secretAccessKey).expected(req, claim);
  const a = Buffer.from(expected);
  const b = Buffer.from(claim.signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) fail(403, 'SignatureDoesNotMatch', MISMATCH, { AWSAccessKeyId: claim.accessKeyId });
  return { accessKeyId: claim.accessKeyId, region: claim.region, presigned: claim.expiresSec !== undefined };
}
