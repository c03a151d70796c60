import { computeSignatureV4, formatAmzDate, SIGV4_ALGORITHM, UNSIGNED_PAYLOAD, type AwsCredentials } from '../signing/sigv4.js';

/** What {@link presignUrlV4} signs. */
export interface PresignRequest {
  /** `GET` or `PUT`. */
  method: string;
  /** The object URL (no query). */
  url: URL;
  /** Signing region. */
  region: string;
  /** Seconds the URL stays valid (1 to 604800). */
  expiresSec: number;
  /** Signing time (default now). */
  now?: Date | undefined;
}

/**
 * A SigV4 presigned URL ("Authenticating Requests: Using Query Parameters"): the query carries
 * `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders=host`
 * (and `X-Amz-Security-Token` for session credentials); the payload is `UNSIGNED-PAYLOAD`.
 */
export function presignUrlV4(req: PresignRequest, creds: AwsCredentials): string {
  const amzDate = formatAmzDate(req.now ?? new Date());
  const url = new URL(req.url.href);
  const q = url.searchParams;
  q.set('X-Amz-Algorithm', SIGV4_ALGORITHM);
  q.set('X-Amz-Credential', `${creds.accessKeyId}/${amzDate.slice(0, 8)}/${req.region}/s3/aws4_request`);
  q.set('X-Amz-Date', amzDate);
  q.set('X-Amz-Expires', String(req.expiresSec));
  if (creds.sessionToken) q.set('X-Amz-Security-Token', creds.sessionToken);
  q.set('X-Amz-SignedHeaders', 'host');
  const signature = computeSignatureV4(
    { method: req.method, url, headers: { host: url.host, 'x-amz-content-sha256': UNSIGNED_PAYLOAD }, body: undefined },
    creds.secretAccessKey,
    { region: req.region, service: 's3', amzDate, signedHeaders: ['host'] },
  );
  q.set('X-Amz-Signature', signature);
  return url.href;
}
