import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  SshReader,
  decodePublicKeyBlob,
  ed25519OpenSshPrivateKey,
  md5Fingerprint,
  publicKeyBlob,
  sha256Fingerprint,
  sshMpint,
  sshString,
  toOpenSshPublicKey,
} from '@cloudmux/core/ssh';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-ssh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keygen(args: string[]): string {
  return execFileSync('ssh-keygen', args, { encoding: 'utf8' }).trim();
}

const keys: [string, KeyObject][] = [
  ['ssh-ed25519', generateKeyPairSync('ed25519').publicKey],
  ['ssh-rsa', generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey],
  ['ecdsa-sha2-nistp256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey],
  ['ecdsa-sha2-nistp384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey],
  ['ecdsa-sha2-nistp521', generateKeyPairSync('ec', { namedCurve: 'P-521' }).publicKey],
];

describe('SSH wire format', () => {
  it('encodes strings and mpints and reads them back', () => {
    const data = Buffer.concat([
      sshString('abc', Buffer.from([1, 2])),
      sshMpint(Buffer.from([0, 0, 0x80])),
      sshMpint(Buffer.from([0, 0x7f])),
    ]);
    const r = new SshReader(data);
    expect(r.string().toString()).toBe('abc');
    expect([...r.string()]).toEqual([1, 2]);
    expect([...r.string()]).toEqual([0, 0x80]);
    expect([...r.string()]).toEqual([0x7f]);
    expect(r.remaining).toBe(0);
    expect(() => r.byte()).toThrow(RangeError);
  });
});

describeWithTools(['ssh-keygen'], 'public keys agree with ssh-keygen', () => {
  describe.each(keys)('%s public keys', (type, key) => {
    it('round-trip through the blob and agree with ssh-keygen on the line and fingerprints', () => {
      const line = toOpenSshPublicKey(key, 'me@host');
      expect(line.startsWith(`${type} `)).toBe(true);
      expect(line.endsWith(' me@host')).toBe(true);
      const blob = publicKeyBlob(key);
      const decoded = decodePublicKeyBlob(blob, type);
      expect(decoded.type).toBe(type);
      expect(decoded.key.export({ format: 'jwk' })).toEqual(key.export({ format: 'jwk' }));

      const file = path.join(dir, `${type}.pub`);
      writeFileSync(file, `${line}\n`);
      expect(keygen(['-l', '-E', 'sha256', '-f', file]).split(' ')[1]).toBe(sha256Fingerprint(blob));
      expect(keygen(['-l', '-E', 'md5', '-f', file]).split(' ')[1]).toBe(`MD5:${md5Fingerprint(blob)}`);
      expect(keygen(['-l', '-f', file]).split(' ')[0]).toBe(String(decoded.bits));
    });
  });
});

describe('decodePublicKeyBlob refuses malformed blobs', () => {
  const blob = publicKeyBlob(generateKeyPairSync('ed25519').publicKey);
  it.each([
    ['truncated', blob.subarray(0, blob.length - 1), undefined, /truncated key blob/],
    ['trailing bytes', Buffer.concat([blob, Buffer.from([0])]), undefined, /trailing bytes/],
    ['another type than the line says', blob, 'ssh-rsa', /is a "ssh-ed25519" key, not ssh-rsa/],
    ['an unsupported type', sshString('ssh-dss', 'x'), undefined, /unsupported key type "ssh-dss"/],
    ['a short Ed25519 key', sshString('ssh-ed25519', Buffer.alloc(31)), undefined, /32 bytes/],
  ])('%s', (_what, data, expected, message) => {
    expect(() => decodePublicKeyBlob(data, expected)).toThrow(message);
  });
});

describeWithTools(['ssh-keygen'], 'ed25519OpenSshPrivateKey', () => {
  it('writes a key ssh-keygen reads, with the same public half and comment', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const file = path.join(dir, 'id_ed25519');
    writeFileSync(file, ed25519OpenSshPrivateKey(privateKey, 'me@host'), { mode: 0o600 });
    expect(keygen(['-y', '-f', file])).toBe(toOpenSshPublicKey(publicKey, 'me@host'));
  });

  it('refuses other key types', () => {
    expect(() => ed25519OpenSshPrivateKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(/Ed25519/);
  });
});
