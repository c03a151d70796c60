import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { parseIni, type IniSections } from './ini.js';

/** Environment variables, as `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One profile as read from the shared files (credentials file values win over config file values). */
export interface AwsProfile {
  /** Profile name. */
  name: string;
  /** `aws_access_key_id`. */
  accessKeyId: string | undefined;
  /** `aws_secret_access_key`. */
  secretAccessKey: string | undefined;
  /** `aws_session_token`. */
  sessionToken: string | undefined;
  /** `region`. */
  region: string | undefined;
  /** `endpoint_url`. */
  endpointUrl: string | undefined;
  /** Every key of the profile, both files merged, for settings this package does not interpret. */
  settings: ReadonlyMap<string, string>;
  /** Which files had a section for the profile. */
  foundIn: readonly string[];
}

/** Paths of the shared credentials and config files. */
export interface AwsSharedFiles {
  /** `AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`. */
  credentialsFile: string;
  /** `AWS_CONFIG_FILE`, default `~/.aws/config`. */
  configFile: string;
}

function home(env: Env): string {
  return env.HOME ?? env.USERPROFILE ?? homedir();
}

function expandHome(path: string, env: Env): string {
  return path === '~' || path.startsWith('~/') ? join(home(env), path.slice(1)) : path;
}

/** Where the shared files are, honouring `AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE` and `HOME`. */
export function sharedFilePaths(env: Env = process.env): AwsSharedFiles {
  return {
    credentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(home(env), '.aws', 'credentials'), env),
    configFile: expandHome(env.AWS_CONFIG_FILE || join(home(env), '.aws', 'config'), env),
  };
}

function readIni(path: string): IniSections | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InvalidArgumentError(`Cannot read AWS shared file ${path}: ${String(code ?? 'error')}`, { cause: err });
  }
  return parseIni(text);
}

/**
 * Reads profile `name` from the shared files. The credentials file uses `[name]` sections; the config
 * file uses `[profile name]` (and `[default]`). Returns `undefined` when neither file has the profile.
 */
export function loadAwsProfile(name: string, files: AwsSharedFiles): AwsProfile | undefined {
  const creds = readIni(files.credentialsFile)?.get(name);
  const config = readIni(files.configFile);
  const conf = config?.get(`profile ${name}`) ?? (name === 'default' ? config?.get('default') : undefined);
  if (creds === undefined && conf === undefined) return undefined;
  const settings = new Map<string, string>([...(conf ?? []), ...(creds ?? [])]);
  const get = (key: string): string | undefined => {
    const v = settings.get(key);
    return v === undefined || v === '' ? undefined : v;
  };
  const foundIn: string[] = [];
  if (creds !== undefined) foundIn.push(files.credentialsFile);
  if (conf !== undefined) foundIn.push(files.configFile);
  return {
    name,
    accessKeyId: get('aws_access_key_id'),
    secretAccessKey: get('aws_secret_access_key'),
    sessionToken: get('aws_session_token') ?? get('aws_security_token'),
    region: get('region'),
    endpointUrl: get('endpoint_url'),
    settings,
    foundIn,
  };
}
