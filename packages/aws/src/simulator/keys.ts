import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SshReader, decodePublicKeyBlob, ed25519OpenSshPrivateKey, publicKeyBlob, toOpenSshPublicKey } from '@cloudmux/core/ssh';
import { Ec2Error } from './errors.js';

const generate = promisify(generateKeyPair);

/** A key pair made by CreateKeyPair. */
export interface GeneratedKeyPair {
  /** Private key as EC2 returns it (`keyMaterial`). */
  privateKey: string;
  /** OpenSSH public key line. */
  publicKey: string;
  /** EC2 fingerprint. */
  fingerprint: string;
}

function colonHex(digest: Buffer): string {
  return digest.toString('hex').replace(/(..)(?!$)/g, '$1:');
}

/**
 * Generates a key pair as CreateKeyPair does: RSA 2048 returns a PKCS#1 PEM private key and the
 * SHA-1 fingerprint of the DER PKCS#8 private key; ED25519 returns an OpenSSH private key and the
 * base64 SHA-256 fingerprint of the public key.
 */
export async function generateEc2KeyPair(type: 'rsa' | 'ed25519', name: string): Promise<GeneratedKeyPair> {
  if (type === 'rsa') {
    const { privateKey, publicKey } = await generate('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    return {
      privateKey: (privateKey.export({ type: 'pkcs1', format: 'pem' }) as string).trimEnd(),
      publicKey: toOpenSshPublicKey(publicKey, name),
      fingerprint: colonHex(createHash('sha1').update(pkcs8).digest()),
    };
  }
  const { privateKey, publicKey } = await generate('ed25519');
  return {
    privateKey: ed25519OpenSshPrivateKey(privateKey, name),
    publicKey: toOpenSshPublicKey(publicKey, name),
    fingerprint: createHash('sha256').update(publicKeyBlob(publicKey)).digest('base64'),
  };
}

/** An imported public key. */
export interface ImportedKey {
  /** Key type. */
  type: 'rsa' | 'ed25519';
  /** OpenSSH public key line. */
  publicKey: string;
  /** EC2 fingerprint: MD5 of the DER public key (RSA) or base64 SHA-256 of the key blob (ED25519). */
  fingerprint: string;
}

/** The key of an OpenSSH public key line (RSA or Ed25519, the types EC2 imports). */
function fromOpenSshLine(text: string): KeyObject {
  const [type, data] = text.trim().split(/\s+/);
  if (!type || !data) throw new Error('not an OpenSSH public key');
  if (type !== 'ssh-rsa' && type !== 'ssh-ed25519') throw new Error(`unsupported key type ${type}`);
  return decodePublicKeyBlob(Buffer.from(data, 'base64'), type).key;
}

function fromRfc4716(text: string): KeyObject {
  const body = text
    .split(/\r?\n/)
    .filter((l) => l && !l.startsWith('----') && !/^[A-Za-z-]+:/.test(l))
    .join('');
  const type = new SshReader(Buffer.from(body, 'base64')).string().toString('latin1');
  return fromOpenSshLine(`${type} ${body}`);
}

/** Parses ImportKeyPair's `PublicKeyMaterial` (base64 of an OpenSSH, RFC 4716 or PEM public key); `InvalidKey.Format` otherwise. */
export function importPublicKey(material: string): ImportedKey {
  const decoded = Buffer.from(material, 'base64').toString('utf8');
  const text = /^(ssh-|-----|---- BEGIN)/.test(decoded.trim()) ? decoded.trim() : material.trim();
  let key: KeyObject;
  try {
    if (text.startsWith('ssh-')) key = fromOpenSshLine(text);
    else if (text.startsWith('---- BEGIN SSH2')) key = fromRfc4716(text);
    else if (text.startsWith('-----BEGIN')) key = createPublicKey(text.includes('PRIVATE') ? createPrivateKey(text) : text);
    else throw new Error('unknown format');
  } catch {
    throw new Ec2Error('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
  }
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 1024 || bits > 16384)
      throw new Ec2Error('InvalidKey.Format', `Invalid RSA key length ${bits}. Supported lengths are 1024 to 16384 bits`);
    const der = key.export({ type: 'spki', format: 'der' });
    return { type: 'rsa', publicKey: toOpenSshPublicKey(key), fingerprint: colonHex(createHash('md5').update(der).digest()) };
  }
  if (key.asymmetricKeyType === 'ed25519') {
    return {
      type: 'ed25519',
      publicKey: toOpenSshPublicKey(key),
      fingerprint: createHash('sha256').update(publicKeyBlob(key)).digest('base64'),
    };
  }
  throw new Ec2Error('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
}
