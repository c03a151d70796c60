import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertKnownOptions, assertOneOf } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { SIGNING_ALGORITHMS } from '../auth/algorithms.js';
import type { CredentialSpec } from '../auth/credentials.js';
import { parseFingerprint, parseKeyId, type Fingerprint } from '../auth/key-id.js';
import { loadPrivateKey } from '../auth/private-key.js';
import type { SigningKey } from '../auth/signing-key.js';
import { DEFAULT_API_VERSION, JOYENT_REGIONS, LEGACY_API_VERSION, findRegion } from '../provider.js';
import { JOYENT_OPTION_NAMES, type JoyentDriverOptions } from './options.js';

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
      throw new InvalidArgumentError(`The key id ${arg} names account "${keyId.account}" but the driver was created for account "${account}"`);
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
export function resolveSettings(account: string, keyIdOrPath: string | undefined, options: JoyentDriverOptions = {}): { settings: ResolvedSettings; credentials: CredentialSpec } {
  assertKnownOptions('JoyentNodeDriver', options, JOYENT_OPTION_NAMES);
  if (typeof account !== 'string' || account.length === 0 || account.includes('/')) {
    throw new InvalidArgumentError(`Invalid Joyent account ${JSON.stringify(account)}: expected the account login`);
  }
  if (options.region !== undefined && options.url !== undefined) throw new InvalidArgumentError('Pass either region or url, not both');
  if (options.region !== undefined) assertOneOf('region', options.region, JOYENT_REGIONS.map((r) => r.id));
  let url: string;
  if (options.url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch (cause) {
      throw new InvalidArgumentError(`Invalid url "${options.url}": expected an absolute http(s) URL`, { cause });
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new InvalidArgumentError(`Invalid url "${options.url}": expected http or https`);
    url = parsed.href.replace(/\/+$/, '');
  } else {
    url = (findRegion(options.region ?? 'us-east-1')?.endpoint ?? '').replace(/\/+$/, '');
  }
  if (options.algorithm !== undefined) assertOneOf('algorithm', options.algorithm, SIGNING_ALGORITHMS);
  if (options.apiVersion !== undefined && (typeof options.apiVersion !== 'string' || options.apiVersion.trim() === '')) {
    throw new InvalidArgumentError(`Invalid apiVersion ${JSON.stringify(options.apiVersion)}: expected a semver range such as "~9" or "~8||~7"`);
  }

  const ref = classifyKeyArg(account, keyIdOrPath);
  if (ref.user && options.user && ref.user !== options.user) {
    throw new InvalidArgumentError(`The key id names sub-user "${ref.user}" but the user option is "${options.user}"`);
  }
  const user = options.user ?? ref.user;
  const legacy65 = options.legacy65 === true;
  if (legacy65 && user) throw new InvalidArgumentError('RBAC sub-users (user) need CloudAPI 7.2 or later; they cannot be used with legacy65');

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
    if (!agentSocket) throw new InvalidArgumentError('useAgent is true but SSH_AUTH_SOCK is not set; pass the agent socket path as useAgent');
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
