import type { CallOptions } from '../common/options.js';
import type { Container } from './resources.js';

/** A container or its name. */
export type ContainerRef = Container | string;

/** Options of `listContainerObjects` / `iterateContainerObjects`. */
export interface ListObjectsOptions extends CallOptions {
  /** Only names starting with this prefix. */
  prefix?: string | undefined;
}

/** Options of uploads. */
export interface UploadObjectOptions extends CallOptions {
  /** Content type; guessed from the name when absent. */
  contentType?: string | undefined;
  /** User metadata. */
  meta?: Readonly<Record<string, string>> | undefined;
  /** Verify the stored hash against the uploaded bytes (default true). */
  verifyHash?: boolean | undefined;
}

/** Options of downloads. */
export interface DownloadObjectOptions extends CallOptions {
  /** Overwrite an existing destination file (default false). */
  overwrite?: boolean | undefined;
  /** Delete a partially written destination on failure (default true). */
  deleteOnFailure?: boolean | undefined;
  /** First byte to read (inclusive). */
  start?: number | undefined;
  /** Last byte to read (inclusive). */
  end?: number | undefined;
}

/** Options of stream downloads. */
export interface DownloadStreamOptions extends CallOptions {
  /** First byte (inclusive). */
  start?: number | undefined;
  /** Last byte (inclusive). */
  end?: number | undefined;
}
