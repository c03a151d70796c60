import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** A Triton CLI profile (`~/.triton/profiles.d/<name>.json`). */
export interface TritonProfile {
  /** Profile name. */
  name: string;
  /** CloudAPI URL. */
  url: string;
  /** Account login. */
  account: string;
  /** Key fingerprint (MD5 or `SHA256:`). */
  keyId: string;
  /** Skip TLS verification. */
  insecure?: boolean | undefined;
  /** RBAC sub-user. */
  user?: string | undefined;
  /** RBAC roles to assume. */
  roles?: string[] | undefined;
  /** Operate on this account instead. */
  actAsAccount?: string | undefined;
}

/** Fields node-triton accepts in a profile (it rejects others). */
export const TRITON_PROFILE_FIELDS = ['name', 'url', 'account', 'keyId', 'insecure', 'user', 'roles', 'actAsAccount'] as const;

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InvalidArgumentError(`Cannot read ${what} ${file} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, {
      cause,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new InvalidArgumentError(`${what} ${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

/** Validates a parsed profile object. */
export function parseTritonProfile(value: unknown, source: string): TritonProfile {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidArgumentError(`Triton profile ${source} must be a JSON object`);
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!(TRITON_PROFILE_FIELDS as readonly string[]).includes(k)) {
      throw new InvalidArgumentError(`Triton profile ${source}: unknown field "${k}". Valid fields: ${TRITON_PROFILE_FIELDS.join(', ')}`);
    }
  }
  const str = (k: string, required: boolean): string | undefined => {
    const v = obj[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '') throw new InvalidArgumentError(`Triton profile ${source}: "${k}" must be a non-empty string`);
    return v;
  };
  if (obj['insecure'] !== undefined && typeof obj['insecure'] !== 'boolean')
    throw new InvalidArgumentError(`Triton profile ${source}: "insecure" must be a boolean`);
  const roles = obj['roles'];
  if (roles !== undefined && (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string'))) {
    throw new InvalidArgumentError(`Triton profile ${source}: "roles" must be an array of strings`);
  }
  return {
    name: str('name', false) ?? path.basename(source, '.json'),
    url: str('url', true) as string,
    account: str('account', true) as string,
    keyId: str('keyId', true) as string,
    insecure: obj['insecure'] as boolean | undefined,
    user: str('user', false),
    roles: roles as string[] | undefined,
    actAsAccount: str('actAsAccount', false),
  };
}

/** Loads `<home>/.triton/profiles.d/<name>.json`. */
export function loadTritonProfile(home: string, name: string): TritonProfile {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name === 'env') throw new InvalidArgumentError(`Invalid Triton profile name "${name}"`);
  const file = path.join(home, '.triton', 'profiles.d', `${name}.json`);
  return parseTritonProfile(readJson(file, 'Triton profile'), file);
}

/** The current profile named in `<home>/.triton/config.json`, if any. */
export function currentTritonProfileName(home: string): string | undefined {
  const file = path.join(home, '.triton', 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let cfg: unknown;
  try {
    cfg = JSON.parse(text);
  } catch (cause) {
    throw new InvalidArgumentError(`Triton config ${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const p = cfg && typeof cfg === 'object' ? (cfg as Record<string, unknown>)['profile'] : undefined;
  return typeof p === 'string' && p !== '' ? p : undefined;
}
