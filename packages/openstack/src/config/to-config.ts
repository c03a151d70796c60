/**
 * Interpreting one cloud's settings (clouds.yaml entry or `OS_*` variables, keys already normalized) into an
 * {@link OpenStackConfig}: auth type and credentials, scope (with openstacksdk's `domain_*` and `tenant_*`
 * rules), region, interface, TLS, endpoint overrides, API versions and timeout.
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import type { EndpointInterface, IdentityCredentials, IdentityScope } from '../identity/types.js';
import { isObject, mergeClouds, type ConfigObject } from './files.js';
import { hideSecrets } from './hide-secrets.js';
import type { SelectedCloud } from './select-cloud.js';
import { AUTH_TYPES, type OpenStackAuthType, type OpenStackConfig } from './types.js';

/** Keys that belong to the `auth` section even when written at the cloud's top level (as `OS_*` variables are). */
const AUTH_KEYS = [
  'auth_url',
  'username',
  'user_id',
  'password',
  'project_name',
  'project_id',
  'tenant_name',
  'tenant_id',
  'user_domain_name',
  'user_domain_id',
  'project_domain_name',
  'project_domain_id',
  'domain_name',
  'domain_id',
  'default_domain_id',
  'default_domain_name',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'token',
  'auth_token',
  'system_scope',
];

function fail(cloud: string, message: string): never {
  throw new InvalidArgumentError(`openstack: cloud "${cloud}": ${message}`, { provider: 'openstack' });
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const s = text(v)?.toLowerCase();
  if (s === undefined) return undefined;
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  return undefined;
}

/** The `auth` values: the `auth` section, completed by auth keys found at the top level. */
function authValues(settings: ConfigObject): Record<string, string | undefined> {
  const section = isObject(settings.auth) ? settings.auth : {};
  const out: Record<string, string | undefined> = {};
  for (const key of AUTH_KEYS) out[key] = text(section[key]) ?? text(settings[key]);
  return out;
}

function parseInterface(cloud: string, raw: string | undefined): EndpointInterface {
  if (raw === undefined) return 'public';
  const v = raw.toLowerCase().replace(/url$/, '');
  if (v === 'public' || v === 'internal' || v === 'admin') return v;
  fail(cloud, `interface "${raw}" is not one of public, internal, admin (publicURL, internalURL, adminURL)`);
}

function parseIdentityVersion(cloud: string, raw: string | undefined, authUrl: string, authType: OpenStackAuthType): '2.0' | '3' {
  if (authType === 'v2password' || authType === 'v2token') return '2.0';
  if (authType === 'v3password' || authType === 'v3token' || authType === 'v3applicationcredential') return '3';
  if (raw !== undefined) {
    const v = raw.replace(/^v/i, '');
    if (v === '3' || v === '3.0') return '3';
    if (v === '2' || v === '2.0') return '2.0';
    fail(cloud, `identity_api_version "${raw}" is not 2 or 3`);
  }
  if (/\/v2\.0\/?$/.test(authUrl)) return '2.0';
  return '3';
}

function authTypeOf(cloud: string, settings: ConfigObject, auth: Record<string, string | undefined>): OpenStackAuthType {
  const raw = text(settings.auth_type) ?? text(settings.auth_plugin);
  if (raw === undefined) {
    // openstacksdk defaults to `password`; with only an application credential or a token, those are meant.
    if (auth.password === undefined && auth.application_credential_secret !== undefined) return 'v3applicationcredential';
    if (auth.password === undefined && (auth.token ?? auth.auth_token) !== undefined) return 'token';
    return 'password';
  }
  const t = raw.toLowerCase();
  if ((AUTH_TYPES as readonly string[]).includes(t)) return t as OpenStackAuthType;
  if (
    t === 'v3oidcpassword' ||
    t.startsWith('v3oidc') ||
    t === 'v3totp' ||
    t === 'v3multifactor' ||
    t === 'admin_token' ||
    t === 'token_endpoint' ||
    t === 'none' ||
    t === 'noauth'
  ) {
    throw new NotSupportedError('openstack', `auth_type "${raw}"`, `supported: ${AUTH_TYPES.join(', ')}`);
  }
  fail(cloud, `unknown auth_type "${raw}"; valid: ${AUTH_TYPES.join(', ')}`);
}

