/**
 * SSH keys for the simulated Nova: generating an Ed25519 key pair in OpenSSH formats (what `POST /os-keypairs`
 * without a public key returns), and checking that an imported public key's blob is well formed.
 * @module
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

function sshString(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** A new Ed25519 key: `ssh-ed25519 AAAA… comment` and an unencrypted `openssh-key-v1` private key. */
export function generateOpenSshKey(comment: string): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(x)]);
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(x), sshString(Buffer.concat([d, x])), sshString(comment)]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    Buffer.from([0, 0, 0, 1]),
    sshString(pubBlob),
    sshString(priv),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return {
    publicKey: `ssh-ed25519 ${pubBlob.toString('base64')} ${comment}`,
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
  };
}

/** Whether `line` is `<type> <base64 blob> [comment]` whose blob starts with the same type string. */
export function validPublicKey(line: string): boolean {
  const [type, b64] = line.trim().split(/\s+/);
  if (type === undefined || b64 === undefined || !/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521))$/.test(type)) return false;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return false;
  const blob = Buffer.from(b64, 'base64');
  if (blob.length < 4 + type.length + 8) return false;
  const len = blob.readUInt32BE(0);
  return len === type.length && blob.subarray(4, 4 + len).toString('latin1') === type;
}
