import type { Readable } from 'node:stream';
import type { CallOptions } from '../common/options.js';
import type { Container } from './resources.js';

/** A container or its name. */
export type ContainerRef = Container | string;

/** Options of `createContainer`. */
export interface CreateContainerOptions extends CallOptions {
  /** Container name. */
  name: string;
}

/**
 * Options of `listContainerObjects` / `iterateContainerObjects`.
 *
 * With `delimiter`, the listing is one "directory level": objects whose name, after `prefix`,
 * contains the delimiter are left out (they are rolled up into the common prefixes that
 * `listContainerPrefixes` returns with the same options).
 */
export interface ListContainerObjectsOptions extends CallOptions {
  /** Only names starting with this prefix. */
  prefix?: string | undefined;
  /** Group names by this delimiter (usually `/`); objects below a delimiter after `prefix` are not listed. */
  delimiter?: string | undefined;
}

/** Options of `listContainerPrefixes` / `iterateContainerPrefixes`. */
export interface ListContainerPrefixesOptions extends CallOptions {
  /** Only prefixes of names starting with this prefix. */
  prefix?: string | undefined;
  /** Delimiter that ends a common prefix (default `/`). */
  delimiter?: string | undefined;
}

/** @deprecated Renamed {@link ListContainerObjectsOptions} (every options type is named `<Method>Options`). */
export type ListObjectsOptions = ListContainerObjectsOptions;

/** Options of `getObject(container, { name })`. */
export interface GetObjectOptions extends CallOptions {
  /** Object name within the container. */
  name: string;
}

/** What every upload accepts besides its bytes. */
export interface UploadObjectBaseOptions extends CallOptions {
  /** Object name within the container. */
  name: string;
  /** Content type; guessed from the name when absent. */
  contentType?: string | undefined;
  /** User metadata (keys of letters, digits, `-`, `_`; providers compare keys case-insensitively). */
  meta?: Readonly<Record<string, string>> | undefined;
  /**
   * Verify the stored checksum against the uploaded bytes (default true): the driver hashes what it
   * sends and compares with what the provider reports (or has the provider compare); a mismatch
   * throws `ChecksumMismatchError` and leaves no object behind.
   */
  verifyHash?: boolean | undefined;
  /**
   * The MD5 the bytes must have (32 hex digits). When they do not, the upload fails with
   * `ChecksumMismatchError` and no object is stored (the previous object, if any, stays).
   */
  md5?: string | undefined;
}

/** Options of `uploadObject(container, { name, filePath })`: upload a local file. */
export interface UploadObjectFromFileOptions extends UploadObjectBaseOptions {
  /** Local file to upload. */
  filePath: string;
  /** Not with `filePath`. */
  data?: undefined;
}

/** Options of `uploadObject(container, { name, data })`: upload bytes held in memory. */
export interface UploadObjectFromDataOptions extends UploadObjectBaseOptions {
  /** The bytes themselves (a string is stored as UTF-8). */
  data: Uint8Array | string;
  /** Not with `data`. */
  filePath?: undefined;
}

/** Options of `uploadObject`: exactly one of `filePath` and `data` (checked at run time too). */
export type UploadObjectOptions = UploadObjectFromFileOptions | UploadObjectFromDataOptions;

/** Options of `uploadObjectViaStream(container, { name, source })`. */
export interface UploadObjectViaStreamOptions extends UploadObjectBaseOptions {
  /** The bytes: a readable stream or any (async) iterable of chunks. */
  source: Readable | AsyncIterable<Uint8Array>;
}

/** Options of `downloadObject(object, { destinationPath })`. */
export interface DownloadObjectOptions extends CallOptions {
  /** Local file to write (atomically: a temporary file in the same directory, renamed when complete). */
  destinationPath: string;
  /** Overwrite an existing destination file (default false: `AlreadyExistsError`). */
  overwrite?: boolean | undefined;
  /** Delete a partially written destination on failure (default true; downloads are atomic, so nothing partial is ever visible). */
  deleteOnFailure?: boolean | undefined;
  /** First byte to read (inclusive). */
  start?: number | undefined;
  /** Last byte to read (inclusive). */
  end?: number | undefined;
  /**
   * Verify a whole-object download against the object's stored checksum (default true);
   * a mismatch throws `ChecksumMismatchError` and leaves no destination file.
   */
  verifyHash?: boolean | undefined;
}

/** Options of `downloadObjectAsStream`. */
export interface DownloadObjectAsStreamOptions extends CallOptions {
  /** First byte (inclusive). */
  start?: number | undefined;
  /** Last byte (inclusive). */
  end?: number | undefined;
  /**
   * Verify a whole-object stream against the object's stored checksum (default true): the stream
   * errors with `ChecksumMismatchError` at its end instead of ending normally.
   */
  verifyHash?: boolean | undefined;
}

/** @deprecated Renamed {@link DownloadObjectAsStreamOptions} (every options type is named `<Method>Options`). */
export type DownloadStreamOptions = DownloadObjectAsStreamOptions;

/** Options of `copyObject(object, { destinationName })`. */
export interface CopyObjectOptions extends CallOptions {
  /** Name of the copy. */
  destinationName: string;
  /** Container of the copy (default: the source's container). */
  destinationContainer?: ContainerRef | undefined;
  /** Content type of the copy (default: the source's). */
  contentType?: string | undefined;
  /** User metadata of the copy (default: the source's; given, it replaces them all). */
  meta?: Readonly<Record<string, string>> | undefined;
}

/** Options of `updateObjectMetadata(object, { meta, contentType })`: at least one of them. */
export interface UpdateObjectMetadataOptions extends CallOptions {
  /** The new user metadata: replaces all of the object's user metadata (`{}` removes them). */
  meta?: Readonly<Record<string, string>> | undefined;
  /** The new content type (default: unchanged). */
  contentType?: string | undefined;
}

/** HTTP methods a temporary URL can be made for. */
export const TEMP_URL_METHODS = ['GET', 'PUT'] as const;

/** An HTTP method of a temporary URL. */
export type TempUrlMethod = (typeof TEMP_URL_METHODS)[number];

/** Longest expiry a temporary URL may have: 7 days (the S3 SigV4 limit, the strictest). */
export const MAX_TEMP_URL_EXPIRY_MS = 7 * 24 * 3600_000;

/** Options of `getObjectTempUrl(container, { name, method, expiresInMs })`. */
export interface GetObjectTempUrlOptions extends CallOptions {
  /** Object name (need not exist yet for `PUT`). */
  name: string;
  /** What the URL allows (default `GET`). */
  method?: TempUrlMethod | undefined;
  /** How long the URL stays valid, in milliseconds (1 s to 7 days). */
  expiresInMs: number;
}
