import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { HttpSignatureAlgorithm, SigningKeyType } from './signing-key.js';

/** RSA algorithms a caller may pick with the `algorithm` option (hash choice only). */
export const RSA_ALGORITHMS = ['rsa-sha256', 'rsa-sha512', 'rsa-sha1'] as const;

/** Every algorithm this package can sign with. */
export const SIGNING_ALGORITHMS: readonly HttpSignatureAlgorithm[] = [
  'rsa-sha256',
  'rsa-sha512',
  'rsa-sha1',
  'ecdsa-sha256',
  'ecdsa-sha384',
  'ecdsa-sha512',
  'ed25519-sha512',
];

/** ECDSA curve (OpenSSH name) → the only algorithm CloudAPI verifies for it. */
export const ECDSA_CURVE_ALGORITHM: Readonly<Record<string, HttpSignatureAlgorithm>> = {
  nistp256: 'ecdsa-sha256',
  nistp384: 'ecdsa-sha384',
  nistp521: 'ecdsa-sha512',
};

/** OpenSSL curve names (`asymmetricKeyDetails.namedCurve`) → OpenSSH names. */
export const OPENSSL_CURVE_NAMES: Readonly<Record<string, string>> = {
  prime256v1: 'nistp256',
  secp384r1: 'nistp384',
  secp521r1: 'nistp521',
};

/** Node hash name for the hash part of an algorithm (`rsa-sha512` → `sha512`). */
export function hashOf(algorithm: HttpSignatureAlgorithm): 'sha1' | 'sha256' | 'sha384' | 'sha512' {
  return algorithm.slice(algorithm.indexOf('-') + 1) as 'sha1' | 'sha256' | 'sha384' | 'sha512';
}

/**
 * Picks the algorithm for a key: RSA uses `requested` (default `rsa-sha256`); ECDSA is fixed by
 * the curve and Ed25519 is always `ed25519-sha512`, so a conflicting `requested` is an error.
 */
export function chooseAlgorithm(type: SigningKeyType, curve: string | undefined, requested: string | undefined): HttpSignatureAlgorithm {
  let natural: HttpSignatureAlgorithm;
  if (type === 'rsa') {
    if (requested === undefined) return 'rsa-sha256';
    if (!(RSA_ALGORITHMS as readonly string[]).includes(requested)) {
      throw new InvalidArgumentError(`Invalid algorithm "${requested}" for an RSA key. Valid values: ${RSA_ALGORITHMS.join(', ')}`);
    }
    return requested as HttpSignatureAlgorithm;
  } else if (type === 'ecdsa') {
    const alg = curve === undefined ? undefined : ECDSA_CURVE_ALGORITHM[curve];
    if (!alg)
      throw new InvalidArgumentError(
        `Unsupported ECDSA curve "${String(curve)}". Supported curves: ${Object.keys(ECDSA_CURVE_ALGORITHM).join(', ')}`,
      );
    natural = alg;
  } else {
    natural = 'ed25519-sha512';
  }
  if (requested !== undefined && requested !== natural) {
    throw new InvalidArgumentError(
      `Invalid algorithm "${requested}" for this ${type}${curve ? ` ${curve}` : ''} key: it can only sign with ${natural}`,
    );
  }
  return natural;
}
