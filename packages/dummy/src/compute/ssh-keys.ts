import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { InvalidArgumentError } from '@cloudmux/core/errors';

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

const SUPPORTED = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];
const CURVES: Record<string, { crv: string; size: number; bits: number }> = {
  nistp256: { crv: 'P-256', size: 32, bits: 256 },
  nistp384: { crv: 'P-384', size: 48, bits: 384 },
  nistp521: { crv: 'P-521', size: 66, bits: 521 },
};

/** Reads SSH wire-format fields (RFC 4251 `string`, `uint32`). */
class WireReader {
  #offset = 0;
  constructor(private readonly buf: Buffer) {}
  string(): Buffer {
    if (this.#offset + 4 > this.buf.length) throw new Error('truncated key blob');
    const len = this.buf.readUInt32BE(this.#offset);
    const start = this.#offset + 4;
    if (start + len > this.buf.length) throw new Error('truncated key blob');
    this.#offset = start + len;
    return this.buf.subarray(start, start + len);
  }
  get done(): boolean {
    return this.#offset === this.buf.length;
  }
}

/** Encodes SSH `string` fields. */
export function sshString(...parts: (Buffer | string)[]): Buffer {
  return Buffer.concat(
    parts.map((p) => {
      const b = typeof p === 'string' ? Buffer.from(p) : p;
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      return Buffer.concat([len, b]);
    }),
  );
}

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

function stripZeros(buf: Buffer): Buffer {
  let i = 0;
  while (i < buf.length - 1 && buf[i] === 0) i++;
  return buf.subarray(i);
}

/** Builds a JWK for the key in `blob` (throws on malformed input); returns it with the key size. */
function toJwk(type: string, blob: Buffer): { jwk: JsonWebKey; bits: number } {
  const r = new WireReader(blob);
  const inner = r.string().toString('latin1');
  if (inner !== type) throw new Error(`the key data is a ${JSON.stringify(inner)} key, not ${type}`);
  let out: { jwk: JsonWebKey; bits: number };
  if (type === 'ssh-ed25519') {
    const pk = r.string();
    if (pk.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
    out = { jwk: { kty: 'OKP', crv: 'Ed25519', x: b64url(pk) }, bits: 256 };
  } else if (type === 'ssh-rsa') {
    const e = stripZeros(r.string());
    const n = stripZeros(r.string());
    const bits = n.length * 8 - Math.clz32(n[0] ?? 0) + 24;
    if (bits < 1024) throw new Error(`RSA keys must have at least 1024 bits (this one has ${bits})`);
    out = { jwk: { kty: 'RSA', n: b64url(n), e: b64url(e) }, bits };
  } else {
    const curveName = r.string().toString('latin1');
    const curve = CURVES[curveName];
    if (!curve || `ecdsa-sha2-${curveName}` !== type) throw new Error(`curve ${JSON.stringify(curveName)} does not match ${type}`);
    const q = r.string();
    if (q.length !== 1 + 2 * curve.size || q[0] !== 4) throw new Error('expected an uncompressed EC point');
    out = { jwk: { kty: 'EC', crv: curve.crv, x: b64url(q.subarray(1, 1 + curve.size)), y: b64url(q.subarray(1 + curve.size)) }, bits: curve.bits };
  }
  if (!r.done) throw new Error('trailing bytes after the key');
  return out;
}

/** SHA256 and MD5 fingerprints of an SSH key blob, in OpenSSH's formats. */
export function fingerprints(blob: Buffer): { sha256: string; md5: string } {
  const sha256 = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  const md5 = createHash('md5').update(blob).digest('hex').replace(/(..)(?!$)/g, '$1:');
  return { sha256, md5 };
}

/**
 * Parses and checks an OpenSSH public key line (`ssh-ed25519 AAAA... comment`): the blob must
 * decode, name the same type, and hold a key node:crypto accepts. Throws `InvalidArgumentError`.
 */
export function parseOpenSshPublicKey(text: string): ParsedPublicKey {
  const shown = typeof text === 'string' && text.length > 60 ? `${text.slice(0, 60)}...` : text;
  const fail = (why: string): never => {
    throw new InvalidArgumentError(`Invalid OpenSSH public key ${JSON.stringify(shown)}: ${why}. Supported types: ${SUPPORTED.join(', ')}`);
  };
  if (typeof text !== 'string') return fail('expected a string');
  const m = /^\s*(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s+(.*?))?\s*$/.exec(text);
  if (!m) return fail('expected "<type> <base64> [comment]"');
  const type = m[1]!;
  if (!SUPPORTED.includes(type)) return fail(`unsupported key type ${JSON.stringify(type)}`);
  const blob = Buffer.from(m[2]!, 'base64');
  let bits = 0;
  try {
    const { jwk, bits: b } = toJwk(type, blob);
    createPublicKey({ key: jwk, format: 'jwk' });
    bits = b;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const fp = fingerprints(blob);
  return { type, blob, comment: m[3] ?? '', sha256Fingerprint: fp.sha256, md5Fingerprint: fp.md5, bits };
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
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const blob = sshString('ssh-ed25519', pub);
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519', pub, Buffer.concat([seed, pub]), comment)]);
  const pad = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none', 'none', ''), Buffer.from([0, 0, 0, 1]), sshString(blob, priv)]);
  const wrapped = body.toString('base64').replace(/.{1,70}/g, '$&\n');
  const publicLine = `ssh-ed25519 ${blob.toString('base64')}${comment ? ` ${comment}` : ''}`;
  return {
    publicKey: publicLine,
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrapped}-----END OPENSSH PRIVATE KEY-----\n`,
    parsed: parseOpenSshPublicKey(publicLine),
  };
}
