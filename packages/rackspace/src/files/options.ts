/**
 * Options of the Cloud Files driver: the shared Rackspace auth options plus Swift tuning and ServiceNet.
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import type { RackspaceAuthOptions } from '../identity/index.js';

/** Options of `CloudFilesStorageDriver` (besides {@link RackspaceAuthOptions}). */
export interface CloudFilesOwnOptions {
  /** Use ServiceNet (the catalog's `internal` Cloud Files URL, free bandwidth from inside Rackspace); the CDN API stays public. */
  serviceNet?: boolean | undefined;
  /** Storage URL (`https://storage101.dfw1.clouddrive.com/v1/MossoCloudFS_…`) instead of the catalog's. */
  storageUrl?: string | undefined;
  /** Uploads larger than this become static large objects (default 1 GiB; 1 byte to 5 GiB). */
  sloThreshold?: number | undefined;
  /** Size of the first segments of static large objects (default 4 MiB for the first GiB, then doubling every 100 segments). */
  segmentSize?: number | undefined;
  /** Segments uploaded at once (default 2): memory is about segmentSize × (this + 1). */
  segmentConcurrency?: number | undefined;
  /** Listing page size (`limit`, default 10000, 1 to 10000); also the CDN listing's. */
  pageSize?: number | undefined;
}

/** Options of `CloudFilesStorageDriver`: Rackspace auth (region, identity, API key or password, session) and Swift tuning. */
export type CloudFilesDriverOptions = RackspaceAuthOptions & CloudFilesOwnOptions;

/** The option names of {@link CloudFilesOwnOptions}. */
export const CLOUDFILES_DRIVER_OPTIONS: readonly string[] = Object.freeze([
  'serviceNet',
  'storageUrl',
  'sloThreshold',
  'segmentSize',
  'segmentConcurrency',
  'pageSize',
]);

/** Which CDN URI of a container: `http` (`X-Cdn-Uri`), `https` (`X-Cdn-Ssl-Uri`), `streaming`, `ios`. */
export type CloudFilesCdnUriType = 'http' | 'https' | 'streaming' | 'ios';

/** The CDN URI types, in the order Rackspace lists them. */
export const CLOUDFILES_CDN_URI_TYPES: readonly CloudFilesCdnUriType[] = Object.freeze(['http', 'https', 'streaming', 'ios']);

/** Options of `enableContainerCdn` on Cloud Files. */
export interface CloudFilesEnableCdnOptions extends CallOptions {
  /** Cloud Files extensions. */
  ex?:
    | {
        /** Edge cache lifetime in seconds (`X-TTL`, 900 to 31536000; Rackspace's default 259200 = 72 h). */
        ttl?: number | undefined;
        /** Keep CDN access logs in the `.CDN_ACCESS_LOGS` container (`X-Log-Retention`). */
        logRetention?: boolean | undefined;
      }
    | undefined;
}

/** Options of `getContainerCdnUrl` / `getObjectCdnUrl` on Cloud Files. */
export interface CloudFilesCdnUrlOptions extends CallOptions {
  /** Cloud Files extensions. */
  ex?:
    | {
        /** Which URI (default `https`). */
        uriType?: CloudFilesCdnUriType | undefined;
      }
    | undefined;
}

/** Options of `exUpdateContainerCdn`: what to change (at least one). */
export interface CloudFilesUpdateCdnOptions extends CallOptions {
  /** New edge cache lifetime in seconds (900 to 31536000). */
  ttl?: number | undefined;
  /** Keep CDN access logs or not. */
  logRetention?: boolean | undefined;
}

/** Options of `exListCdnContainers`. */
export interface CloudFilesListCdnOptions extends CallOptions {
  /** Only containers whose CDN is enabled now (`enabled_only=true`); default every container ever CDN-enabled. */
  enabledOnly?: boolean | undefined;
}

/** Options of `exPurgeObjectFromCdn`. */
export interface CloudFilesPurgeOptions extends CallOptions {
  /** Address(es) Rackspace mails when the purge completes (`X-Purge-Email`). */
  email?: string | readonly string[] | undefined;
}
