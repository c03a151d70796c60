import type { ProviderDefinition, RegionDefinition } from '@cloudmux/core';
import { AWS_REGIONS } from '../ec2/regions.js';

/** How an S3 provider (AWS or an S3-compatible service) is reached. */
export type S3ProviderDefaults = {
  /**
   * Endpoint template: `{region}` and `{accountId}` are replaced; `undefined` when the service has
   * no public endpoint (self-hosted MinIO, Ceph RGW: pass `endpoint`).
   */
  readonly endpointTemplate: string | undefined;
  /** Whether buckets go in the path (`https://host/bucket/key`) rather than the host name. */
  readonly forcePathStyle: boolean;
  /** Region used for signing when none is given. */
  readonly defaultRegion: string;
  /** Whether the region must be one of the provider's `regions` (AWS, Wasabi, Spaces). */
  readonly strictRegions: boolean;
  /**
   * Integrity check the service is known to support (default `md5`): `crc32` where it verifies and
   * stores `x-amz-checksum-crc32`, full-object CRC-32 for multipart uploads included (Amazon S3).
   */
  readonly checksumAlgorithm?: S3ChecksumAlgorithm | undefined;
};

/**
 * How uploads and downloads are checked end to end: `md5` (`Content-MD5` and the MD5 ETag, which
 * every S3-compatible service has) or `crc32` (S3's additional checksum `x-amz-checksum-crc32`).
 */
export type S3ChecksumAlgorithm = 'md5' | 'crc32';

function regions(template: string, ids: readonly (readonly [string, string, string])[]): readonly RegionDefinition[] {
  return Object.freeze(ids.map(([id, name, country]) => Object.freeze({ id, name, country, endpoint: template.replace('{region}', id) })));
}

