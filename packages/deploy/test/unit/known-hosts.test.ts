import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { publicKeyBlob } from '@cloudmux/core/ssh';
import {
  appendKnownHost,
  formatKnownHostsLine,
  knownHostsName,
  lookupKnownHost,
  parseKnownHosts,
  sha256Fingerprint,
} from '@cloudmux/deploy';

// Key blobs from core's SSH wire code (ssh2's parseKey refuses about 1 in 200 of the Ed25519 public keys its own generator writes).
const keyA = publicKeyBlob(generateKeyPairSync('ed25519').publicKey);
const keyB = publicKeyBlob(generateKeyPairSync('ed25519').publicKey);
const b64 = (k: Buffer): string => k.toString('base64');

describe('known_hosts', () => {
  it('names hosts as OpenSSH does', () => {
    expect(knownHostsName('example.com', 22)).toBe('example.com');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('parses plain, bracketed, wildcard and negated patterns, skipping comments and junk', () => {
    const text = [
      '# comment',
      '',
      `web1.example.com,10.0.0.5 ssh-ed25519 ${b64(keyA)} comment here`,
      `[127.0.0.1]:2222 ssh-ed25519 ${b64(keyB)}`,
      `*.internal,!db.internal ssh-ed25519 ${b64(keyA)}`,
      'garbage-line-without-key',
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries).toHaveLength(3);
    expect(entries[0]!.line).toBe(3);
    expect(entries[0]!.fingerprint).toBe(sha256Fingerprint(keyA));
    expect(lookupKnownHost(entries, '10.0.0.5', 22).trusted).toHaveLength(1);
    expect(lookupKnownHost(entries, '10.0.0.5', 2200).trusted).toHaveLength(0);
    expect(lookupKnownHost(entries, '127.0.0.1', 2222).trusted[0]!.keyBlob.equals(keyB)).toBe(true);
    expect(lookupKnownHost(entries, '127.0.0.1', 22).trusted).toHaveLength(0);
    expect(lookupKnownHost(entries, 'app.internal', 22).trusted).toHaveLength(1);
    expect(lookupKnownHost(entries, 'DB.internal', 22).trusted).toHaveLength(0);
  });

  it('matches hashed |1| entries (HMAC-SHA1 of the host name) and @revoked markers', () => {
    const salt = Buffer.from('0123456789abcdefghij');
    const hash = createHmac('sha1', salt).update('[10.1.1.1]:2022').digest('base64');
    const text = `|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${b64(keyA)}\n@revoked * ssh-ed25519 ${b64(keyB)}\n@cert-authority *.x ssh-ed25519 ${b64(keyB)}\n`;
    const entries = parseKnownHosts(text);
    const found = lookupKnownHost(entries, '10.1.1.1', 2022);
    expect(found.trusted).toHaveLength(1);
    expect(found.revoked).toHaveLength(1);
    expect(lookupKnownHost(entries, '10.1.1.1', 22).trusted).toHaveLength(0);
    const line = formatKnownHostsLine('10.1.1.1', 2022, 'ssh-ed25519', keyA, true);
    expect(line.startsWith('|1|')).toBe(true);
    expect(lookupKnownHost(parseKnownHosts(line), '10.1.1.1', 2022).trusted).toHaveLength(1);
  });

  it('appends a key once, even when called concurrently, and keeps a missing final newline intact', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kh-'));
    try {
      const file = path.join(dir, 'sub', 'known_hosts');
      const results = await Promise.all(Array.from({ length: 5 }, () => appendKnownHost(file, '127.0.0.1', 2200, 'ssh-ed25519', keyA)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await readFile(file, 'utf8')).trim().split('\n')).toEqual([`[127.0.0.1]:2200 ssh-ed25519 ${b64(keyA)}`]);
      const other = path.join(dir, 'kh2');
      await writeFile(other, `host1 ssh-ed25519 ${b64(keyB)}`);
      await appendKnownHost(other, 'host2', 22, 'ssh-ed25519', keyA);
      expect((await readFile(other, 'utf8')).split('\n')).toEqual([`host1 ssh-ed25519 ${b64(keyB)}`, `host2 ssh-ed25519 ${b64(keyA)}`, '']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
