/** A private sshd started by {@link startSshd}. */
export interface SshdHarness {
  host: '127.0.0.1';
  port: number;
  /** Login user (a throw-away user when running as root). */
  user: string;
  /** The user's home directory (the real home when not root). */
  home: string;
  /** Temp dir holding everything. */
  dir: string;
  isRoot: boolean;
  /** Client private key paths: OpenSSH ed25519 and rsa, PEM (PKCS#1) rsa, passphrase-protected ed25519, PKCS#8 ecdsa. */
  keys: { ed25519: string; rsa: string; rsaPem: string; ed25519Encrypted: string; ecdsa: string };
  /** Public key lines of `keys`. */
  publicKeys: { ed25519: string; rsa: string; rsaPem: string; ed25519Encrypted: string; ecdsa: string };
  /** Passphrase of `keys.ed25519Encrypted`. */
  passphrase: string;
  /** known_hosts with the three host keys as `[127.0.0.1]:port`. */
  knownHostsFile: string;
  /** Host public keys (`type base64`). */
  hostPublicKeys: { ed25519: string; rsa: string; ecdsa: string };
  /** Host key SHA256 fingerprints. */
  hostKeyFingerprints: { ed25519: string; rsa: string; ecdsa: string };
  /** Lets one more public key line log in. */
  authorize(line: string): Promise<void>;
  /** sshd's log so far. */
  log(): Promise<string>;
  /** Stops sshd and its session processes, deletes the user and the temp dir. */
  stop(): Promise<void>;
}
/** Path of sshd; throws a clear error when OpenSSH server is not installed. */
export function findSshd(): string;
/** Starts a private sshd on 127.0.0.1 (free port, own config, keys, user). */
export function startSshd(options?: { logLevel?: 'INFO' | 'VERBOSE' | 'DEBUG' }): Promise<SshdHarness>;