function credentialsOf(
  cloud: string,
  type: OpenStackAuthType,
  version: '2.0' | '3',
  a: Record<string, string | undefined>,
): IdentityCredentials {
  const userDomainId = a.user_domain_id ?? a.default_domain_id;
  const userDomainName = userDomainId === undefined ? (a.user_domain_name ?? a.default_domain_name) : undefined;
  const token = a.token ?? a.auth_token;
  switch (type) {
    case 'password':
    case 'v3password':
    case 'v2password': {
      if (a.password === undefined)
        fail(cloud, 'password auth needs a password (OS_PASSWORD, or auth.password in clouds.yaml or secure.yaml)');
      if (version === '2.0') {
        if (a.username === undefined) fail(cloud, 'Keystone v2.0 password auth needs a username (OS_USERNAME)');
        return { type: 'v2password', username: a.username, password: a.password };
      }
      if (a.user_id === undefined && a.username === undefined)
        fail(cloud, 'password auth needs a username or user_id (OS_USERNAME, OS_USER_ID)');
      return { type: 'v3password', userId: a.user_id, username: a.username, userDomainId, userDomainName, password: a.password };
    }
    case 'v3applicationcredential': {
      if (a.application_credential_secret === undefined)
        fail(cloud, 'v3applicationcredential needs application_credential_secret (OS_APPLICATION_CREDENTIAL_SECRET)');
      if (a.application_credential_id === undefined && a.application_credential_name === undefined) {
        fail(
          cloud,
          'v3applicationcredential needs application_credential_id, or application_credential_name with the user (OS_APPLICATION_CREDENTIAL_ID)',
        );
      }
      if (a.application_credential_id === undefined && a.user_id === undefined && a.username === undefined) {
        fail(cloud, 'an application credential given by name needs the user (username with user_domain_name, or user_id)');
      }
      return {
        type: 'v3applicationcredential',
        id: a.application_credential_id,
        name: a.application_credential_id === undefined ? a.application_credential_name : undefined,
        userId: a.user_id,
        username: a.username,
        userDomainId,
        userDomainName,
        secret: a.application_credential_secret,
      };
    }
    case 'token':
    case 'v3token':
    case 'v2token':
      if (token === undefined) fail(cloud, 'token auth needs a token (OS_TOKEN, or auth.token)');
      return version === '2.0' ? { type: 'v2token', token } : { type: 'v3token', token };
  }
}

function scopeOf(type: OpenStackAuthType, a: Record<string, string | undefined>): IdentityScope | undefined {
  if (type === 'v3applicationcredential') return undefined;
  const projectId = a.project_id ?? a.tenant_id;
  const projectName = a.project_name ?? a.tenant_name;
  if (projectId !== undefined || projectName !== undefined) {
    // domain_* and default_domain_* fill in the project's domain (openstacksdk's _handle_domain_id).
    const projectDomainId = a.project_domain_id ?? (a.project_domain_name === undefined ? (a.domain_id ?? a.default_domain_id) : undefined);
    const projectDomainName = projectDomainId === undefined ? (a.project_domain_name ?? a.domain_name ?? a.default_domain_name) : undefined;
    return { projectId, projectName: projectId === undefined ? projectName : undefined, projectDomainId, projectDomainName };
  }
  if (a.domain_id !== undefined || a.domain_name !== undefined) {
    return { domainId: a.domain_id, domainName: a.domain_id === undefined ? a.domain_name : undefined };
  }
  return undefined;
}

