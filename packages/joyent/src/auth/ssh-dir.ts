import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sshpk from 'sshpk';
import { type Fingerprint, fingerprintMatches } from './key-id.js';
import { loadPrivateKey } from './private-key.js';
import type { SigningKey } from './signing-key.js';

/** Options of {@link findKeyInDirectory}. */
export interface FindKeyOptions {
  /** Passphrase for an encrypted match. */
  passphrase?: string | undefined;
  /** Requested algorithm. */
  algorithm?: string | undefined;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Looks in `dir` (normally `~/.ssh`) for the private key with `fingerprint`, the way
 * smartdc-auth's "homedir" source does: first through `*.pub` files, then through unencrypted
 * private keys without a `.pub` twin. Returns `undefined` when nothing matches.
 */
export async function findKeyInDirectory(
  dir: string,
  fingerprint: Fingerprint,
  options: FindKeyOptions = {},
): Promise<(SigningKey & { publicKey: string }) | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return undefined;
  }
  const set = new Set(names);
  for (const name of names) {
    if (!name.endsWith('.pub')) continue;
    const text = await readText(path.join(dir, name));
    if (text === undefined) continue;
    let pub: sshpk.Key;
    try {
      pub = sshpk.parseKey(text, 'auto');
    } catch {
      continue;
    }
    const fps = { md5Fingerprint: pub.fingerprint('md5').toString('hex'), sha256Fingerprint: pub.fingerprint('sha256').toString() };
    if (!fingerprintMatches(fingerprint, fps)) continue;
    const privPath = path.join(dir, name.slice(0, -4));
    const priv = await readText(privPath);
    if (priv === undefined) continue;
    return loadPrivateKey(priv, { passphrase: options.passphrase, algorithm: options.algorithm, source: `file ${privPath}` });
  }
  for (const name of names) {
    if (name.endsWith('.pub') || set.has(`${name}.pub`)) continue;
    const file = path.join(dir, name);
    const text = await readText(file);
    if (text === undefined || !text.includes('PRIVATE KEY') || text.includes('ENCRYPTED')) continue;
    try {
      const key = loadPrivateKey(text, { algorithm: options.algorithm, source: `file ${file}` });
      if (fingerprintMatches(fingerprint, key)) return key;
    } catch {
      continue;
    }
  }
  return undefined;
}
