import { createHash, createHmac, type Hash as NodeHash, type Hmac } from 'node:crypto';
import { ALGORITHM_IDENTIFIER, createScope, getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';

/** The request shape `@smithy/signature-v4` canonicalises (its `HttpRequest`). */
type SmithyRequest = Parameters<typeof getCanonicalHeaders>[0];

/** What the simulator recomputes a signature over: the request exactly as it arrived. */
export interface ReceivedRequest {
  /** Method as sent. */
  method: string;
  /** `Host` header value (`host[:port]`). */
  host: string;
  /** Path as sent, still percent-encoded, without the query. */
  rawPath: string;
  /** Query as sent, without `?` (the presigned `X-Amz-Signature` may still be in it; it is ignored). */
  rawQuery: string;
  /** Received headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** Received body bytes. */
  body: Buffer;
}

/** The claimed scope a signature is recomputed for. */
export interface ClaimedScope {
  /** Access key id and secret that signed (looked up by the simulator). */
  accessKeyId: string;
  secretAccessKey: string;
  /** `YYYYMMDDTHHMMSSZ` request time. */
  amzDate: string;
  /** Credential-scope region and service. */
  region: string;
  service: string;
  /** Header names listed in `SignedHeaders` / `X-Amz-SignedHeaders`. */
  signedHeaders: readonly string[];
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 / HMAC-SHA-256 over node:crypto, in the shape `@smithy/signature-v4` takes (`HashConstructor`). */
export class Sha256 {
  private readonly hash: NodeHash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData, encoding?: 'utf8' | 'ascii' | 'latin1'): void {
    this.hash.update(typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The raw query as the name → value(s) bag smithy canonicalises (names and values percent-decoded once). */
function queryBag(rawQuery: string): Record<string, string | string[]> {
  const bag: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    const prior = bag[name];
    bag[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return bag;
}

function dateOf(amzDate: string): Date {
  return new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
}

/**
 * Recomputes SigV4 signatures with the AWS SDK's own signer, `@smithy/signature-v4`, rather than the
 * driver's (`src/signing/sigv4.ts`), so a bug in the driver's canonicalisation fails against the
 * simulator instead of being mirrored by it. `signRequest` cannot be used as is, because it picks the
 * headers to sign and the date itself; a verifier must use the ones the request claims. So this
 * subclass keeps every canonicalisation step in smithy (path normalisation and double encoding,
 * query encoding and ordering, header trimming, canonical request, string to sign, key derivation,
 * final HMAC) and only chooses the inputs: exactly the claimed signed headers, the claimed time and
 * scope, and the hash of the body actually received (never a client-declared `x-amz-content-sha256`,
 * so a body swapped under a signed hash header still fails).
 */
class SigV4Verifier extends SignatureV4 {
  constructor(scope: ClaimedScope) {
    super({
      credentials: { accessKeyId: scope.accessKeyId, secretAccessKey: scope.secretAccessKey },
      region: scope.region,
      service: scope.service,
      sha256: Sha256,
      applyChecksum: false,
    });
  }

  async expectedSignature(req: ReceivedRequest, scope: ClaimedScope): Promise<string> {
    const wanted = new Set(scope.signedHeaders.map((h) => h.toLowerCase()));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (wanted.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    const [hostname = '', port] = req.host.split(':');
    const request: SmithyRequest = {
      method: req.method,
      protocol: 'http:',
      hostname,
      port: port === undefined ? undefined : Number(port),
      path: req.rawPath === '' ? '/' : req.rawPath,
      query: queryBag(req.rawQuery),
      headers,
      body: req.body,
    };
    // Claimed names are all signable here, including ones smithy would never pick on its own.
    const canonicalHeaders = getCanonicalHeaders(request, undefined, wanted);
    const payload = new Sha256();
    payload.update(req.body);
    const payloadHash = Buffer.from(await payload.digest()).toString('hex');
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const credentialScope = createScope(scope.amzDate.slice(0, 8), scope.region, scope.service);
    const stringToSign = await this.createStringToSign(scope.amzDate, credentialScope, canonicalRequest, ALGORITHM_IDENTIFIER);
    return this.sign(stringToSign, { signingDate: dateOf(scope.amzDate), signingRegion: scope.region, signingService: scope.service });
  }
}

/** The hex SigV4 signature `@smithy/signature-v4` computes for a received request and its claimed scope. */
export function expectedSigV4Signature(req: ReceivedRequest, scope: ClaimedScope): Promise<string> {
  return new SigV4Verifier(scope).expectedSignature(req, scope);
}