/** `compute_endpoint_override` → `compute`, `block_storage_…` → `block-storage`. */
function serviceKeyed(settings: ConfigObject, suffix: string, exclude: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!key.endsWith(suffix) || key === suffix.slice(1)) continue;
    const service = key.slice(0, -suffix.length).replace(/_/g, '-');
    const v = text(value);
    if (v !== undefined && !exclude.includes(service)) out[service] = v;
  }
  return out;
}

function regionsOf(cloud: string, settings: ConfigObject): { names: string[]; values: Map<string, ConfigObject> } {
  const names: string[] = [];
  const values = new Map<string, ConfigObject>();
  const raw = settings.regions;
  if (raw === undefined) return { names, values };
  if (!Array.isArray(raw)) fail(cloud, '"regions" must be a list');
  for (const r of raw) {
    if (typeof r === 'string') names.push(r);
    else if (isObject(r) && typeof r.name === 'string') {
      names.push(r.name);
      if (isObject(r.values)) values.set(r.name, r.values);
    } else fail(cloud, '"regions" entries must be names or { name, values }');
  }
  return { names, values };
}

/** Interprets the selected cloud. `regionOverride` wins over `region_name` (it is `OS_REGION_NAME` or the caller's). */
export function toOpenStackConfig(selected: SelectedCloud, regionOverride: string | undefined): OpenStackConfig {
  const cloud = selected.name;
  let settings = selected.settings;
  const regions = regionsOf(cloud, settings);
  const region = regionOverride ?? text(settings.region_name) ?? regions.names[0];
  if (region !== undefined && regions.names.length > 0 && !regions.names.includes(region)) {
    fail(cloud, `region "${region}" is not one of its regions: ${regions.names.join(', ')} (region names are case sensitive)`);
  }
  const regionValues = region !== undefined ? regions.values.get(region) : undefined;
  if (regionValues) settings = mergeClouds(settings, regionValues);

  const auth = authValues(settings);
  const authUrl = auth.auth_url;
  if (authUrl === undefined) fail(cloud, 'no auth_url (OS_AUTH_URL, or auth.auth_url in clouds.yaml)');
  if (text(settings.cert) !== undefined || text(settings.key) !== undefined) {
    throw new NotSupportedError('openstack', 'client TLS certificates (cert/key, OS_CERT/OS_KEY)');
  }
  const authType = authTypeOf(cloud, settings, auth);
  const identityApiVersion = parseIdentityVersion(cloud, text(settings.identity_api_version), authUrl, authType);
  const credentials = hideSecrets(credentialsOf(cloud, authType, identityApiVersion, auth));

  const insecure = bool(settings.insecure) === true || bool(settings.verify) === false;
  const caFile =
    text(settings.cacert) ?? (typeof settings.verify === 'string' && bool(settings.verify) === undefined ? settings.verify : undefined);
  let ca: string | undefined;
  if (caFile !== undefined && !insecure) {
    try {
      ca = readFileSync(path.resolve(caFile), 'utf8');
    } catch (err) {
      fail(cloud, `cannot read the CA file "${caFile}" (cacert / OS_CACERT): ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }

  let timeoutMs: number | undefined;
  const timeout = text(settings.api_timeout) ?? text(settings.timeout);
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) fail(cloud, `api_timeout "${timeout}" is not a positive number of seconds`);
    timeoutMs = Math.round(seconds * 1000);
  }

  return {
    cloud,
    source: selected.source,
    configFile: selected.configFile,
    secureFile: selected.secureFile,
    authUrl,
    authType,
    identityApiVersion,
    credentials,
    scope: scopeOf(authType, auth),
    region,
    regions: regions.names,
    interface: parseInterface(cloud, text(settings.interface) ?? text(settings.endpoint_type)),
    tls: insecure ? { rejectUnauthorized: false } : { rejectUnauthorized: true, ca, caFile },
    endpointOverrides: serviceKeyed(settings, '_endpoint_override'),
    apiVersions: serviceKeyed(settings, '_api_version', ['identity']),
    timeoutMs,
  };
}
