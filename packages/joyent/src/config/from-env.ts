import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { parseFingerprint, parseKeyId } from '../auth/key-id.js';
import type { JoyentDriverOptions } from '../cloudapi/options.js';
import { currentTritonProfileName, loadTritonProfile } from './triton-profile.js';

/** Environment as `fromEnv` reads it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Constructor arguments resolved from the environment. */
export interface JoyentEnvConfig {
  /** Account login. */
  account: string;
  /** Key id or fingerprint (may be absent: the agent's only key is used). */
  keyId: string | undefined;
  /** Driver options. */
  options: JoyentDriverOptions;
  /** Where the settings came from: `env` or `profile <name>`. */
  source: string;
}

function first(env: Env, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** A key name (6.5 `SDC_CLI_KEY_ID`) becomes a full key id; fingerprints and key ids pass through. */
function normalizeKeyId(account: string, keyId: string | undefined): string | undefined {
  if (keyId === undefined || parseFingerprint(keyId) || parseKeyId(keyId)) return keyId;
  return `/${account}/keys/${keyId}`;
}

/**
 * Reads CloudAPI settings the way node-triton and node-smartdc do: `TRITON_PROFILE` (a profile
 * under `~/.triton/profiles.d`, or `env`), else `TRITON_*` / `SDC_*` variables (6.5-era
 * `SDC_CLI_*` too), else the current profile in `~/.triton/config.json`. The key is then found
 * in the ssh-agent (`SSH_AUTH_SOCK`) or `~/.ssh` by its fingerprint.
 */
export function readJoyentEnv(env: Env = process.env): JoyentEnvConfig {
  const home = first(env, 'HOME', 'USERPROFILE') ?? os.homedir();
  const insecureEnv = truthy(first(env, 'TRITON_TLS_INSECURE', 'SDC_TLS_INSECURE', 'SDC_TESTING'));
  const agent = first(env, 'SSH_AUTH_SOCK');
  const base: JoyentDriverOptions = { sshDir: path.join(home, '.ssh'), useAgent: agent ?? false };
  const apiVersion = first(env, 'TRITON_API_VERSION', 'SDC_API_VERSION');
  if (apiVersion) base.apiVersion = apiVersion;

  const profileName = first(env, 'TRITON_PROFILE');
  const account = first(env, 'TRITON_ACCOUNT', 'SDC_ACCOUNT', 'SDC_CLI_ACCOUNT');
  if (profileName === 'env' || (profileName === undefined && account !== undefined)) {
    const url = first(env, 'TRITON_URL', 'SDC_URL', 'SDC_CLI_URL');
    if (!account || !url) {
      throw new InvalidArgumentError(
        'Joyent settings from the environment need TRITON_URL (or SDC_URL) and TRITON_ACCOUNT (or SDC_ACCOUNT)',
      );
    }
    const identity = first(env, 'SDC_CLI_IDENTITY');
    const options: JoyentDriverOptions = { ...base, url };
    if (identity) {
      options.keyPath = identity.startsWith('~/') ? path.join(home, identity.slice(2)) : identity;
      options.useAgent = false;
    }
    const user = first(env, 'TRITON_USER', 'SDC_USER');
    if (user) options.user = user;
    const actAs = first(env, 'TRITON_ACT_AS');
    if (actAs) options.actAs = actAs;
    const role = first(env, 'TRITON_ROLE');
    if (role)
      options.asRole = role
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
    if (insecureEnv) options.tls = { rejectUnauthorized: false };
    return { account, keyId: normalizeKeyId(account, first(env, 'TRITON_KEY_ID', 'SDC_KEY_ID', 'SDC_CLI_KEY_ID')), options, source: 'env' };
  }

  const name = profileName ?? currentTritonProfileName(home);
  if (!name || name === 'env') {
    throw new InvalidArgumentError(
      `No Joyent settings found: set TRITON_URL/TRITON_ACCOUNT/TRITON_KEY_ID (or SDC_URL/SDC_ACCOUNT/SDC_KEY_ID), or TRITON_PROFILE, or a current profile in ${path.join(home, '.triton', 'config.json')}`,
    );
  }
  const profile = loadTritonProfile(home, name);
  const options: JoyentDriverOptions = { ...base, url: profile.url };
  if (profile.user) options.user = profile.user;
  if (profile.actAsAccount) options.actAs = profile.actAsAccount;
  if (profile.roles && profile.roles.length > 0) options.asRole = profile.roles;
  if (profile.insecure || insecureEnv) options.tls = { rejectUnauthorized: false };
  return { account: profile.account, keyId: normalizeKeyId(profile.account, profile.keyId), options, source: `profile ${profile.name}` };
}
