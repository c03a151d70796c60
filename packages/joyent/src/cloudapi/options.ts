/**
 * Options and settings of the CloudAPI driver: the constructor options, the per-call `ex` option
 * types, and their validation into {@link ResolvedSettings}. Imported by the client and by
 * `config/`, so it imports nothing from the driver or its resource modules.
 */
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertKnownOptions, assertOneOf, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RetryPolicy } from '@cloudmux/core/http';
import { SIGNING_ALGORITHMS } from '../auth/algorithms.js';
import type { CredentialSpec } from '../auth/credentials.js';
import { parseFingerprint, parseKeyId, type Fingerprint } from '../auth/key-id.js';
import { loadPrivateKey } from '../auth/private-key.js';
import type { HttpSignatureAlgorithm, SigningKey } from '../auth/signing-key.js';
import { DEFAULT_API_VERSION, JOYENT_REGIONS, LEGACY_API_VERSION, findRegion, isLegacyRange } from './provider.js';

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
  /**
   * This driver's debug trace (py-smartdc's `verbose`): every request and response, redacted, with a
   * replayable `curl` line, appended to `file` (`/dev/stderr` works). Without it the process-wide
   * `CLOUDMUX_DEBUG` applies.
   */
  debug?: { readonly file: string } | undefined;
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
  'debug',
];

/** `ListNodesOptions.ex` filters for `listNodes` / `iterateNodes` (ListMachines query). */
export interface JoyentListNodesEx {
  /** Exact machine name. */
  name?: string | undefined;
  /** CloudAPI state: provisioning, stopping, active, stopped, running, unknown, destroyed. */
  state?: string | undefined;
  /** Image uuid. */
  image?: string | undefined;
  /** Memory in MiB. */
  memory?: number | undefined;
  /** Deprecated machine type. */
  type?: 'smartmachine' | 'virtualmachine' | undefined;
  /** Brand (`joyent`, `lx`, `kvm`, `bhyve`). */
  brand?: string | undefined;
  /** Tag filters (`tag.<k>=<v>`, all must match), or `'*'` for machines with any tag. */
  tags?: Readonly<Record<string, string | number | boolean>> | '*' | undefined;
  /** Include destroyed machines (boolean since 7.0; minutes in 6.5). */
  tombstone?: boolean | number | undefined;
  /** Only Docker containers (true) or only non-Docker machines (false). */
  docker?: boolean | undefined;
  /** Include `credentials` in metadata. */
  credentials?: boolean | undefined;
  /** Page size, 1–1000 (default 1000, CloudAPI's maximum). */
  pageSize?: number | undefined;
}

/** @deprecated Renamed {@link JoyentListNodesEx} (provider `ex` types end in `Ex`). */
export type JoyentListNodesFilters = JoyentListNodesEx;

/** Filter names accepted in {@link JoyentListNodesEx}. */
export const LIST_NODES_FILTERS = [
  'name',
  'state',
  'image',
  'memory',
  'type',
  'brand',
  'tags',
  'tombstone',
  'docker',
  'credentials',
  'pageSize',
] as const;

export * from './create-options.js';

/** `listSizes` filters (ListPackages query; `*` wildcards allowed in strings since 8.1.1). */
export interface JoyentPackageFilters {
  name?: string | undefined;
  memory?: number | undefined;
  disk?: number | undefined;
  swap?: number | undefined;
  lwps?: number | undefined;
  vcpus?: number | undefined;
  version?: string | undefined;
  group?: string | undefined;
}

/** Filter names accepted in {@link JoyentPackageFilters}. */
export const LIST_PACKAGES_FILTERS = ['name', 'memory', 'disk', 'swap', 'lwps', 'vcpus', 'version', 'group'] as const;

/** `listImages` filters (ListImages query). */
export interface JoyentImageFilters {
  name?: string | undefined;
  os?: string | undefined;
  version?: string | undefined;
  public?: boolean | undefined;
  /** `active` (server default), `all`, `disabled`... */
  state?: string | undefined;
  owner?: string | undefined;
  type?: string | undefined;
}

