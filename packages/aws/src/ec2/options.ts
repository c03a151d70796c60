import { assertKnownOptions, type ProviderDefinition } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RetryPolicy } from '@cloudmux/core/http';
import type { AwsCredentials } from '../signing/sigv4.js';
import { ec2DefaultsOf, type Ec2ProviderDefaults } from './providers.js';

/** Options of `new Ec2NodeDriver(accessKeyId, secretAccessKey, options)`. */
export interface Ec2DriverOptions {
  /** AWS region (default `us-east-1`; for presets without regions, the SigV4 signing region). Must be a known region for EC2. */
  region?: string | undefined;
  /** Full endpoint URL (a simulator, a VPC endpoint, an EC2 clone); overrides the region's endpoint. */
  endpoint?: string | undefined;
  /** Provider preset (`EC2_PROVIDER`, `EUCALYPTUS_PROVIDER`, `NIMBUS_PROVIDER`, or your own definition with `api: 'ec2'`). */
  provider?: ProviderDefinition<Partial<Ec2ProviderDefaults>> | undefined;
  /** Host of a private EC2-compatible cloud (with `port`, `path`, `secure`); required by Eucalyptus and Nimbus unless `endpoint` is given. */
  host?: string | undefined;
  /** Port (preset default: 8773 Eucalyptus, 8444 Nimbus). */
  port?: number | undefined;
  /** URL path of the API (preset default: `/services/Eucalyptus` for Eucalyptus, `/` otherwise). */
  path?: string | undefined;
  /** Use https (preset default: true, except Eucalyptus). */
  secure?: boolean | undefined;
  /** STS session token of temporary credentials. */
  sessionToken?: string | undefined;
  /** EC2 API `Version` (default `2016-11-15`; presets have their own). */
  apiVersion?: string | undefined;
  /** Request signing: 4 (SigV4, default for AWS) or 2 (SigV2, legacy clouds). */
  signatureVersion?: 2 | 4 | undefined;
  /** Region in SigV4 credential scopes when it differs from `region` (custom endpoints). */
  signingRegion?: string | undefined;
  /** `MaxResults` of paginated lists (5–1000, default 1000). */
  pageSize?: number | undefined;
  /** TLS options; verification stays on unless `rejectUnauthorized: false` is given. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false` for none. */
  retry?: Partial<RetryPolicy> | false | undefined;
}

/** Valid option names. */
export const EC2_OPTION_NAMES: readonly (keyof Ec2DriverOptions)[] = Object.freeze([
  'region',
  'endpoint',
  'provider',
  'host',
  'port',
  'path',
  'secure',
  'sessionToken',
  'apiVersion',
  'signatureVersion',
  'signingRegion',
  'pageSize',
  'tls',
  'timeoutMs',
  'retry',
]);

/** What a driver instance resolved its options to. */
export interface Ec2Settings {
  /** Provider definition in effect. */
  provider: ProviderDefinition<Partial<Ec2ProviderDefaults>>;
  /** Credentials. */
  credentials: AwsCredentials;
  /** Region id (AWS region, or the signing region of a preset). */
  region: string;
  /** Region in SigV4 scopes. */
  signingRegion: string;
  /** Base URL of the API. */
  endpoint: string;
  /** `Version` parameter. */
  apiVersion: string;
  /** 2 or 4. */
  signatureVersion: 2 | 4;
  /** `MaxResults` of paginated lists. */
  pageSize: number;
}

function fail(message: string, provider: ProviderDefinition): never {
  throw new InvalidArgumentError(message, { provider: provider.id });
}

function checkEndpoint(url: string, provider: ProviderDefinition): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(`${provider.name}: invalid endpoint "${url}"; expected an http(s) URL`, provider);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    fail(`${provider.name}: endpoint must be http(s), got "${parsed.protocol}"`, provider);
  if (parsed.search !== '' || parsed.hash !== '') fail(`${provider.name}: endpoint must not have a query or fragment`, provider);
  return url.replace(/\/+$/, '');
}

/** Validates the constructor's arguments and resolves endpoint, regions, version and signing. */
export function resolveEc2Settings(
  defaultProvider: ProviderDefinition,
  accessKeyId: string,
  secretAccessKey: string | undefined,
  options: Ec2DriverOptions = {},
): Ec2Settings {
  const provider = options.provider ?? defaultProvider;
  assertKnownOptions(`${provider.name} driver`, options, EC2_OPTION_NAMES);
  if (provider.api !== 'ec2') fail(`Provider "${provider.id}" speaks the ${provider.api} API, not ec2`, provider);
  if (typeof accessKeyId !== 'string' || accessKeyId === '') fail(`${provider.name}: an access key id is required`, provider);
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') fail(`${provider.name}: a secret access key is required`, provider);
  const d = ec2DefaultsOf(provider);

  const regionIds = provider.regions.map((r) => r.id);
  const region = options.region ?? provider.defaultRegion ?? d.signingRegion ?? 'us-east-1';
  const regionDef = provider.regions.find((r) => r.id === region);
  if (regionIds.length > 0 && regionDef === undefined) {
    fail(`${provider.name}: unknown region "${region}". Valid regions: ${regionIds.join(', ')}`, provider);
  }

  if (options.endpoint !== undefined && options.host !== undefined)
    fail(`${provider.name}: pass either endpoint or host, not both`, provider);
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)) {
    fail(`${provider.name}: invalid port ${String(options.port)}; expected 1-65535`, provider);
  }
  let endpoint: string;
  if (options.endpoint !== undefined) {
    endpoint = checkEndpoint(options.endpoint, provider);
  } else if (options.host !== undefined) {
    if (!/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(options.host)) fail(`${provider.name}: invalid host "${options.host}"`, provider);
    const secure = options.secure ?? d.secure;
    const port = options.port ?? d.port;
    const path = options.path ?? d.path;
    const portPart = port === undefined || port === (secure ? 443 : 80) ? '' : `:${port}`;
    endpoint = checkEndpoint(
      `${secure ? 'https' : 'http'}://${options.host}${portPart}${path.startsWith('/') ? path : `/${path}`}`,
      provider,
    );
  } else if (regionDef !== undefined) {
    endpoint = regionDef.endpoint;
  } else if (provider.defaultEndpoint !== undefined && !d.requiresHost) {
    endpoint = provider.defaultEndpoint;
  } else {
    return fail(`${provider.name} needs the cloud's address: pass { host } (with port/path if not the defaults) or { endpoint }`, provider);
  }

  const signatureVersion = options.signatureVersion ?? (d.signatureVersion === 2 ? 2 : 4);
  if (signatureVersion !== 2 && signatureVersion !== 4)
    fail(`${provider.name}: invalid signatureVersion ${String(signatureVersion)}; valid values: 2, 4`, provider);
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 5 || pageSize > 1000)
    fail(`${provider.name}: invalid pageSize ${String(pageSize)}; expected an integer from 5 to 1000`, provider);
  if (options.apiVersion !== undefined && !/^[0-9][0-9A-Za-z.-]*$/.test(options.apiVersion))
    fail(`${provider.name}: invalid apiVersion "${options.apiVersion}"`, provider);

  return {
    provider,
    credentials: { accessKeyId, secretAccessKey, sessionToken: options.sessionToken },
    region,
    signingRegion: options.signingRegion ?? region,
    endpoint,
    apiVersion: options.apiVersion ?? d.apiVersion,
    signatureVersion,
    pageSize,
  };
}
