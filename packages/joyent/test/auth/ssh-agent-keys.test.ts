import { createPublicKey, verify } from 'node:crypto';
import sshpk from 'sshpk';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { CloudApiCredentials } from '../../src/auth/credentials.js';
import { parseFingerprint } from '../../src/auth/key-id.js';
import { sshKeygen, tempDir } from '../support/keys.js';
import { startSshAgent, type TestAgent } from '../support/ssh-agent.js';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['ssh-agent', 'ssh-keygen'], 'ssh-agent key listing and signing', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let agent: TestAgent;
  const keys: Record<string, { path: string; publicKey: string; md5: string; sha256: string }> = {};

  beforeAll(async () => {
    tmp = await tempDir();
    agent = await startSshAgent(tmp.dir);
    keys['rsa'] = await sshKeygen(tmp.dir, 'rsa', 'rsa', { bits: 2048 });
    keys['ecdsa256'] = await sshKeygen(tmp.dir, 'ecdsa256', 'ecdsa', { bits: 256 });
    keys['ecdsa384'] = await sshKeygen(tmp.dir, 'ecdsa384', 'ecdsa', { bits: 384 });
    keys['ecdsa521'] = await sshKeygen(tmp.dir, 'ecdsa521', 'ecdsa', { bits: 521 });
    keys['ed25519'] = await sshKeygen(tmp.dir, 'ed25519', 'ed25519');
    for (const k of Object.values(keys)) await agent.add(k.path);
  });
  afterAll(async () => {
    await agent?.stop();
    await tmp?.cleanup();
  });

  function publicKeyObject(openssh: string) {
    return createPublicKey(sshpk.parseKey(openssh, 'ssh').toString('pem'));
  }

  describe('ssh-agent signing (real ssh-agent)', () => {
    it.each([
      ['rsa', undefined, 'rsa-sha256', 'sha256'],
      ['rsa', 'rsa-sha512', 'rsa-sha512', 'sha512'],
      ['ecdsa256', undefined, 'ecdsa-sha256', 'sha256'],
      ['ecdsa384', undefined, 'ecdsa-sha384', 'sha384'],
      ['ecdsa521', undefined, 'ecdsa-sha512', 'sha512'],
      ['ed25519', undefined, 'ed25519-sha512', null],
    ] as const)('%s (%s) signs in the HTTP Signature encoding', async (name, requested, algorithm, hash) => {
      const k = keys[name]!;
      const creds = new CloudApiCredentials({
        account: 'demo',
        fingerprint: parseFingerprint(k.sha256),
        agentSocket: agent.socket,
        algorithm: requested,
      });
      const { keyId, key } = await creds.resolve();
      expect(keyId).toBe(`/demo/keys/${k.md5}`);
      expect(key.algorithm).toBe(algorithm);
      expect(key.source).toContain('ssh-agent');
      const sig = await key.sign('date: Tue, 22 Dec 2015 05:06:33 GMT');
      // DER for ECDSA (node's default dsaEncoding), PKCS#1 for RSA, raw for Ed25519.
      expect(verify(hash, Buffer.from('date: Tue, 22 Dec 2015 05:06:33 GMT'), publicKeyObject(k.publicKey), sig)).toBe(true);
      if (name === 'ed25519') expect(sig.length).toBe(64);
      if (name.startsWith('ecdsa')) expect(sig[0]).toBe(0x30);
    });

    it('finds the agent key by MD5 fingerprint and builds the sub-user keyId', async () => {
      const k = keys['ed25519']!;
      const creds = new CloudApiCredentials({
        account: 'demo',
        user: 'bob',
        fingerprint: parseFingerprint(k.md5),
        agentSocket: agent.socket,
      });
      expect((await creds.resolve()).keyId).toBe(`/demo/users/bob/keys/${k.md5}`);
    });

    it('says which keys the agent holds when none matches', async () => {
      const creds = new CloudApiCredentials({
        account: 'demo',
        fingerprint: parseFingerprint('00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff'),
        agentSocket: agent.socket,
      });
      await expect(creds.resolve()).rejects.toThrow(InvalidArgumentError);
      await expect(creds.resolve()).rejects.toThrow(keys['rsa']!.md5);
    });

    it('falls back to a matching key in the ssh directory', async () => {
      const other = await tempDir();
      try {
        const k = await sshKeygen(other.dir, 'id_ecdsa', 'ecdsa');
        const creds = new CloudApiCredentials({
          account: 'demo',
          fingerprint: parseFingerprint(k.sha256),
          agentSocket: agent.socket,
          sshDir: other.dir,
        });
        const r = await creds.resolve();
        expect(r.key.source).toBe(`file ${k.path}`);
        expect(r.keyId).toBe(`/demo/keys/${k.md5}`);
      } finally {
        await other.cleanup();
      }
    });

    it('reports an unreachable agent socket clearly', async () => {
      const creds = new CloudApiCredentials({
        account: 'demo',
        fingerprint: parseFingerprint(keys['rsa']!.md5),
        agentSocket: `${tmp.dir}/nope.sock`,
      });
      await expect(creds.resolve()).rejects.toThrow(/Cannot reach the ssh-agent/);
    });
  });
});