/** Filter names accepted in {@link JoyentImageFilters}. */
export const LIST_IMAGES_FILTERS = ['name', 'os', 'version', 'public', 'state', 'owner', 'type'] as const;

/** Options of `listSizes` / `listImages` for Joyent. */
export interface JoyentListOptions<F extends object> extends CallOptions {
  /** Datacenter to list (another datacenter is reached with the same credentials). */
  location?: string | { id: string } | undefined;
  /** Server-side filters. */
  ex?: F | undefined;
}

/** Everything a driver needs besides its key, after validation. */
export interface ResolvedSettings {
  /** Account that owns the key (first `keyId` segment). */
  readonly account: string;
  /** Login used in paths (`actAs` or `account`). */
  readonly login: string;
  /** RBAC sub-user. */
  readonly user: string | undefined;
  /** CloudAPI base URL without a trailing slash. */
  readonly url: string;
  /** Datacenter name, when known. */
  datacenter: string | undefined;
  /** Legacy 6.5 mode. */
  readonly legacy65: boolean;
  /** Version range sent. */
  readonly apiVersion: string;
  /** `as-role` value. */
  readonly asRole: string | undefined;
}

/** Expands a leading `~` to the home directory. */
export function expandHome(p: string, home: string = os.homedir()): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InvalidArgumentError(`Private key file not found: ${file}`, { cause });
    throw new InvalidArgumentError(`Cannot read private key file ${file} (${code ?? (cause as Error).message})`, { cause });
  }
}

/** What the second constructor argument turned out to be. */
interface KeyRef {
  fingerprint?: Fingerprint | undefined;
  keyName?: string | undefined;
  user?: string | undefined;
  path?: string | undefined;
}

function classifyKeyArg(account: string, arg: string | undefined): KeyRef {
  if (!arg) return {};
  const keyId = parseKeyId(arg);
  if (keyId && (keyId.account === account || !isFile(arg))) {
    if (keyId.account !== account) {
      throw new InvalidArgumentError(
        `The key id ${arg} names account "${keyId.account}" but the driver was created for account "${account}"`,
      );
    }
    const fp = parseFingerprint(keyId.key);
    return { user: keyId.user, fingerprint: fp, keyName: fp ? undefined : keyId.key };
  }
  const fp = parseFingerprint(arg);
  if (fp) return { fingerprint: fp };
  return { path: expandHome(arg) };
}

/**
 * Validates the constructor arguments and options, loads a key file or key text at once, and
 * says where to find the key otherwise (ssh-agent, `~/.ssh`).
 */
