import { generateKeyPairSync } from 'node:crypto';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import {
  SSH_PUBLIC_KEY_TYPES,
  decodePublicKeyBlob,
  ed25519OpenSshPrivateKey,
  md5Fingerprint,
  sha256Fingerprint,
  toOpenSshPublicKey,
} from '@cloudmux/core/ssh';

/** A parsed OpenSSH public key. */
export interface ParsedPublicKey {
  /** Key type (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`...). */
  type: string;
  /** The SSH wire-format key blob. */
  blob: Buffer;
  /** Comment after the key, if any. */
  comment: string;
  /** `SHA256:` fingerprint, as `ssh-keygen -l` prints it. */
  sha256Fingerprint: string;
  /** MD5 fingerprint in colon-separated hex, as `ssh-keygen -l -E md5` prints it (without the `MD5:` prefix). */
  md5Fingerprint: string;
  /** Key size in bits. */
  bits: number;
}

/**
 * Parses and checks an OpenSSH public key line (`ssh-ed25519 AAAA... comment`): the blob must
 * decode, name the same type, and hold a key node:crypto accepts (RSA: 1024 bits or more).
 * Throws `InvalidArgumentError`.
 */
export function parseOpenSshPublicKey(text: string): ParsedPublicKey {
  const shown = typeof text === 'string' && text.length > 60 ? `${text.slice(0, 60)}...` : text;
  const fail = (why: string): never => {
    throw new InvalidArgumentError(
      `Invalid OpenSSH public key ${JSON.stringify(shown)}: ${why}. Supported types: ${SSH_PUBLIC_KEY_TYPES.join(', ')}`,
    );
  };
  if (typeof text !== 'string') return fail('expected a string');
  const m = /^\s*(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s+(.*?))?\s*$/.exec(text);
  if (!m) return fail('expected "<type> <base64> [comment]"');
  const type = m[1]!;
  if (!SSH_PUBLIC_KEY_TYPES.includes(type)) return fail(`unsupported key type ${JSON.stringify(type)}`);
  const blob = Buffer.from(m[2]!, 'base64');
  let bits = 0;
  try {
    bits = decodePublicKeyBlob(blob, type).bits;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (type === 'ssh-rsa' && bits < 1024) return fail(`RSA keys must have at least 1024 bits (this one has ${bits})`);
  return { type, blob, comment: m[3] ?? '', sha256Fingerprint: sha256Fingerprint(blob), md5Fingerprint: md5Fingerprint(blob), bits };
}

/** An Ed25519 key pair in OpenSSH formats. */
export interface GeneratedKeyPair {
  /** `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
  /** `-----BEGIN OPENSSH PRIVATE KEY-----` (unencrypted), usable by `ssh -i` and ssh2. */
  privateKey: string;
  /** Parsed public key with fingerprints. */
  parsed: ParsedPublicKey;
}

/** Generates an Ed25519 key pair with node:crypto and encodes it the way `ssh-keygen -t ed25519` does. */
export function generateEd25519KeyPair(comment: string): GeneratedKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicLine = toOpenSshPublicKey(publicKey, comment);
  return { publicKey: publicLine, privateKey: ed25519OpenSshPrivateKey(privateKey, comment), parsed: parseOpenSshPublicKey(publicLine) };
}
