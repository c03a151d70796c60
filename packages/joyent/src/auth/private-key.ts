import { createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import sshpk from 'sshpk';
import { InvalidArgumentError, InvalidCredentialsError } from '@cloudmux/core/errors';
import { chooseAlgorithm, hashOf, OPENSSL_CURVE_NAMES } from './algorithms.js';
import type { SigningKey, SigningKeyType } from './signing-key.js';

/** Options of {@link loadPrivateKey}. */
export interface LoadPrivateKeyOptions {
  /** Passphrase of an encrypted key. */
  passphrase?: string | undefined;
  /** Where the text came from, for messages (`file /home/me/.ssh/id_rsa`). */
  source: string;
  /** Requested algorithm (RSA hash choice), validated against the key. */
  algorithm?: string | undefined;
}

const PEM_PRIVATE = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/** Converts an sshpk private key to a node:crypto KeyObject (signing then costs no parsing). */
function toKeyObject(key: sshpk.PrivateKey): KeyObject {
  if (key.type === 'ed25519') {
    const parts = key.part as unknown as Record<string, { data: Buffer } | undefined>;
    const k = parts['k']?.data;
    const a = parts['A']?.data;
    if (!k || !a) throw new InvalidArgumentError('Malformed Ed25519 private key');
    return createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', d: k.subarray(0, 32).toString('base64url'), x: a.toString('base64url') },
      format: 'jwk',
    });
  }
  return createPrivateKey({ key: key.toBuffer('pkcs8', {}), format: 'pem' });
}

/** Parses PEM with node:crypto (PKCS#1, SEC1, PKCS#8, encrypted or not). */
function parsePem(text: string, options: LoadPrivateKeyOptions): KeyObject {
  try {
    return createPrivateKey({ key: text, format: 'pem', passphrase: options.passphrase });
  } catch (cause) {
    const encrypted = /ENCRYPTED/.test(text);
    if (encrypted && options.passphrase === undefined) {
      throw new InvalidCredentialsError(`The private key (${options.source}) is encrypted: pass its passphrase`, { cause });
    }
    if (encrypted) throw new InvalidCredentialsError(`Wrong passphrase for the private key (${options.source})`, { cause });
    throw new InvalidArgumentError(`Cannot parse the private key (${options.source}): ${(cause as Error).message}`, { cause });
  }
}

/** Parses OpenSSH (and other non-PEM) formats with sshpk. */
function parseOther(text: string, options: LoadPrivateKeyOptions): KeyObject {
  let key: sshpk.PrivateKey;
  try {
    key = sshpk.parsePrivateKey(text, 'auto', { passphrase: options.passphrase, filename: options.source });
  } catch (cause) {
    const name = (cause as Error).name;
    const message = (cause as Error).message;
    if (name === 'KeyEncryptedError')
      throw new InvalidCredentialsError(`The private key (${options.source}) is encrypted: pass its passphrase`, { cause });
    if (/passphrase/i.test(message))
      throw new InvalidCredentialsError(`Wrong passphrase for the private key (${options.source})`, { cause });
    throw new InvalidArgumentError(`Cannot parse the private key (${options.source}): not a PEM, PKCS#8 or OpenSSH private key`, { cause });
  }
  return toKeyObject(key);
}

/** SSH fingerprints of a node:crypto key (via its SPKI public key). */
export function fingerprintsOf(keyObject: KeyObject): { md5: string; sha256: string; openssh: string } {
  const spki = createPublicKey(keyObject).export({ type: 'spki', format: 'pem' }) as string;
  const pub = sshpk.parseKey(spki, 'pem');
  return { md5: pub.fingerprint('md5').toString('hex'), sha256: pub.fingerprint('sha256').toString(), openssh: pub.toString('ssh') };
}

/**
 * Loads a private key once (PEM PKCS#1/SEC1, PKCS#8, OpenSSH; encrypted with `passphrase`) and
 * returns a {@link SigningKey} that signs synchronously with node:crypto. Throws
 * `InvalidCredentialsError` for a missing or wrong passphrase and `InvalidArgumentError` for
 * anything unparseable or unsupported (DSA).
 */
export function loadPrivateKey(text: string | Buffer, options: LoadPrivateKeyOptions): SigningKey & { publicKey: string } {
  const str = typeof text === 'string' ? text : text.toString('utf8');
  const keyObject = PEM_PRIVATE.test(str) ? parsePem(str, options) : parseOther(str, options);
  const kind = keyObject.asymmetricKeyType;
  let type: SigningKeyType;
  let curve: string | undefined;
  let bits: number;
  if (kind === 'rsa') {
    type = 'rsa';
    bits = keyObject.asymmetricKeyDetails?.modulusLength ?? 0;
  } else if (kind === 'ec') {
    type = 'ecdsa';
    curve = OPENSSL_CURVE_NAMES[keyObject.asymmetricKeyDetails?.namedCurve ?? ''];
    bits = curve === 'nistp521' ? 521 : curve === 'nistp384' ? 384 : 256;
  } else if (kind === 'ed25519') {
    type = 'ed25519';
    bits = 256;
  } else {
    throw new InvalidArgumentError(
      `Unsupported key type "${String(kind)}" (${options.source}): CloudAPI keys must be RSA, ECDSA or Ed25519`,
    );
  }
  const algorithm = chooseAlgorithm(type, curve, options.algorithm);
  const fp = fingerprintsOf(keyObject);
  const hash = type === 'ed25519' ? null : hashOf(algorithm);
  return {
    type,
    bits,
    algorithm,
    md5Fingerprint: fp.md5,
    sha256Fingerprint: fp.sha256,
    publicKey: fp.openssh,
    source: options.source,
    sign: (data: string): Buffer => cryptoSign(hash, Buffer.from(data, 'utf8'), keyObject),
  };
}
