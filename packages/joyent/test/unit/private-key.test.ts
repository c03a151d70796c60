import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sshpk from 'sshpk';
import { InvalidArgumentError, InvalidCredentialsError } from '@cloudmux/core/errors';
import { loadPrivateKey } from '../../src/auth/private-key.js';
import { chooseAlgorithm } from '../../src/auth/algorithms.js';
import { DRAFT_DEFAULT_TEST, DRAFT_TEST_PRIVATE_KEY } from '../support/draft-cavage-key.js';
import { sshKeygen, tempDir, testKey } from '../support/keys.js';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['ssh-keygen'], 'private keys written by ssh-keygen', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.cleanup());

  describe('loadPrivateKey', () => {
    it('reproduces the draft-cavage "Default Test" rsa-sha256 signature (known answer)', () => {
      const key = loadPrivateKey(DRAFT_TEST_PRIVATE_KEY, { source: 'draft' });
      expect(key.type).toBe('rsa');
      expect(key.algorithm).toBe('rsa-sha256');
      expect((key.sign(`date: ${DRAFT_DEFAULT_TEST.date}`) as Buffer).toString('base64')).toBe(DRAFT_DEFAULT_TEST.signature);
    });

    it.each([
      ['rsa', 'PEM', 'rsa-sha256'],
      ['rsa', 'PKCS8', 'rsa-sha256'],
      ['rsa', 'openssh', 'rsa-sha256'],
      ['ecdsa', 'openssh', 'ecdsa-sha256'],
      ['ecdsa', 'PEM', 'ecdsa-sha256'],
      ['ed25519', 'openssh', 'ed25519-sha512'],
    ] as const)('loads %s keys in %s format with matching fingerprints', async (type, format, algorithm) => {
      const k = await sshKeygen(tmp.dir, `${type}-${format}`, type, { format });
      const key = loadPrivateKey(await readFile(k.path), { source: k.path });
      expect(key.algorithm).toBe(algorithm);
      expect(key.md5Fingerprint).toBe(k.md5);
      expect(key.sha256Fingerprint).toBe(k.sha256);
      const sig = key.sign('hello') as Buffer;
      const pub = createPublicKey(sshpk.parseKey(key.publicKey, 'ssh').toString('pem'));
      expect(verify(type === 'ed25519' ? null : 'sha256', Buffer.from('hello'), pub, sig)).toBe(true);
    });

    it('loads passphrase-protected OpenSSH and PEM keys', async () => {
      const a = await sshKeygen(tmp.dir, 'enc-openssh', 'ed25519', { passphrase: 's3cret' });
      const b = await sshKeygen(tmp.dir, 'enc-pem', 'rsa', { passphrase: 's3cret', format: 'PEM' });
      expect(loadPrivateKey(await readFile(a.path), { source: a.path, passphrase: 's3cret' }).md5Fingerprint).toBe(a.md5);
      expect(loadPrivateKey(await readFile(b.path), { source: b.path, passphrase: 's3cret' }).md5Fingerprint).toBe(b.md5);
    });

    it('rejects a wrong or missing passphrase with InvalidCredentialsError', async () => {
      const a = await sshKeygen(tmp.dir, 'enc2-openssh', 'ecdsa', { passphrase: 'right' });
      const b = await sshKeygen(tmp.dir, 'enc2-pem', 'rsa', { passphrase: 'right', format: 'PEM' });
      for (const k of [a, b]) {
        const text = await readFile(k.path);
        expect(() => loadPrivateKey(text, { source: k.path, passphrase: 'wrong' })).toThrow(InvalidCredentialsError);
        expect(() => loadPrivateKey(text, { source: k.path, passphrase: 'wrong' })).toThrow(/Wrong passphrase/);
        expect(() => loadPrivateKey(text, { source: k.path })).toThrow(/encrypted: pass its passphrase/);
      }
    });

    it('rejects garbage with InvalidArgumentError naming the source', () => {
      expect(() => loadPrivateKey('not a key', { source: 'file /x' })).toThrow(InvalidArgumentError);
      expect(() => loadPrivateKey('not a key', { source: 'file /x' })).toThrow(/file \/x/);
    });

    it('uses rsa-sha512 when asked and refuses algorithms the key cannot produce', () => {
      const rsa = testKey('rsa');
      const k = loadPrivateKey(rsa.privatePem, { source: 't', algorithm: 'rsa-sha512' });
      expect(k.algorithm).toBe('rsa-sha512');
      const pub = createPublicKey(rsa.privatePem);
      expect(verify('sha512', Buffer.from('x'), pub, k.sign('x') as Buffer)).toBe(true);
      expect(() => loadPrivateKey(testKey('ed25519').privatePem, { source: 't', algorithm: 'rsa-sha256' })).toThrow(InvalidArgumentError);
    });
  });

  describe('chooseAlgorithm', () => {
    it('picks ECDSA hashes by curve', () => {
      expect(chooseAlgorithm('ecdsa', 'nistp256', undefined)).toBe('ecdsa-sha256');
      expect(chooseAlgorithm('ecdsa', 'nistp384', undefined)).toBe('ecdsa-sha384');
      expect(chooseAlgorithm('ecdsa', 'nistp521', 'ecdsa-sha512')).toBe('ecdsa-sha512');
      expect(() => chooseAlgorithm('ecdsa', 'nistp256', 'ecdsa-sha512')).toThrow(/only sign with ecdsa-sha256/);
    });
    it('lists valid RSA algorithms on a bad choice', () => {
      expect(() => chooseAlgorithm('rsa', undefined, 'rsa-md5')).toThrow(/Valid values: rsa-sha256, rsa-sha512, rsa-sha1/);
    });
  });
});
