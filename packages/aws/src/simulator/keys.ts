import { createHash, createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
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

function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function sshMpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const trimmed = unsigned.subarray(i);
  return sshString((trimmed[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function readSshStrings(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) throw new Error('truncated');
    const len = blob.readUInt32BE(offset);
    offset += 4;
    if (offset + len > blob.length) throw new Error('truncated');
    out.push(blob.subarray(offset, offset + len));
    offset += len;
  }
  return out;
}

/** OpenSSH wire blob of a public key. */
function publicBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'rsa') {
    return Buffer.concat([sshString('ssh-rsa'), sshMpint(Buffer.from(jwk.e as string, 'base64url')), sshMpint(Buffer.from(jwk.n as string, 'base64url'))]);
  }
  if (key.asymmetricKeyType === 'ed25519') return Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.from(jwk.x as string, 'base64url'))]);
  throw new Error(`unsupported key type ${String(key.asymmetricKeyType)}`);
}

function openSshLine(key: KeyObject, comment?: string): string {
  const type = key.asymmetricKeyType === 'rsa' ? 'ssh-rsa' : 'ssh-ed25519';
  return `${type} ${publicBlob(key).toString('base64')}${comment ? ` ${comment}` : ''}`;
}

function ed25519OpenSshPrivate(privateKey: KeyObject, publicKey: KeyObject, comment: string): string {
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d as string, 'base64url');
  const pub = Buffer.from(jwk.x as string, 'base64url');
  const blob = publicBlob(publicKey);
  const check = randomBytes(4);
  let body = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment)]);
  const pad: number[] = [];
  for (let i = 1; (body.length + pad.length) % 8 !== 0; i++) pad.push(i);
  body = Buffer.concat([body, Buffer.from(pad)]);
  const nkeys = Buffer.alloc(4);
  nkeys.writeUInt32BE(1);
  const whole = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), sshString('none'), sshString('none'), sshString(''), nkeys, sshString(blob), sshString(body)]);
  const lines = whole.toString('base64').match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
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
      publicKey: openSshLine(publicKey, name),
      fingerprint: colonHex(createHash('sha1').update(pkcs8).digest()),
    };
  }
  const { privateKey, publicKey } = await generate('ed25519');
  return {
    privateKey: ed25519OpenSshPrivate(privateKey, publicKey, name),
    publicKey: openSshLine(publicKey, name),
    fingerprint: createHash('sha256').update(publicBlob(publicKey)).digest('base64'),
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

function fromOpenSshLine(text: string): KeyObject {
  const [type, data] = text.trim().split(/\s+/);
  if (!type || !data) throw new Error('not an OpenSSH public key');
  const parts = readSshStrings(Buffer.from(data, 'base64'));
  if (parts[0]?.toString('latin1') !== type) throw new Error('key type mismatch');
  if (type === 'ssh-rsa' && parts.length === 3) {
    const [, e, n] = parts as [Buffer, Buffer, Buffer];
    const strip = (b: Buffer): string => (b[0] === 0 ? b.subarray(1) : b).toString('base64url');
    return createPublicKey({ key: { kty: 'RSA', e: strip(e), n: strip(n) }, format: 'jwk' });
  }
  if (type === 'ssh-ed25519' && parts.length === 2 && parts[1]?.length === 32) {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: (parts[1] as Buffer).toString('base64url') }, format: 'jwk' });
  }
  throw new Error(`unsupported key type ${type}`);
}

function fromRfc4716(text: string): KeyObject {
  const body = text
    .split(/\r?\n/)
    .filter((l) => l && !l.startsWith('----') && !/^[A-Za-z-]+:/.test(l))
    .join('');
  const type = readSshStrings(Buffer.from(body, 'base64'))[0]?.toString('latin1') ?? '';
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
    if (bits < 1024 || bits > 16384) throw new Ec2Error('InvalidKey.Format', `Invalid RSA key length ${bits}. Supported lengths are 1024 to 16384 bits`);
    const der = key.export({ type: 'spki', format: 'der' });
    return { type: 'rsa', publicKey: openSshLine(key), fingerprint: colonHex(createHash('md5').update(der).digest()) };
  }
  if (key.asymmetricKeyType === 'ed25519') {
    return { type: 'ed25519', publicKey: openSshLine(key), fingerprint: createHash('sha256').update(publicBlob(key)).digest('base64') };
  }
  throw new Ec2Error('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
}
