/**
 * Choosing the cloud: `OS_CLOUD` (or the `cloud` option) names a clouds.yaml entry; else the `OS_*` variables
 * make the `envvars` cloud; else a clouds.yaml with a single cloud is used. secure.yaml is merged into
 * clouds.yaml, and a `profile` is expanded from clouds-public.yaml.
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { cloudFromEnvironment } from './env.js';
import { candidateFiles, isObject, loadFirst, mergeClouds, searchDirectories, type ConfigObject, type SearchDirs } from './files.js';

/** The chosen cloud's settings before interpretation. */
export interface SelectedCloud {
  /** Cloud name. */
  name: string;
  /** Where it came from. */
  source: 'environment' | 'clouds.yaml';
  /** Settings (keys normalized), profile expanded, secure.yaml merged. */
  settings: ConfigObject;
  /** clouds.yaml read, if any. */
  configFile: string | undefined;
  /** secure.yaml read, if any. */
  secureFile: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function fail(message: string): never {
  throw new InvalidArgumentError(`openstack: ${message}`, { provider: 'openstack' });
}

/** Finds the cloud to use. */
export function selectCloud(env: Env, dirs: SearchDirs, requested: string | undefined): SelectedCloud {
  const searched = searchDirectories(env, dirs);
  const configCandidates = candidateFiles('clouds', searched, env.OS_CLIENT_CONFIG_FILE);
  const config = loadFirst(configCandidates);
  const secure = loadFirst(candidateFiles('secure', searched, env.OS_CLIENT_SECURE_FILE));
  let data: ConfigObject = config?.data ?? {};
  if (secure) data = mergeClouds(data, secure.data);
  const clouds = isObject(data.clouds) ? data.clouds : {};
  if (data.clouds !== undefined && !isObject(data.clouds))
    fail(`"clouds" in ${config?.path ?? secure?.path ?? 'clouds.yaml'} must be a mapping`);

  const envName = env.OS_CLOUD_NAME !== undefined && env.OS_CLOUD_NAME !== '' ? env.OS_CLOUD_NAME : 'envvars';
  const fromEnv = cloudFromEnvironment(env);
  if (fromEnv && envName in clouds) {
    fail(
      `${config?.path ?? 'clouds.yaml'} defines a cloud named "${envName}", which is also the name of the cloud made of OS_* variables; set OS_CLOUD_NAME to another name`,
    );
  }
  const wanted = requested ?? (env.OS_CLOUD !== undefined && env.OS_CLOUD !== '' ? env.OS_CLOUD : undefined);
  const names = Object.keys(clouds);
  const base = { configFile: config?.path, secureFile: secure?.path };

  if (wanted !== undefined && wanted !== envName) {
    const entry = clouds[wanted];
    if (!isObject(entry)) {
      const where = config ? config.path : `no clouds.yaml found (searched ${configCandidates.join(', ')})`;
      const known = names.length > 0 ? names.join(', ') : '(none)';
      fail(`cloud "${wanted}" was not found in ${where}; known clouds: ${known}`);
    }
    return { ...base, name: wanted, source: 'clouds.yaml', settings: expandProfile(entry, searched) };
  }
  if (fromEnv) return { ...base, name: envName, source: 'environment', settings: fromEnv };
  if (wanted === envName) fail(`OS_CLOUD is "${envName}" but no OS_* variables are set`);
  if (names.length === 1) {
    const only = names[0]!;
    return { ...base, name: only, source: 'clouds.yaml', settings: expandProfile(clouds[only] as ConfigObject, searched) };
  }
  if (names.length > 1) fail(`${config?.path ?? 'clouds.yaml'} has several clouds (${names.join(', ')}): set OS_CLOUD to one of them`);
  fail(
    `no OpenStack configuration: set OS_CLOUD to a cloud of clouds.yaml (searched ${searched.join(', ')}), ` +
      'or OS_AUTH_URL with credentials (OS_USERNAME/OS_PASSWORD, OS_APPLICATION_CREDENTIAL_ID/SECRET, or OS_TOKEN)',
  );
}

/** Lays the cloud over its `profile` (or legacy `cloud`) from clouds-public.yaml. */
function expandProfile(entry: ConfigObject, searched: readonly string[]): ConfigObject {
  const profile = entry.profile ?? entry.cloud;
  if (typeof profile !== 'string' || profile === '') return entry;
  const vendors = loadFirst(candidateFiles('clouds-public', searched, undefined));
  const table = isObject(vendors?.data.public_clouds) ? vendors.data.public_clouds : {};
  const vendor = table[profile];
  if (!isObject(vendor)) {
    fail(
      `vendor profile "${profile}" was not found in ${vendors?.path ?? 'any clouds-public.yaml'}; ` +
        "cloudmux does not bundle openstacksdk's vendor profiles: put the cloud's auth_url and region_name in clouds.yaml",
    );
  }
  const merged = mergeClouds(vendor, entry);
  delete merged.profile;
  delete merged.cloud;
  return merged;
}
