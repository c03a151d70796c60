import type { RequestSigner, SignableRequest } from '@cloudmux/core/http';
import type { SigningKey } from './signing-key.js';

/** Which HTTP Signature dialect to produce. */
export type SignatureDialect =
  /** http-signature ≥ 0.10 (node-triton): signs `(request-target) date`, `signature="…"` param. */
  | 'modern'
  /** CloudAPI 6.5 / http-signature 0.9: signs the bare Date value, signature after the params. */
  | 'legacy';

/** Credentials ready to sign with. */
export interface ResolvedCredentials {
  /** The `keyId` parameter. */
  keyId: string;
  /** The key. */
  key: SigningKey;
}

/** Builds the signing string CloudAPI reconstructs for a request. */
export function buildSigningString(dialect: SignatureDialect, method: string, pathWithQuery: string, date: string): string {
  return dialect === 'legacy' ? date : `(request-target): ${method.toLowerCase()} ${pathWithQuery}\ndate: ${date}`;
}

/** Formats the `Authorization` header value for a base64 signature. */
export function formatAuthorization(dialect: SignatureDialect, keyId: string, algorithm: string, signatureBase64: string): string {
  return dialect === 'legacy'
    ? `Signature keyId="${keyId}",algorithm="${algorithm}" ${signatureBase64}`
    : `Signature keyId="${keyId}",algorithm="${algorithm}",headers="(request-target) date",signature="${signatureBase64}"`;
}

/** Signs one request in place (sets `date` and `authorization`); synchronous for in-memory keys. */
export function signRequest(
  request: SignableRequest,
  creds: ResolvedCredentials,
  dialect: SignatureDialect,
  now: Date = new Date(),
): void | Promise<void> {
  const date = now.toUTCString();
  request.headers['date'] = date;
  const text = buildSigningString(dialect, request.method, request.url.pathname + request.url.search, date);
  const sig = creds.key.sign(text);
  if (sig instanceof Promise) {
    return sig.then((s) => {
      request.headers['authorization'] = formatAuthorization(dialect, creds.keyId, creds.key.algorithm, s.toString('base64'));
    });
  }
  request.headers['authorization'] = formatAuthorization(dialect, creds.keyId, creds.key.algorithm, sig.toString('base64'));
}

/** Something that yields credentials, synchronously once resolved. */
export interface CredentialSource {
  /** Credentials, once resolved (immediately for key files and key text). */
  readonly resolved: ResolvedCredentials | undefined;
  /** Resolves the credentials once (ssh-agent, `~/.ssh` lookup). */
  resolve(): Promise<ResolvedCredentials>;
}

/** A core `RequestSigner` producing CloudAPI HTTP Signatures with a fresh Date per attempt. */
export function createHttpSigner(source: CredentialSource, dialect: SignatureDialect): RequestSigner {
  return (request) => {
    const creds = source.resolved;
    if (creds) return signRequest(request, creds, dialect);
    return source.resolve().then((c) => signRequest(request, c, dialect));
  };
}