export function resolveSettings(
  account: string,
  keyIdOrPath: string | undefined,
  options: JoyentDriverOptions = {},
): { settings: ResolvedSettings; credentials: CredentialSpec } {
  assertKnownOptions('JoyentNodeDriver', options, JOYENT_OPTION_NAMES);
  if (typeof account !== 'string' || account.length === 0 || account.includes('/')) {
    throw new InvalidArgumentError(`Invalid Joyent account ${JSON.stringify(account)}: expected the account login`);
  }
  if (options.region !== undefined && options.url !== undefined) throw new InvalidArgumentError('Pass either region or url, not both');
  if (options.region !== undefined)
    assertOneOf(
      'region',
      options.region,
      JOYENT_REGIONS.map((r) => r.id),
    );
  let url: string;
  if (options.url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch (cause) {
      throw new InvalidArgumentError(`Invalid url "${options.url}": expected an absolute http(s) URL`, { cause });
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new InvalidArgumentError(`Invalid url "${options.url}": expected http or https`);
    url = parsed.href.replace(/\/+$/, '');
  } else {
    url = (findRegion(options.region ?? 'us-east-1')?.endpoint ?? '').replace(/\/+$/, '');
  }
  if (options.algorithm !== undefined) assertOneOf('algorithm', options.algorithm, SIGNING_ALGORITHMS);
  if (options.apiVersion !== undefined && (typeof options.apiVersion !== 'string' || options.apiVersion.trim() === '')) {
    throw new InvalidArgumentError(
      `Invalid apiVersion ${JSON.stringify(options.apiVersion)}: expected a semver range such as "~9" or "~8||~7"`,
    );
  }

  const ref = classifyKeyArg(account, keyIdOrPath);
  if (ref.user && options.user && ref.user !== options.user) {
    throw new InvalidArgumentError(`The key id names sub-user "${ref.user}" but the user option is "${options.user}"`);
  }
  const user = options.user ?? ref.user;
  const legacy65 = options.legacy65 ?? (options.apiVersion !== undefined && isLegacyRange(options.apiVersion));
  if (options.legacy65 === false && options.apiVersion !== undefined && isLegacyRange(options.apiVersion))
    throw new InvalidArgumentError(
      `apiVersion "${options.apiVersion}" only admits CloudAPI 6.x, which needs the legacy mode: drop legacy65: false or ask for "~7" or later`,
    );
  if (options.debug !== undefined && (typeof options.debug !== 'object' || typeof options.debug.file !== 'string' || !options.debug.file))
    throw new InvalidArgumentError('Invalid debug option: expected { file: "<path>" } (a path, or "/dev/stderr")');
  if (legacy65 && user)
    throw new InvalidArgumentError('RBAC sub-users (user) need CloudAPI 7.2 or later; they cannot be used with legacy65');

  const sources = [options.privateKey !== undefined, options.keyPath !== undefined, ref.path !== undefined].filter(Boolean).length;
  if (sources > 1) throw new InvalidArgumentError('Give the private key once: a key path argument, keyPath or privateKey');
  let key: SigningKey | undefined;
  const common = { passphrase: options.passphrase, algorithm: options.algorithm };
  if (options.privateKey !== undefined) {
    key = loadPrivateKey(options.privateKey, { ...common, source: 'privateKey option' });
  } else {
    const file = options.keyPath !== undefined ? expandHome(options.keyPath) : ref.path;
    if (file !== undefined) key = loadPrivateKey(readKeyFile(file), { ...common, source: `file ${file}` });
  }

  let agentSocket: string | undefined;
  if (typeof options.useAgent === 'string') agentSocket = options.useAgent;
  else if (options.useAgent === true) {
    agentSocket = process.env['SSH_AUTH_SOCK'];
    if (!agentSocket)
      throw new InvalidArgumentError('useAgent is true but SSH_AUTH_SOCK is not set; pass the agent socket path as useAgent');
  } else if (options.useAgent === undefined && !key) agentSocket = process.env['SSH_AUTH_SOCK'] || undefined;
  if (key && options.useAgent) throw new InvalidArgumentError('Give either a private key (keyPath / privateKey) or useAgent, not both');
  const sshDir = key || options.sshDir === false ? undefined : expandHome(options.sshDir ?? '~/.ssh');

  const apiVersion = options.apiVersion ?? (legacy65 ? LEGACY_API_VERSION : DEFAULT_API_VERSION);
  const asRole = options.asRole === undefined ? undefined : typeof options.asRole === 'string' ? options.asRole : options.asRole.join(',');
  return {
    settings: {
      account,
      login: options.actAs ?? account,
      user,
      url,
      datacenter: options.datacenter ?? (options.url === undefined ? (options.region ?? 'us-east-1') : undefined),
      legacy65,
      apiVersion,
      asRole: asRole || undefined,
    },
    credentials: {
      account,
      user,
      keyName: ref.keyName,
      fingerprint: ref.fingerprint,
      key,
      agentSocket,
      sshDir,
      passphrase: options.passphrase,
      algorithm: options.algorithm,
    },
  };
}
