import { assertKnownOptions, type ProviderDefinition } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RetryPolicy } from '@cloudmux/core/http';
import { readAwsEnv } from '../credentials/from-env.js';
import type { Env } from '../credentials/shared-files.js';
import type { AwsCredentials } from '../signing/sigv4.js';

/** Options of `new ElbLoadBalancerDriver(…)` and `new AlbLoadBalancerDriver(…)`. */
export interface ElbDriverOptions {
  /** AWS region (default `us-east-1`); an unknown one is refused with the valid ones listed. */
  region?: string | undefined;
  /** Full endpoint URL (a simulator, a VPC endpoint); overrides the region's endpoint. */
  endpoint?: string | undefined;
  /** Region in SigV4 scopes when it differs from `region`. */
  signingRegion?: string | undefined;
  /** STS session token of temporary credentials. */
  sessionToken?: string | undefined;
  /** `PageSize` of paginated lists (1–400, default 400). */
  pageSize?: number | undefined;
  /**
   * Availability zones of balancers created without `ex.availabilityZones`/`ex.subnets` (classic only;
   * default: the region's zone `a`, as Libcloud does).
   */
  availabilityZones?: readonly string[] | undefined;
  /** Subnets of balancers created without `ex.subnets` (ELBv2 needs two in different zones for an application load balancer). */
  subnets?: readonly string[] | undefined;
  /** TLS options; verification stays on unless `rejectUnauthorized: false` is given. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false` for none. */
  retry?: Partial<RetryPolicy> | false | undefined;
}

/** Valid option names. */
export const ELB_OPTION_NAMES: readonly (keyof ElbDriverOptions)[] = Object.freeze([
  'region',
  'endpoint',
  'signingRegion',
  'sessionToken',
  'pageSize',
  'availabilityZones',
  'subnets',
  'tls',
  'timeoutMs',
  'retry',
]);

/** What a driver instance resolved its options to. */
export interface ElbSettings {
  /** Credentials (kept in the driver's private context). */
  credentials: AwsCredentials;
  /** Region id. */
  region: string;
  /** SigV4 region. */
  signingRegion: string;
  /** Base URL. */
  endpoint: string;
  /** `PageSize` of lists. */
  pageSize: number;
  /** Default availability zones (classic). */
  availabilityZones: readonly string[] | undefined;
  /** Default subnets. */
  subnets: readonly string[] | undefined;
}

function stringList(provider: ProviderDefinition, name: string, v: unknown): readonly string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || x === ''))
    throw new InvalidArgumentError(`${provider.name}: invalid ${name}; expected a non-empty array of strings`, { provider: provider.id });
  return Object.freeze([...(v as string[])]);
}

/** Validates the constructor's arguments and resolves region, endpoint and page size. */
export function resolveElbSettings(
  provider: ProviderDefinition,
  accessKeyId: string,
  secretAccessKey: string | undefined,
  options: ElbDriverOptions = {},
): ElbSettings {
  const fail = (message: string): never => {
    throw new InvalidArgumentError(`${provider.name}: ${message}`, { provider: provider.id });
  };
  assertKnownOptions(`${provider.name} driver`, options, ELB_OPTION_NAMES);
  if (typeof accessKeyId !== 'string' || accessKeyId === '') fail('an access key id is required');
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') fail('a secret access key is required');
  const region = options.region ?? provider.defaultRegion ?? 'us-east-1';
  const regionDef = provider.regions.find((r) => r.id === region);
  if (regionDef === undefined) fail(`unknown region "${region}". Valid regions: ${provider.regions.map((r) => r.id).join(', ')}`);
  let endpoint = regionDef?.endpoint ?? '';
  if (options.endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.endpoint);
    } catch {
      fail(`invalid endpoint "${options.endpoint}"; expected an http(s) URL`);
    }
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') fail(`endpoint must be http(s), got "${options.endpoint}"`);
    if (url?.search !== '' || url.hash !== '') fail('endpoint must not have a query or fragment');
    endpoint = options.endpoint.replace(/\/+$/, '');
  }
  const pageSize = options.pageSize ?? 400;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 400)
    fail(`invalid pageSize ${String(pageSize)}; expected an integer from 1 to 400`);
  return {
    credentials: { accessKeyId, secretAccessKey: secretAccessKey as string, sessionToken: options.sessionToken },
    region,
    signingRegion: options.signingRegion ?? region,
    endpoint,
    pageSize,
    availabilityZones: stringList(provider, 'availabilityZones', options.availabilityZones),
    subnets: stringList(provider, 'subnets', options.subnets),
  };
}

/**
 * Driver options from the environment: `AWS_REGION`, credentials (`AWS_*` or the `AWS_PROFILE` profile
 * of `~/.aws`), endpoint from `endpointVariable` (`AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING[_V2]`), else
 * `AWS_ENDPOINT_URL` (or the profile's `endpoint_url`) unless an EC2-only endpoint is set. `overrides` win.
 */
export function elbOptionsFromEnv(
  env: Env,
  endpointVariable: string,
  overrides: ElbDriverOptions,
): { accessKeyId: string; secretAccessKey: string; options: ElbDriverOptions } {
  const cfg = readAwsEnv(env);
  const options: ElbDriverOptions = { ...overrides };
  if (options.region === undefined && cfg.region !== undefined) options.region = cfg.region;
  const own = env[endpointVariable]?.trim();
  const general = env.AWS_ENDPOINT_URL_EC2?.trim() ? env.AWS_ENDPOINT_URL?.trim() || undefined : cfg.endpoint;
  if (options.endpoint === undefined) {
    const endpoint = own || general;
    if (endpoint !== undefined) options.endpoint = endpoint;
  }
  if (options.sessionToken === undefined && cfg.credentials.sessionToken !== undefined) options.sessionToken = cfg.credentials.sessionToken;
  return { accessKeyId: cfg.credentials.accessKeyId, secretAccessKey: cfg.credentials.secretAccessKey, options };
}
