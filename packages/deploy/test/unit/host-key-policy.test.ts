import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { publicKeyBlob } from '@cloudmux/core/ssh';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { HostKeyVerificationError, HostKeyVerifier, sha256Fingerprint } from '@cloudmux/deploy';

// Key blobs from core's SSH wire code (ssh2's parseKey refuses about 1 in 200 of the Ed25519 public keys its own generator writes).
const blob = (): Buffer => publicKeyBlob(generateKeyPairSync('ed25519').publicKey);
const rsaBlob = publicKeyBlob(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey);

describe('HostKeyVerifier', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hkp-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('strict needs a known_hosts file or fingerprints, and rejects unknown policies', async () => {
    await expect(HostKeyVerifier.create({ hostKeyPolicy: 'strict' }, 'h', 22)).rejects.toThrow(InvalidArgumentError);
    await expect(HostKeyVerifier.create({ hostKeyPolicy: 'yolo' as never }, 'h', 22)).rejects.toThrow(
      /Valid values: strict, accept-new, insecure/,
    );
  });

  it('strict accepts a listed key or fingerprint, refuses an unknown key naming the fingerprint seen', async () => {
    const known = blob();
    const file = path.join(dir, 'strict');
    await writeFile(file, `[10.0.0.1]:2222 ssh-ed25519 ${known.toString('base64')}\n`);
    const v = await HostKeyVerifier.create({ hostKeyPolicy: 'strict', knownHostsFile: file }, '10.0.0.1', 2222);
    expect(v.verify(known)).toMatchObject({ accepted: true, status: 'known' });
    const stranger = blob();
    const d = v.verify(stranger);
    expect(d.accepted).toBe(false);
    expect(d.error).toBeInstanceOf(HostKeyVerificationError);
    expect(d.error!.message).toContain(sha256Fingerprint(stranger));
    expect(d.error!.message).toMatch(/changed/);
    expect(d.error!.expected).toEqual([`ssh-ed25519 ${sha256Fingerprint(known)}`]);

    const unknownHost = await HostKeyVerifier.create({ hostKeyPolicy: 'strict', knownHostsFile: file }, '10.0.0.2', 22);
    expect(unknownHost.verify(known).error!.message).toMatch(/unknown host key ssh-ed25519 SHA256:/);

    const byFp = await HostKeyVerifier.create(
      { hostKeyPolicy: 'strict', hostKeyFingerprints: [`sha256:${sha256Fingerprint(stranger).slice(7)}=`] },
      'x',
      22,
    );
    expect(byFp.verify(stranger).accepted).toBe(true);
  });

  it('prefers the host-key algorithms known_hosts lists for the host', async () => {
    const file = path.join(dir, 'rsa-only');
    await writeFile(file, `[10.0.0.3]:22 ssh-rsa ${rsaBlob.toString('base64')}\n10.0.0.3 ssh-rsa ${rsaBlob.toString('base64')}\n`);
    const v = await HostKeyVerifier.create({ hostKeyPolicy: 'strict', knownHostsFile: file }, '10.0.0.3', 22);
    expect(v.hostKeyAlgorithms().slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(v.hostKeyAlgorithms()).toContain('ssh-ed25519');
  });

  it('accept-new trusts an unknown host, remembers it, then refuses a changed key', async () => {
    const file = path.join(dir, 'tofu');
    const first = blob();
    const v = await HostKeyVerifier.create({ hostKeyPolicy: 'accept-new', knownHostsFile: file }, '10.0.0.9', 2200);
    const d = v.verify(first);
    expect(d).toMatchObject({ accepted: true, status: 'new', fingerprint: sha256Fingerprint(first) });
    expect(await v.remember(d)).toBe(true);
    const again = await HostKeyVerifier.create({ hostKeyPolicy: 'accept-new', knownHostsFile: file }, '10.0.0.9', 2200);
    expect(again.verify(first).status).toBe('known');
    expect(again.verify(blob()).accepted).toBe(false);
  });

  it('insecure accepts anything and warns once per process', async () => {
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const a = await HostKeyVerifier.create({ hostKeyPolicy: 'insecure' }, 'a', 22);
      await HostKeyVerifier.create({ hostKeyPolicy: 'insecure' }, 'b', 22);
      expect(a.verify(blob())).toMatchObject({ accepted: true, status: 'insecure' });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]![0])).toMatch(/not verified/);
    } finally {
      spy.mockRestore();
    }
  });
});
