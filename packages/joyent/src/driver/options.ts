import type { RetryPolicy } from '@cloudmux/core/http';
import type { HttpSignatureAlgorithm } from '../auth/signing-key.js';

/** Options of `new JoyentNodeDriver(account, keyIdOrPath, options)`. */
export interface JoyentDriverOptions {
  /** Historical public datacenter (`us-east-1`, `eu-ams-1`, `eu-lon-1`...); see `JOYENT_REGIONS`. Default `us-east-1`. */
  region?: string | undefined;
  /** CloudAPI base URL, for private Triton clouds and simulators (instead of `region`). */
  url?: string | undefined;
  /** Name of the datacenter `url` serves (nodes' `locationId`); learned from ListDatacenters when absent. */
  datacenter?: string | undefined;
  /** Path of the private key file (PEM, PKCS#8 or OpenSSH). `~` expands to the home directory. */
  keyPath?: string | undefined;
  /** Private key text (PEM, PKCS#8 or OpenSSH). */
  privateKey?: string | Buffer | undefined;
  /** Passphrase of an encrypted private key. */
  passphrase?: string | undefined;
  /**
   * Sign through an ssh-agent: `true` uses `SSH_AUTH_SOCK`, a string is the socket path, `false`
   * never. Default: the agent at `SSH_AUTH_SOCK` when no key file or text is given.
   */
  useAgent?: boolean | string | undefined;
  /** Where to look for the private key matching a fingerprint key id (default `~/.ssh`; `false` to skip). */
  sshDir?: string | false | undefined;
  /** RBAC sub-user login: signs with `keyId="/<account>/users/<user>/keys/<fp>"`. */
  user?: string | undefined;
  /** Signature algorithm. RSA: `rsa-sha256` (default), `rsa-sha512`, `rsa-sha1`; ECDSA and Ed25519 are fixed by the key. */
  algorithm?: HttpSignatureAlgorithm | undefined;
  /** `Accept-Version` range (default `~9||~8||~7`). */
  apiVersion?: string | undefined;
  /** Speak CloudAPI 6.5: `X-Api-Version: ~6.5`, datasets instead of images, packages by name, signs `date` only. */
  legacy65?: boolean | undefined;
  /** RBAC roles to assume (`as-role` on every request). */
  asRole?: string | readonly string[] | undefined;
  /** Operate on another account's resources (operators; paths use this login, the key stays yours). */
  actAs?: string | undefined;
  /** TLS options; verification stays on unless `rejectUnauthorized: false` is given. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false` for none. */
  retry?: Partial<RetryPolicy> | false | undefined;
}

/** Valid option names (for `assertKnownOptions`). */
export const JOYENT_OPTION_NAMES: readonly (keyof JoyentDriverOptions)[] = [
  'region',
  'url',
  'datacenter',
  'keyPath',
  'privateKey',
  'passphrase',
  'useAgent',
  'sshDir',
  'user',
  'algorithm',
  'apiVersion',
  'legacy65',
  'asRole',
  'actAs',
  'tls',
  'timeoutMs',
  'retry',
];
