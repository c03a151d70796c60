import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { loadPrivateKey, parsePrivateKey, sha256Fingerprint } from '@cloudmux/deploy';

describe('private keys', () => {
  it.each([
    ['ed25519', () => generateKeyPairSync('ed25519'), 'ssh-ed25519'],
    ['rsa', () => generateKeyPairSync('rsa', { modulusLength: 2048 }), 'ssh-rsa'],
    ['ecdsa p256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }), 'ecdsa-sha2-nistp256'],
    ['ecdsa p384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }), 'ecdsa-sha2-nistp384'],
  ] as const)('reads PKCS#8 %s, plain and encrypted, to the same public key', (_n, gen, type) => {
    const { privateKey } = gen();
    const plain = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const enc = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    const a = parsePrivateKey(plain);
    const b = parsePrivateKey(enc, 'pw');
    expect(a.type).toBe(type);
    expect(b.publicKey).toBe(a.publicKey);
    // the converted key signs with the same key ssh2 reads back
    const parsed = ssh2.utils.parseKey(a.data) as ssh2.ParsedKey;
    const sig = parsed.sign(Buffer.from('hello'));
    expect(parsed.verify(Buffer.from('hello'), sig)).toBe(true);
    expect(a.fingerprint).toBe(sha256Fingerprint(parsed.getPublicSSH()));
  });

  it('reads PEM PKCS#1 / SEC1 and OpenSSH keys, encrypted ones with their passphrase', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const pkcs1 = rsa.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pkcs1Enc = rsa.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'pw' }) as string;
    expect(parsePrivateKey(pkcs1Enc, 'pw').publicKey).toBe(parsePrivateKey(pkcs1).publicKey);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    expect(parsePrivateKey(ec).type).toBe('ecdsa-sha2-nistp256');
    const openssh = ssh2.utils.generateKeyPairSync('ed25519', { passphrase: 'secret', cipher: 'aes256-ctr', rounds: 4 });
    expect(parsePrivateKey(openssh.private, 'secret').publicKey).toBe(openssh.public.split(' ').slice(0, 2).join(' '));
  });

  it('fails clearly without a passphrase, with a wrong one, or for a public key, never echoing the key', () => {
    const enc = generateKeyPairSync('ed25519').privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'pw',
    }) as string;
    expect(() => parsePrivateKey(enc)).toThrow(/encrypted and no passphrase/);
    expect(() => parsePrivateKey(enc, 'nope')).toThrow(InvalidArgumentError);
    const openssh = ssh2.utils.generateKeyPairSync('ed25519', { passphrase: 'secret', cipher: 'aes256-ctr', rounds: 4 });
    expect(() => parsePrivateKey(openssh.private)).toThrow(/sshKeyPassword/);
    expect(() => parsePrivateKey(openssh.public)).toThrow(/public key/);
    const junk = '-----BEGIN RSA PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUA==\n-----END RSA PRIVATE KEY-----';
    let message = '';
    try {
      parsePrivateKey(junk);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Cannot parse the SSH private key/);
    expect(message).not.toContain('QUJDREVGR0hJSktMTU5PUA');
  });

  it('loads from a path or from key text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pk-'));
    try {
      const text = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).private;
      await writeFile(path.join(dir, 'id'), text);
      const fromPath = await loadPrivateKey(path.join(dir, 'id'));
      const fromText = await loadPrivateKey(text);
      expect(fromPath.publicKey).toBe(fromText.publicKey);
      await expect(loadPrivateKey(path.join(dir, 'missing'))).rejects.toThrow(/Cannot read SSH private key file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
