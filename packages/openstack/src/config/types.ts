/**
 * What the configuration readers produce: one resolved cloud, ready for an {@link IdentitySession}.
 * @module
 */
import type { EndpointInterface, IdentityCredentials, IdentityScope } from '../identity/types.js';

/** `auth_type` values understood (openstacksdk/keystoneauth plugin names). */
export type OpenStackAuthType = 'password' | 'v3password' | 'v2password' | 'v3applicationcredential' | 'token' | 'v3token' | 'v2token';

/** The auth types, for messages and validation. */
export const AUTH_TYPES: readonly OpenStackAuthType[] = Object.freeze([
  'password',
  'v3password',
  'v2password',
  'v3applicationcredential',
  'token',
  'v3token',
  'v2token',
]);

/** A resolved cloud configuration. */
export interface OpenStackConfig {
  /** Cloud name: the clouds.yaml entry, or `envvars` (`OS_CLOUD_NAME`) for one made of `OS_*` variables. */
  cloud: string;
  /** Where it came from. */
  source: 'environment' | 'clouds.yaml';
  /** The clouds.yaml (or .yml/.json) file read, if any. */
  configFile: string | undefined;
  /** The secure.yaml file merged in, if any. */
  secureFile: string | undefined;
  /** Keystone URL as configured. */
  authUrl: string;
  /** `auth_type` as configured (default `password`). */
  authType: OpenStackAuthType;
  /** Keystone API (`identity_api_version`, else from the auth URL, else 3). */
  identityApiVersion: '2.0' | '3';
  /** Credentials (their secrets are hidden from `util.inspect` and `JSON.stringify` of this object). */
  credentials: IdentityCredentials;
  /** Project or domain scope, if any. */
  scope: IdentityScope | undefined;
  /** Region (`region_name`, `OS_REGION_NAME`, or the first of `regions`). */
  region: string | undefined;
  /** Regions the cloud lists (`regions`), if any. */
  regions: readonly string[];
  /** Endpoint interface (`interface`/`endpoint_type`, default `public`). */
  interface: EndpointInterface;
  /** TLS: `verify: false`/`insecure`/`OS_INSECURE` turn verification off; `cacert`/`OS_CACERT` adds a CA (file contents). */
  tls: { rejectUnauthorized: boolean; ca?: string | undefined; caFile?: string | undefined };
  /** Base URL per service type (`compute_endpoint_override`, `block_storage_endpoint_override`, `OS_IMAGE_ENDPOINT_OVERRIDE`…). */
  endpointOverrides: Readonly<Record<string, string>>;
  /** API (micro)version per service type (`compute_api_version: 2.79`, `OS_VOLUME_API_VERSION`…). */
  apiVersions: Readonly<Record<string, string>>;
  /** Per-request timeout from `api_timeout` (seconds), in ms. */
  timeoutMs: number | undefined;
}

/** Options of {@link resolveOpenStackConfig}. */
export interface ResolveOpenStackConfigOptions {
  /** Cloud to use instead of `OS_CLOUD`. */
  cloud?: string | undefined;
  /** Region to use instead of `OS_REGION_NAME` / the cloud's. */
  region?: string | undefined;
  /** Directory searched first for clouds.yaml (default `process.cwd()`). */
  cwd?: string | undefined;
  /** Home directory for `~/.config/openstack` (default `os.homedir()`). */
  homeDir?: string | undefined;
  /** System directory (default `/etc/openstack`). */
  etcDir?: string | undefined;
}
