import { createHash, createPublicKey, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { SshReader, sshMpint, sshString } from './wire.js';

/** OpenSSH curve names of the NIST curves, with their JWK names and coordinate sizes. */
const CURVES: Readonly<Record<string, { crv: string; size: number; bits: number }>> = {
  nistp256: { crv: 'P-256', size: 32, bits: 256 },
  nistp384: { crv: 'P-384', size: 48, bits: 384 },
  nistp521: { crv: 'P-521', size: 66, bits: 521 },
};
const CURVE_OF_JWK: Readonly<Record<string, string>> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

/** Public key types OpenSSH names and this module reads and writes. */
export const SSH_PUBLIC_KEY_TYPES: readonly string[] = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
];

/** A public key read from its SSH wire blob. */
export interface DecodedPublicKey {
  /** Key type (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`...). */
  type: string;
  /** The key, for node:crypto. */
  key: KeyObject;
  /** Key size in bits. */
  bits: number;
}

function stripZeros(buf: Buffer): Buffer {
  let i = 0;
  while (i < buf.length - 1 && buf[i] === 0) i++;
  return buf.subarray(i);
}

function jwkOfBlob(type: string, r: SshReader): { jwk: JsonWebKey; bits: number } {
  if (type === 'ssh-ed25519') {
    const pk = r.string();
    if (pk.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
    return { jwk: { kty: 'OKP', crv: 'Ed25519', x: pk.toString('base64url') }, bits: 256 };
  }
  if (type === 'ssh-rsa') {
    const e = stripZeros(r.string());
    const n = stripZeros(r.string());
    return { jwk: { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') }, bits: n.length * 8 - Math.clz32(n[0] ?? 0) + 24 };
  }
  if (!SSH_PUBLIC_KEY_TYPES.includes(type)) throw new Error(`unsupported key type ${JSON.stringify(type)}`);
  const curveName = r.string().toString('latin1');
  const curve = CURVES[curveName];
  if (!curve || `ecdsa-sha2-${curveName}` !== type) throw new Error(`curve ${JSON.stringify(curveName)} does not match ${type}`);
  const q = r.string();
  if (q.length !== 1 + 2 * curve.size || q[0] !== 4) throw new Error('expected an uncompressed EC point');
  return {
    jwk: {
      kty: 'EC',
      crv: curve.crv,
      x: q.subarray(1, 1 + curve.size).toString('base64url'),
      y: q.subarray(1 + curve.size).toString('base64url'),
    },
    bits: curve.bits,
  };
}

/**
 * Reads an SSH public key blob (the base64 field of an OpenSSH public key line). When `expectedType`
 * is given (the line's first field), the blob must name the same type. Throws an `Error` saying
 * what is wrong: truncated, trailing bytes, unsupported type, or a key node:crypto refuses.
 */
export function decodePublicKeyBlob(blob: Buffer, expectedType?: string): DecodedPublicKey {
  const r = new SshReader(blob);
  let type: string;
  let decoded: { jwk: JsonWebKey; bits: number };
  try {
    type = r.string().toString('latin1');
    if (expectedType !== undefined && type !== expectedType)
      throw new Error(`the key data is a ${JSON.stringify(type)} key, not ${expectedType}`);
    decoded = jwkOfBlob(type, r);
  } catch (e) {
    throw e instanceof RangeError ? new Error('truncated key blob') : e;
  }
  if (r.remaining !== 0) throw new Error('trailing bytes after the key');
  return { type, key: createPublicKey({ key: decoded.jwk, format: 'jwk' }), bits: decoded.bits };
}

/** The SSH wire blob of a public key (RSA, Ed25519 or ECDSA on a NIST curve). */
export function publicKeyBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty === 'RSA')
    return Buffer.concat([
      sshString('ssh-rsa'),
      sshMpint(Buffer.from(jwk.e ?? '', 'base64url')),
      sshMpint(Buffer.from(jwk.n ?? '', 'base64url')),
    ]);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return sshString('ssh-ed25519', Buffer.from(jwk.x ?? '', 'base64url'));
  const curve = jwk.kty === 'EC' ? CURVE_OF_JWK[jwk.crv ?? ''] : undefined;
  if (curve !== undefined) {
    const q = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
    return sshString(`ecdsa-sha2-${curve}`, curve, q);
  }
  throw new Error(`unsupported key type ${String(key.asymmetricKeyType)}${jwk.crv ? ` (${jwk.crv})` : ''}`);
}

/** The OpenSSH public key line of `key`: `<type> <base64 blob>[ <comment>]`. */
export function toOpenSshPublicKey(key: KeyObject, comment?: string): string {
  const blob = publicKeyBlob(key);
  const type = new SshReader(blob).string().toString('latin1');
  return `${type} ${blob.toString('base64')}${comment ? ` ${comment}` : ''}`;
}

/** `SHA256:` fingerprint of a public key blob, as `ssh-keygen -l` prints it (unpadded base64). */
export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** MD5 fingerprint of a public key blob in colon-separated hex, as `ssh-keygen -l -E md5` prints it (without the `MD5:` prefix). */
export function md5Fingerprint(blob: Buffer): string {
  return createHash('md5')
    .update(blob)
    .digest('hex')
    .replace(/(..)(?!$)/g, '$1:');
}

/**
 * Writes an Ed25519 private key unencrypted in OpenSSH's `openssh-key-v1` format (what
 * `ssh-keygen -t ed25519` writes; ssh2 and `ssh -i` read it).
 */
export function ed25519OpenSshPrivateKey(privateKey: KeyObject, comment = ''): string {
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || jwk.d === undefined) throw new Error('expected an Ed25519 private key');
  const pub = Buffer.from(jwk.x ?? '', 'base64url');
  const seed = Buffer.from(jwk.d, 'base64url');
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519', pub, Buffer.concat([seed, pub]), comment)]);
  const pad = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none', 'none', ''),
    count,
    sshString(sshString('ssh-ed25519', pub), priv),
  ]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.toString('base64').replace(/.{1,70}/g, '$&\n')}-----END OPENSSH PRIVATE KEY-----\n`;
}