/** The S3 endpoint of an AWS region (`https://s3.<region>.amazonaws.com`, `.amazonaws.com.cn` in China). */
export function s3EndpointFor(region: string): string {
  return `https://s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** Every AWS region with its S3 endpoint. */
export const S3_REGIONS: readonly RegionDefinition[] = Object.freeze(
  AWS_REGIONS.map((r) => Object.freeze({ id: r.id, name: r.name, country: r.country, endpoint: s3EndpointFor(r.id) })),
);

/** Amazon S3. */
export const S3_PROVIDER: ProviderDefinition<S3ProviderDefaults> = Object.freeze({
  id: 's3',
  name: 'Amazon S3',
  api: 's3',
  defaultRegion: 'us-east-1',
  regions: S3_REGIONS,
  docsUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html',
  defaults: Object.freeze({
    endpointTemplate: 'https://s3.{region}.amazonaws.com',
    forcePathStyle: false,
    defaultRegion: 'us-east-1',
    strictRegions: true,
    checksumAlgorithm: 'crc32',
  }),
});

/** MinIO (self-hosted; give `endpoint`). */
export const MINIO_PROVIDER: ProviderDefinition<S3ProviderDefaults> = Object.freeze({
  id: 'minio',
  name: 'MinIO',
  api: 's3',
  defaultRegion: 'us-east-1',
  regions: [],
  docsUrl: 'https://min.io/docs/minio/linux/developers/s3-compatible-api.html',
  defaults: Object.freeze({ endpointTemplate: undefined, forcePathStyle: true, defaultRegion: 'us-east-1', strictRegions: false }),
});

/** Ceph Object Gateway (RGW; self-hosted, give `endpoint`). */
export const CEPH_RGW_PROVIDER: ProviderDefinition<S3ProviderDefaults> = Object.freeze({
  id: 'ceph_rgw',
  name: 'Ceph Object Gateway (RGW)',
  api: 's3',
  defaultRegion: 'us-east-1',
  regions: [],
  docsUrl: 'https://docs.ceph.com/en/latest/radosgw/s3/',
  defaults: Object.freeze({ endpointTemplate: undefined, forcePathStyle: true, defaultRegion: 'us-east-1', strictRegions: false }),
});

/** Wasabi Hot Cloud Storage. */
export const WASABI_PROVIDER: ProviderDefinition<S3ProviderDefaults> = Object.freeze({
  id: 'wasabi',
  name: 'Wasabi',
  api: 's3',
  defaultRegion: 'us-east-1',
  regions: regions('https://s3.{region}.wasabisys.com', [
    ['us-east-1', 'N. Virginia', 'US'],
    ['us-east-2', 'N. Virginia 2', 'US'],
    ['us-central-1', 'Texas', 'US'],
    ['us-west-1', 'Oregon', 'US'],
    ['ca-central-1', 'Toronto', 'CA'],
    ['eu-central-1', 'Amsterdam', 'NL'],
    ['eu-central-2', 'Frankfurt', 'DE'],
    ['eu-west-1', 'London', 'GB'],
    ['eu-west-2', 'Paris', 'FR'],
    ['ap-northeast-1', 'Tokyo', 'JP'],
    ['ap-northeast-2', 'Osaka', 'JP'],
    ['ap-southeast-1', 'Singapore', 'SG'],
    ['ap-southeast-2', 'Sydney', 'AU'],
  ]),
  docsUrl: 'https://docs.wasabi.com/docs/wasabi-api',
  defaults: Object.freeze({
    endpointTemplate: 'https://s3.{region}.wasabisys.com',
    forcePathStyle: false,
    defaultRegion: 'us-east-1',
    strictRegions: true,
  }),
});

/** DigitalOcean Spaces. */
export const DIGITALOCEAN_SPACES_PROVIDER: ProviderDefinition<S3ProviderDefaults> = Object.freeze({
  id: 'digitalocean_spaces',
  name: 'DigitalOcean Spaces',
  api: 's3',
  defaultRegion: 'nyc3',
  regions: regions('https://{region}.digitaloceanspaces.com', [
    ['nyc3', 'New York 3', 'US'],
    ['sfo2', 'San Francisco 2', 'US'],
    ['sfo3', 'San Francisco 3', 'US'],
    ['ams3', 'Amsterdam 3', 'NL'],
    ['fra1', 'Frankfurt 1', 'DE'],
    ['lon1', 'London 1', 'GB'],
    ['sgp1', 'Singapore 1', 'SG'],
    ['syd1', 'Sydney 1', 'AU'],
    ['blr1', 'Bangalore 1', 'IN'],
    ['tor1', 'Toronto 1', 'CA'],
    ['atl1', 'Atlanta 1', 'US'],
  ]),
  docsUrl: 'https://docs.digitalocean.com/reference/api/spaces/',
  defaults: Object.freeze({
    endpointTemplate: 'https://{region}.digitaloceanspaces.com',
    forcePathStyle: false,
    defaultRegion: 'nyc3',
    strictRegions: true,
  }),
});

/** Cloudflare R2 (give `accountId`; region `auto`). */
export const CLOUDFLARE_R2_PROVIDER: ProviderDefinition<S3ProviderDefaults> = Object.freeze({
  id: 'cloudflare_r2',
  name: 'Cloudflare R2',
  api: 's3',
  defaultRegion: 'auto',
  regions: [],
  docsUrl: 'https://developers.cloudflare.com/r2/api/s3/api/',
  defaults: Object.freeze({
    endpointTemplate: 'https://{accountId}.r2.cloudflarestorage.com',
    forcePathStyle: true,
    defaultRegion: 'auto',
    strictRegions: false,
  }),
});

/** Every S3 provider definition (AWS first, then the S3-compatible presets). */
export const S3_PROVIDERS: readonly ProviderDefinition<S3ProviderDefaults>[] = Object.freeze([
  S3_PROVIDER,
  MINIO_PROVIDER,
  CEPH_RGW_PROVIDER,
  WASABI_PROVIDER,
  DIGITALOCEAN_SPACES_PROVIDER,
  CLOUDFLARE_R2_PROVIDER,
]);
