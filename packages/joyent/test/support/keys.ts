import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sshpk from 'sshpk';

const run = promisify(execFile);

/** Key kinds the tests use. */
export type TestKeyKind = 'rsa' | 'ecdsa-256' | 'ecdsa-384' | 'ecdsa-521' | 'ed25519';

/** A generated key pair. */
export interface TestKey {
  kind: TestKeyKind;
  /** PKCS#8 PEM (unencrypted). */
  privatePem: string;
  /** OpenSSH public key line. */
  publicKey: string;
  /** MD5 colon-hex fingerprint. */
  md5: string;
  /** `SHA256:` fingerprint. */
  sha256: string;
}

const CURVES: Record<string, string> = { 'ecdsa-256': 'prime256v1', 'ecdsa-384': 'secp384r1', 'ecdsa-521': 'secp521r1' };
const cache = new Map<TestKeyKind, TestKey>();

/** Generates (once per process) a key of `kind`. */
export function testKey(kind: TestKeyKind): TestKey {
  const hit = cache.get(kind);
  if (hit) return hit;
  const privateKeyEncoding = { type: 'pkcs8', format: 'pem' } as const;
  const publicKeyEncoding = { type: 'spki', format: 'pem' } as const;
  let pair: { privateKey: string; publicKey: string };
  if (kind === 'rsa') pair = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding, publicKeyEncoding });
  else if (kind === 'ed25519') pair = generateKeyPairSync('ed25519', { privateKeyEncoding, publicKeyEncoding });
  else pair = generateKeyPairSync('ec', { namedCurve: CURVES[kind] as string, privateKeyEncoding, publicKeyEncoding });
  const pub = sshpk.parseKey(pair.publicKey, 'pem');
  const key: TestKey = {
    kind,
    privatePem: pair.privateKey,
    publicKey: `${pub.toString('ssh')} test-${kind}`,
    md5: pub.fingerprint('md5').toString('hex'),
    sha256: pub.fingerprint('sha256').toString(),
  };
  cache.set(kind, key);
  return key;
}

/** A temp directory removed by `cleanup`. */
export async function tempDir(prefix = 'cloudmux-joyent-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Writes a key with `ssh-keygen` (OpenSSH private format by default, or `-m PEM`), optionally
 * encrypted, and returns its paths and fingerprints.
 */
export async function sshKeygen(
  dir: string,
  name: string,
  type: 'rsa' | 'ecdsa' | 'ed25519',
  options: { passphrase?: string; format?: 'openssh' | 'PEM' | 'PKCS8'; bits?: number } = {},
): Promise<{ path: string; publicKey: string; md5: string; sha256: string }> {
  const file = path.join(dir, name);
  const args = ['-q', '-t', type, '-N', options.passphrase ?? '', '-C', `${name}@test`, '-f', file];
  if (options.bits) args.push('-b', String(options.bits));
  if (options.format && options.format !== 'openssh') args.push('-m', options.format);
  await run('ssh-keygen', args);
  const publicKey = (await readFile(`${file}.pub`, 'utf8')).trim();
  const pub = sshpk.parseKey(publicKey, 'ssh');
  return { path: file, publicKey, md5: pub.fingerprint('md5').toString('hex'), sha256: pub.fingerprint('sha256').toString() };
}
