import { assertKnownOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { IdentitySession } from '../identity/session.js';
import type { EndpointInterface } from '../identity/types.js';

/** How the driver authenticates. */
export type SwiftAuthVersion = '1.0' | '3';

/** Options of `OpenStackSwiftStorageDriver`. */
export interface OpenStackSwiftDriverOptions {
  /**
   * Auth URL: tempauth's `…/auth/v1.0`, or Keystone's (`…/v3`, or unversioned). Not needed with
   * `session`.
   */
  authUrl?: string | undefined;
  /** `1.0` (tempauth / swauth `X-Auth-User`) or `3` (Keystone); default `1.0` when `authUrl` ends in `/v1.0` or `/auth`, else `3`. */
  authVersion?: SwiftAuthVersion | undefined;
  /** Keystone v3: project name (with `projectDomainName`/`projectDomainId`, default domain `Default`). */
  projectName?: string | undefined;
  /** Keystone v3: project id. */
  projectId?: string | undefined;
  /** Keystone v3: domain name of the user (default `Default`). */
  userDomainName?: string | undefined;
  /** Keystone v3: domain name of the project (default `Default`). */
  projectDomainName?: string | undefined;
  /** An existing Keystone session to use (the key/secret arguments are then ignored). */
  session?: IdentitySession | undefined;
  /** Catalog region of the `object-store` endpoint. */
  region?: string | undefined;
  /** Catalog interface (default `public`). */
  interface?: EndpointInterface | undefined;
  /** Catalog service name of the `object-store` entry (e.g. Rackspace's `cloudFiles`), when the catalog has several. */
  serviceName?: string | undefined;
  /** Storage URL (`https://swift/v1/AUTH_x`) instead of the one auth returns. */
  storageUrl?: string | undefined;
  /** Uploads larger than this become static large objects (default 1 GiB; 1 byte to 5 GiB). */
  sloThreshold?: number | undefined;
  /**
   * Segment size of static large objects (default 4 MiB; 1 byte to 5 GiB) for an object's first GiB;
   * after that it doubles every 100 segments, so a stream of unknown length fits in Swift's default
   * limit of 1,000 segments (about 144 GiB with 4 MiB) and needs no size hint.
   */
  segmentSize?: number | undefined;
  /** Segments uploaded at once (default 2): memory is about segmentSize × (this + 1). */
  segmentConcurrency?: number | undefined;
  /** Listing page size (`limit`, default 10000, 1 to 10000). */
  pageSize?: number | undefined;
  /** Per-attempt HTTP timeout in ms. */
  timeoutMs?: number | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedSwiftOptions {
  authUrl: string | undefined;
  authVersion: SwiftAuthVersion;
  sloThreshold: number;
  segmentSize: number;
  segmentConcurrency: number;
  pageSize: number;
  timeoutMs: number | undefined;
  storageUrl: string | undefined;
}

/** Option names the constructor accepts. */
export const SWIFT_DRIVER_OPTIONS = [
  'authUrl',
  'authVersion',
  'projectName',
  'projectId',
  'userDomainName',
  'projectDomainName',
  'session',
  'region',
  'interface',
  'serviceName',
  'storageUrl',
  'sloThreshold',
  'segmentSize',
  'segmentConcurrency',
  'pageSize',
  'timeoutMs',
] as const;

const GiB = 1024 ** 3;

function int(name: string, v: unknown, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    throw new InvalidArgumentError(
      `OpenStackSwiftStorageDriver: invalid ${name} ${JSON.stringify(v)}: expected an integer from ${min} to ${max}`,
    );
  return v;
}

function httpUrl(name: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  try {
    const u = new URL(String(v));
    if (u.protocol === 'http:' || u.protocol === 'https:') return String(v).replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(`OpenStackSwiftStorageDriver: invalid ${name} ${JSON.stringify(v)}: expected an http(s) URL`);
}

/** Validates options and applies defaults. */
export function resolveSwiftOptions(options: OpenStackSwiftDriverOptions | undefined): ResolvedSwiftOptions {
  const o = options ?? {};
  if (typeof o !== 'object') throw new InvalidArgumentError('OpenStackSwiftStorageDriver: options must be an object');
  assertKnownOptions('OpenStackSwiftStorageDriver', o, SWIFT_DRIVER_OPTIONS);
  const authUrl = httpUrl('authUrl', o.authUrl);
  let authVersion = o.authVersion;
  if (authVersion !== undefined && authVersion !== '1.0' && authVersion !== '3')
    throw new InvalidArgumentError(`OpenStackSwiftStorageDriver: invalid authVersion ${JSON.stringify(authVersion)}. Valid values: 1.0, 3`);
  authVersion ??= o.session === undefined && authUrl !== undefined && /\/(v1\.0|auth)$/.test(authUrl) ? '1.0' : '3';
  if (o.session === undefined && authUrl === undefined)
    throw new InvalidArgumentError(
      'OpenStackSwiftStorageDriver: give options.authUrl (tempauth …/auth/v1.0 or Keystone) or options.session',
    );
  const segmentSize = int('segmentSize', o.segmentSize, 1, 5 * GiB, 4 * 1024 * 1024);
  return {
    authUrl,
    authVersion,
    sloThreshold: int('sloThreshold', o.sloThreshold, 1, 5 * GiB, GiB),
    segmentSize,
    segmentConcurrency: int('segmentConcurrency', o.segmentConcurrency, 1, 16, 2),
    pageSize: int('pageSize', o.pageSize, 1, 10_000, 10_000),
    timeoutMs: o.timeoutMs === undefined ? undefined : int('timeoutMs', o.timeoutMs, 1, 2_147_483_647, 30_000),
    storageUrl: httpUrl('storageUrl', o.storageUrl),
  };
}
