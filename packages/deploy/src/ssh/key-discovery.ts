import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parsePrivateKey, type LoadedPrivateKey } from './private-key.js';

/** Key files `deployNode` looks for in `~/.ssh` when no key is given, in this order (as OpenSSH and Libcloud). */
export const DEFAULT_SSH_KEY_NAMES: readonly string[] = Object.freeze(['id_ed25519', 'id_ecdsa', 'id_rsa']);

/** Options of {@link discoverPrivateKey}. */
export interface DiscoverPrivateKeyOptions {
  /** Directory searched (default `~/.ssh`). */
  sshDir?: string | undefined;
  /** File names tried in order (default {@link DEFAULT_SSH_KEY_NAMES}). */
  names?: readonly string[] | undefined;
  /** Passphrase for an encrypted key; without it encrypted keys are passed over. */
  passphrase?: string | undefined;
}

/**
 * The first usable private key among `~/.ssh/id_ed25519`, `id_ecdsa`, `id_rsa` (Libcloud's and
 * OpenSSH's default identities), or `undefined`. A missing, unreadable, unparsable or encrypted
 * (without `passphrase`) file is passed over silently: these are guesses, not the caller's choice.
 */
export async function discoverPrivateKey(
  options: DiscoverPrivateKeyOptions = {},
): Promise<(LoadedPrivateKey & { path: string }) | undefined> {
  const dir = options.sshDir ?? path.join(os.homedir(), '.ssh');
  for (const name of options.names ?? DEFAULT_SSH_KEY_NAMES) {
    const file = path.join(dir, name);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      continue;
    }
    try {
      return { ...parsePrivateKey(data, options.passphrase), path: file };
    } catch {
      // Encrypted without a passphrase, a wrong passphrase, or not a key: try the next one.
    }
  }
  return undefined;
}
