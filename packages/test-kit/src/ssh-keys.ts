import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { SshReader, publicKeyBlob } from '@cloudmux/core/ssh';

/** A test RSA key: the OpenSSH public line, its blob and SPKI DER. */
export interface TestPublicKey {
  line: string;
  blob: Buffer;
  spki: Buffer;
}

/** Generates an RSA 2048 key (accepted by every provider) and returns its public forms. */
export function generateTestPublicKey(comment: string): TestPublicKey {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const blob = publicKeyBlob(publicKey);
  return { line: `ssh-rsa ${blob.toString('base64')} ${comment}`, blob, spki: publicKey.export({ format: 'der', type: 'spki' }) };
}

/** The blob of an OpenSSH public key line. */
export function blobOfLine(line: string): Buffer {
  const b64 = line.trim().split(/\s+/)[1];
  if (!b64) throw new Error(`not an OpenSSH public key line: ${JSON.stringify(line.slice(0, 40))}`);
  return Buffer.from(b64, 'base64');
}

function norm(fp: string): string {
  return fp
    .trim()
    .replace(/^(MD5|SHA1|SHA256):/i, '')
    .replace(/=+$/, '')
    .replace(/:/g, '')
    .toLowerCase();
}

/**
 * Whether `fingerprint` is a real digest of one of `sources` (SSH blob, DER public key, DER
 * private key): MD5, SHA-1 or SHA-256, as hex (with or without colons) or base64 (with or
 * without padding or an `MD5:`/`SHA256:` prefix), the forms OpenSSH, EC2, CloudAPI and OpenStack use.
 */
export function isFingerprintOf(fingerprint: string, sources: readonly Buffer[]): boolean {
  const want = norm(fingerprint);
  for (const source of sources) {
    for (const algo of ['md5', 'sha1', 'sha256']) {
      const d = createHash(algo).update(source).digest();
      if (norm(d.toString('hex')) === want || norm(d.toString('base64')) === want) return true;
    }
  }
  return false;
}

const big = (b: Buffer): bigint => BigInt(`0x${b.toString('hex') || '0'}`);
const b64u = (n: bigint): string => {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
};

/** Loads an unencrypted `openssh-key-v1` private key (Ed25519 or RSA) into node:crypto. */
function fromOpenSsh(text: string): KeyObject {
  const body = Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (body.subarray(0, magic.length).toString('latin1') !== magic) throw new Error('not an openssh-key-v1 key');
  const r = new SshReader(body.subarray(magic.length));
  if (r.string().toString() !== 'none') throw new Error('the OpenSSH private key is encrypted');
  r.string();
  r.string();
  if (r.uint32() !== 1) throw new Error('expected exactly one key');
  r.string();
  const p = new SshReader(r.string());
  if (p.uint32() !== p.uint32()) throw new Error('check bytes differ: corrupt key');
  const type = p.string().toString();
  if (type === 'ssh-ed25519') {
    const pub = p.string();
    const priv = p.string();
    return createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: pub.toString('base64url'), d: priv.subarray(0, 32).toString('base64url') },
      format: 'jwk',
    });
  }
  if (type === 'ssh-rsa') {
    const [n, e, d, iqmp, pp, q] = [p.string(), p.string(), p.string(), p.string(), p.string(), p.string()].map(big) as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    const jwk = {
      kty: 'RSA',
      n: b64u(n),
      e: b64u(e),
      d: b64u(d),
      p: b64u(pp),
      q: b64u(q),
      dp: b64u(d % (pp - 1n)),
      dq: b64u(d % (q - 1n)),
      qi: b64u(iqmp),
    };
    return createPrivateKey({ key: jwk, format: 'jwk' });
  }
  throw new Error(`unsupported OpenSSH key type ${type}`);
}

/** Loads a private key in PEM (PKCS#1, PKCS#8, SEC1) or OpenSSH format. */
export function loadPrivateKey(text: string): KeyObject {
  return text.includes('BEGIN OPENSSH PRIVATE KEY') ? fromOpenSsh(text) : createPrivateKey(text);
}

/** Proves that `privateKey` is usable: signs a message and verifies it with the derived public key; returns both keys. */
export function checkPrivateKey(privateKey: string): { privateKey: KeyObject; publicKey: KeyObject } {
  const key = loadPrivateKey(privateKey);
  const pub = createPublicKey(key);
  const algo = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  const msg = Buffer.from('cloudmux conformance');
  if (!verify(algo, msg, pub, sign(algo, msg, key))) throw new Error('the private key does not verify its own signature');
  return { privateKey: key, publicKey: pub };
}
