import { assertKnownOptions, type ProviderDefinition } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RetryPolicy } from '@cloudmux/core/http';
import type { S3ChecksumAlgorithm, S3ProviderDefaults } from './providers.js';

/** Options of `S3StorageDriver`. */
export interface S3DriverOptions {
  /** Region (default: the provider's; AWS `us-east-1`). An unknown AWS region lists the valid ones. */
  region?: string | undefined;
  /** Endpoint URL of an S3-compatible service (`http://127.0.0.1:9000`); overrides the provider's template. */
  endpoint?: string | undefined;
  /** Address buckets in the path (`https://host/bucket/key`) instead of the host name. */
  forcePathStyle?: boolean | undefined;
  /** Provider preset (default: Amazon S3). */
  provider?: ProviderDefinition<S3ProviderDefaults> | undefined;
  /** Account id for endpoint templates that need one (Cloudflare R2). */
  accountId?: string | undefined;
  /** STS session token of temporary credentials. */
  sessionToken?: string | undefined;
  /** Listing API: 2 (ListObjectsV2, default) or 1 (ListObjects with `marker`, for endpoints that lack V2). */
  listApiVersion?: 1 | 2 | undefined;
  /** Listing page size (`max-keys` of object listings, `max-buckets` of ListBuckets; 1 to 1000, default 1000). */
  pageSize?: number | undefined;
  /** Uploads larger than this go multipart (default 8 MiB; 5 MiB minimum part size on AWS does not apply below it). */
  multipartThreshold?: number | undefined;
  /**
   * Multipart part size (default 5 MiB, S3's minimum). Every 2,500 parts it doubles (up to 5 GiB), so a
   * stream of unknown length still fits in S3's 10,000 parts (up to about 183 GiB with the default).
   */
  partSize?: number | undefined;
  /**
   * Parts uploaded at once (default 2). A multipart upload holds `partsInFlight + 1` part buffers (one
   * being filled), reused from part to part: 15 MiB with the defaults.
   */
  partsInFlight?: number | undefined;
  /**
   * Send `UNSIGNED-PAYLOAD` instead of the body's SHA-256 for file and part uploads, saving a hash pass.
   * Default: `true` for an `https:` endpoint (TLS protects the body in transit and every upload still
   * carries its CRC-32 or `Content-MD5`, as boto3 does), `false` for `http:`, where the signed hash is
   * the body's only protection.
   */
  unsignedPayload?: boolean | undefined;
  /**
   * End-to-end integrity check. `crc32`: every PutObject and part carries `x-amz-checksum-crc32`, a
   * multipart upload gets a full-object CRC-32 (`x-amz-checksum-type: FULL_OBJECT`), and downloads ask
   * for the stored checksum (`x-amz-checksum-mode: ENABLED`) and verify it as the bytes arrive: several
   * times cheaper than MD5. `md5`: `Content-MD5` on uploads and the MD5 ETag on downloads, which every
   * S3-compatible service has. Downloads of objects stored without a full-object CRC-32 fall back to
   * the ETag either way. Default: the provider's (`crc32` for Amazon S3 at its own endpoints, `md5` for
   * S3-compatible services and custom endpoints).
   */
  checksumAlgorithm?: S3ChecksumAlgorithm | undefined;
  /** Per-attempt HTTP timeout in ms. */
  timeoutMs?: number | undefined;
  /** Retry overrides. */
  retry?: Partial<RetryPolicy> | false | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedS3Options {
  provider: ProviderDefinition<S3ProviderDefaults>;
  region: string;
  /** Endpoint without trailing slash; for AWS the region's endpoint. */
  endpoint: string;
  /** Whether the endpoint came from a template with `{region}` (then region redirects change host). */
  regional: boolean;
  forcePathStyle: boolean;
  listApiVersion: 1 | 2;
  pageSize: number;
  multipartThreshold: number;
  partSize: number;
  partsInFlight: number;
  unsignedPayload: boolean;
  checksumAlgorithm: S3ChecksumAlgorithm;
  timeoutMs: number | undefined;
  retry: Partial<RetryPolicy> | false | undefined;
  accountId: string | undefined;
}

const KEYS = [
  'region',
  'endpoint',
  'forcePathStyle',
  'provider',
  'accountId',
  'sessionToken',
  'listApiVersion',
  'pageSize',
  'multipartThreshold',
  'partSize',
  'partsInFlight',
  'unsignedPayload',
  'checksumAlgorithm',
  'timeoutMs',
  'retry',
];

const MiB = 1024 * 1024;

function int(name: string, v: unknown, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    throw new InvalidArgumentError(`S3StorageDriver: invalid ${name} ${JSON.stringify(v)}: expected an integer from ${min} to ${max}`);
  return v;
}

/** The endpoint of a provider template for a region (`{region}`, `{accountId}`; China gets `.cn` on AWS). */
export function templateEndpoint(template: string, region: string, accountId: string | undefined): string {
  let url = template.replace('{region}', region);
  if (url.includes('{accountId}')) {
    if (!accountId)
      throw new InvalidArgumentError('S3StorageDriver: this provider needs options.accountId (its endpoint contains the account id)');
    url = url.replace('{accountId}', accountId);
  }
  if (url.endsWith('.amazonaws.com') && region.startsWith('cn-')) url += '.cn';
  return url;
}

/** Validates options and applies the provider's defaults. */
export function resolveS3Options(
  options: S3DriverOptions | undefined,
  fallback: ProviderDefinition<S3ProviderDefaults>,
): ResolvedS3Options {
  const o = options ?? {};
  if (typeof o !== 'object') throw new InvalidArgumentError('S3StorageDriver: options must be an object');
  assertKnownOptions('S3StorageDriver', o, KEYS);
  const provider = o.provider ?? fallback;
  const d = provider.defaults;
  if (!d) throw new InvalidArgumentError(`S3StorageDriver: provider ${provider.id} is not an S3 provider definition`);
  const region = o.region ?? d.defaultRegion;
  if (typeof region !== 'string' || !/^[a-z0-9-]{1,40}$/.test(region))
    throw new InvalidArgumentError(`S3StorageDriver: invalid region ${JSON.stringify(region)}`);
  if (o.endpoint === undefined && d.strictRegions && !provider.regions.some((r) => r.id === region))
    throw new InvalidArgumentError(
      `S3StorageDriver: unknown ${provider.name} region ${JSON.stringify(region)}. Valid values: ${provider.regions.map((r) => r.id).join(', ')}`,
    );
  if (o.accountId !== undefined && (typeof o.accountId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(o.accountId)))
    throw new InvalidArgumentError(`S3StorageDriver: invalid accountId ${JSON.stringify(o.accountId)}`);
  let endpoint: string;
  if (o.endpoint !== undefined) endpoint = o.endpoint;
  else if (d.endpointTemplate !== undefined) endpoint = templateEndpoint(d.endpointTemplate, region, o.accountId);
  else throw new InvalidArgumentError(`S3StorageDriver: ${provider.name} has no public endpoint: pass options.endpoint`);
  try {
    const u = new URL(endpoint);
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.search !== '') throw new Error('bad');
  } catch {
    throw new InvalidArgumentError(
      `S3StorageDriver: invalid endpoint ${JSON.stringify(endpoint)}: expected an http(s) URL without a query`,
    );
  }
  if (o.listApiVersion !== undefined && o.listApiVersion !== 1 && o.listApiVersion !== 2)
    throw new InvalidArgumentError(`S3StorageDriver: invalid listApiVersion ${JSON.stringify(o.listApiVersion)}. Valid values: 1, 2`);
  if (o.forcePathStyle !== undefined && typeof o.forcePathStyle !== 'boolean')
    throw new InvalidArgumentError('S3StorageDriver: forcePathStyle must be a boolean');
  if (o.checksumAlgorithm !== undefined && o.checksumAlgorithm !== 'md5' && o.checksumAlgorithm !== 'crc32')
    throw new InvalidArgumentError(
      `S3StorageDriver: invalid checksumAlgorithm ${JSON.stringify(o.checksumAlgorithm)}. Valid values: md5, crc32`,
    );
  if (o.unsignedPayload !== undefined && typeof o.unsignedPayload !== 'boolean')
    throw new InvalidArgumentError(`S3StorageDriver: unsignedPayload must be a boolean, got ${JSON.stringify(o.unsignedPayload)}`);
  // A custom endpoint under the Amazon S3 provider is some other S3-compatible server: assume only MD5.
  const checksumAlgorithm =
    o.checksumAlgorithm ?? (o.endpoint !== undefined && provider.id === 's3' ? 'md5' : (d.checksumAlgorithm ?? 'md5'));
  const partSize = int('partSize', o.partSize, 64 * 1024, 5 * 1024 * MiB, 5 * MiB);
  return {
    provider,
    region,
    endpoint: endpoint.replace(/\/+$/, ''),
    regional: o.endpoint === undefined && (d.endpointTemplate ?? '').includes('{region}'),
    forcePathStyle: o.forcePathStyle ?? (o.endpoint !== undefined && provider.id === 's3' ? true : d.forcePathStyle),
    listApiVersion: o.listApiVersion ?? 2,
    pageSize: int('pageSize', o.pageSize, 1, 1000, 1000),
    multipartThreshold: int('multipartThreshold', o.multipartThreshold, 1, 5 * 1024 * MiB, 8 * MiB),
    partSize,
    partsInFlight: int('partsInFlight', o.partsInFlight, 1, 64, 2),
    unsignedPayload: o.unsignedPayload ?? new URL(endpoint).protocol === 'https:',
    checksumAlgorithm,
    timeoutMs: o.timeoutMs === undefined ? undefined : int('timeoutMs', o.timeoutMs, 1, 2_147_483_647, 30_000),
    retry: o.retry,
    accountId: o.accountId,
  };
}
