import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { ed25519OpenSshPrivateKey } from '@cloudmux/core/ssh';
import { sha256Fingerprint } from './fingerprint.js';

/** A private key ready for ssh2, with its public half. */
export interface LoadedPrivateKey {
  /** Key text ssh2 can parse (OpenSSH or PEM; PKCS#8 input is converted). */
  readonly data: Buffer;
  /** Passphrase for `data`, if it is still encrypted. */
  readonly passphrase: string | undefined;
  /** Key type (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`...). */
  readonly type: string;
  /** Public key as an OpenSSH line (`ssh-ed25519 AAAA...`). */
  readonly publicKey: string;
  /** SHA256 fingerprint of the public key. */
  readonly fingerprint: string;
}

/** Whether a string holds key text rather than a file path. */
export function looksLikeKeyText(value: string): boolean {
  return value.includes('-----BEGIN') || value.startsWith('PuTTY-User-Key-File') || value.includes('\n');
}

/** Reads key material: a Buffer or key text as is, otherwise a file path (`~/` is the home directory). */
export async function readKeySource(source: string | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(source)) return source;
  if (looksLikeKeyText(source)) return Buffer.from(source);
  const file = source.startsWith('~/') ? path.join(os.homedir(), source.slice(2)) : source;
  try {
    return await readFile(file);
  } catch (cause) {
    throw new InvalidArgumentError(`Cannot read SSH private key file ${source}: ${(cause as Error).message}`, { cause });
  }
}

/** Converts a PKCS#8 PEM key (possibly encrypted) into a format ssh2 reads. */
function convertPkcs8(data: Buffer, passphrase: string | undefined): Buffer {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: data, format: 'pem', ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (cause) {
    const encrypted = data.includes('ENCRYPTED PRIVATE KEY');
    const hint = encrypted ? (passphrase === undefined ? ': the key is encrypted and no passphrase was given' : ': wrong passphrase?') : '';
    throw new InvalidArgumentError(`Cannot read the PKCS#8 SSH private key${hint} (${(cause as Error).message})`, { cause });
  }
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return Buffer.from(key.export({ type: 'pkcs1', format: 'pem' }) as string);
    case 'ec':
      return Buffer.from(key.export({ type: 'sec1', format: 'pem' }) as string);
    case 'ed25519':
      return Buffer.from(ed25519OpenSshPrivateKey(key));
    default:
      throw new InvalidArgumentError(`Unsupported SSH private key type "${String(key.asymmetricKeyType)}". Supported: RSA, ECDSA, Ed25519`);
  }
}

/**
 * Parses a private key in OpenSSH, PEM (PKCS#1 / SEC1, optionally DEK-Info encrypted) or PKCS#8
 * (optionally encrypted) format; RSA, ECDSA and Ed25519. Throws {@link InvalidArgumentError}
 * naming the problem (encrypted without passphrase, wrong passphrase, unknown format), never the key.
 */
export function parsePrivateKey(input: Buffer | string, passphrase?: string): LoadedPrivateKey {
  let data = Buffer.isBuffer(input) ? input : Buffer.from(input);
  let pass = passphrase;
  const text = data.toString('latin1');
  if (/-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text)) {
    data = convertPkcs8(data, passphrase);
    pass = undefined;
  }
  let parsed = ssh2.utils.parseKey(data, pass);
  if (Array.isArray(parsed)) parsed = parsed[0] as ssh2.ParsedKey;
  if (parsed instanceof Error || parsed === undefined) {
    const msg = parsed instanceof Error ? parsed.message : 'no key found';
    const hint = /no passphrase/i.test(msg)
      ? ' (set sshKeyPassword)'
      : /decrypt|bad passphrase|integrity/i.test(msg)
        ? ' (wrong passphrase?)'
        : '';
    throw new InvalidArgumentError(`Cannot parse the SSH private key: ${msg}${hint}`);
  }
  if (parsed.getPrivatePEM() === null) throw new InvalidArgumentError('The SSH key given is a public key; a private key is needed');
  const blob = parsed.getPublicSSH();
  return {
    data,
    passphrase: pass,
    type: parsed.type,
    publicKey: `${parsed.type} ${blob.toString('base64')}`,
    fingerprint: sha256Fingerprint(blob),
  };
}

/** Reads (path or text) and parses a private key; see {@link parsePrivateKey}. */
export async function loadPrivateKey(source: string | Buffer, passphrase?: string): Promise<LoadedPrivateKey> {
  return parsePrivateKey(await readKeySource(source), passphrase);
}
