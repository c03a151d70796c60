import { assertKnownOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RetryPolicy } from '@cloudmux/core/http';
import type { AwsCredentials } from '../signing/sigv4.js';
import { ROUTE53_ENDPOINT, ROUTE53_PROVIDER } from './provider.js';

/** Options of `new Route53DnsDriver(accessKeyId, secretAccessKey, options)`. */
export interface Route53DriverOptions {
  /** Endpoint URL (a simulator, a FIPS or China endpoint); default `https://route53.amazonaws.com`. */
  endpoint?: string | undefined;
  /** Region in SigV4 scopes (default `us-east-1`; `cn-northwest-1` for Route 53 in China). */
  signingRegion?: string | undefined;
  /** STS session token of temporary credentials. */
  sessionToken?: string | undefined;
  /** `maxitems` of record set pages (1–300, default 300). */
  pageSize?: number | undefined;
  /** TTL of records created without one (default 300). */
  defaultTtl?: number | undefined;
  /** TLS options; verification stays on unless `rejectUnauthorized: false` is given. */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false` for none. */
  retry?: Partial<RetryPolicy> | false | undefined;
}

/** Valid option names. */
export const ROUTE53_OPTION_NAMES: readonly (keyof Route53DriverOptions)[] = Object.freeze([
  'endpoint',
  'signingRegion',
  'sessionToken',
  'pageSize',
  'defaultTtl',
  'tls',
  'timeoutMs',
  'retry',
]);

/** What a driver instance resolved its options to. */
export interface Route53Settings {
  /** Credentials (kept in the driver's private context). */
  credentials: AwsCredentials;
  /** Base URL. */
  endpoint: string;
  /** SigV4 region. */
  signingRegion: string;
  /** Record set page size. */
  pageSize: number;
  /** Default record TTL. */
  defaultTtl: number;
}

function fail(message: string): never {
  throw new InvalidArgumentError(`${ROUTE53_PROVIDER.name}: ${message}`, { provider: ROUTE53_PROVIDER.id });
}

function intIn(name: string, v: number | undefined, min: number, max: number, fallback: number): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) fail(`invalid ${name} ${String(v)}; expected an integer from ${min} to ${max}`);
  return n;
}

/** Validates the constructor's arguments. */
export function resolveRoute53Settings(
  accessKeyId: string,
  secretAccessKey: string | undefined,
  options: Route53DriverOptions = {},
): Route53Settings {
  assertKnownOptions(`${ROUTE53_PROVIDER.name} driver`, options, ROUTE53_OPTION_NAMES);
  if (typeof accessKeyId !== 'string' || accessKeyId === '') fail('an access key id is required');
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') fail('a secret access key is required');
  const endpoint = options.endpoint ?? ROUTE53_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return fail(`invalid endpoint "${endpoint}"; expected an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`endpoint must be http(s), got "${url.protocol}"`);
  if (url.search !== '' || url.hash !== '') fail('endpoint must not have a query or fragment');
  const signingRegion = options.signingRegion ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(signingRegion)) fail(`invalid signingRegion "${signingRegion}"`);
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken: options.sessionToken },
    endpoint: endpoint.replace(/\/+$/, ''),
    signingRegion,
    pageSize: intIn('pageSize', options.pageSize, 1, 300, 300),
    defaultTtl: intIn('defaultTtl', options.defaultTtl, 0, 2_147_483_647, 300),
  };
}
