/** Key families CloudAPI accepts for HTTP Signature auth. */
export type SigningKeyType = 'rsa' | 'ecdsa' | 'ed25519';

/** HTTP Signature algorithm names as sent in the `algorithm` parameter. */
export type HttpSignatureAlgorithm =
  'rsa-sha1' | 'rsa-sha256' | 'rsa-sha512' | 'ecdsa-sha256' | 'ecdsa-sha384' | 'ecdsa-sha512' | 'ed25519-sha512';

/** Public facts about the key a driver signs with (safe to log). */
export interface SigningKeyInfo {
  /** Key family. */
  readonly type: SigningKeyType;
  /** Key size in bits (RSA modulus, ECDSA curve size, 256 for Ed25519). */
  readonly bits: number;
  /** HTTP Signature algorithm used. */
  readonly algorithm: HttpSignatureAlgorithm;
  /** MD5 fingerprint in colon hex (`aa:bb:...`), what CloudAPI expects in `keyId`. */
  readonly md5Fingerprint: string;
  /** SHA256 fingerprint (`SHA256:<base64>`), as OpenSSH prints it. */
  readonly sha256Fingerprint: string;
  /** Where the key comes from: `file <path>`, `string`, `ssh-agent <socket>`. */
  readonly source: string;
}

/**
 * A loaded private key (or an ssh-agent identity) that produces signatures already in the
 * HTTP Signature encoding: PKCS#1 v1.5 bytes for RSA, ASN.1 DER for ECDSA, raw for Ed25519.
 */
export interface SigningKey extends SigningKeyInfo {
  /** Signs `data` (the signing string); synchronous for in-memory keys. */
  sign(data: string): Buffer | Promise<Buffer>;
}
