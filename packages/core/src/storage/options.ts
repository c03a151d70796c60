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

/** Options of `listContainerObjects` / `iterateContainerObjects`. */
export interface ListContainerObjectsOptions extends CallOptions {
  /** Only names starting with this prefix. */
  prefix?: string | undefined;
}

/** @deprecated Renamed {@link ListContainerObjectsOptions} (every options type is named `<Method>Options`). */
export type ListObjectsOptions = ListContainerObjectsOptions;

/** Options of `getObject(container, { name })`. */
export interface GetObjectOptions extends CallOptions {
  /** Object name within the container. */
  name: string;
}

/** Options of `uploadObject(container, { name, filePath })`. */
export interface UploadObjectOptions extends CallOptions {
  /** Object name within the container. */
  name: string;
  /** Local file to upload. */
  filePath: string;
  /** Content type; guessed from the name when absent. */
  contentType?: string | undefined;
  /** User metadata. */
  meta?: Readonly<Record<string, string>> | undefined;
  /** Verify the stored hash against the uploaded bytes (default true). */
  verifyHash?: boolean | undefined;
}

/** Options of `uploadObjectViaStream(container, { name, source })`. */
export interface UploadObjectViaStreamOptions extends Omit<UploadObjectOptions, 'filePath'> {
  /** The bytes: a readable stream or any (async) iterable of chunks. */
  source: Readable | AsyncIterable<Uint8Array>;
}

/** Options of `downloadObject(object, { destinationPath })`. */
export interface DownloadObjectOptions extends CallOptions {
  /** Local file to write. */
  destinationPath: string;
  /** Overwrite an existing destination file (default false). */
  overwrite?: boolean | undefined;
  /** Delete a partially written destination on failure (default true). */
  deleteOnFailure?: boolean | undefined;
  /** First byte to read (inclusive). */
  start?: number | undefined;
  /** Last byte to read (inclusive). */
  end?: number | undefined;
}

/** Options of `downloadObjectAsStream`. */
export interface DownloadObjectAsStreamOptions extends CallOptions {
  /** First byte (inclusive). */
  start?: number | undefined;
  /** Last byte (inclusive). */
  end?: number | undefined;
}

/** @deprecated Renamed {@link DownloadObjectAsStreamOptions} (every options type is named `<Method>Options`). */
export type DownloadStreamOptions = DownloadObjectAsStreamOptions;
