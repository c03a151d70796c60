import { ProviderError, type ProviderErrorOptions } from './provider-error.js';

/** Options of {@link ChecksumMismatchError}. */
export interface ChecksumMismatchErrorOptions extends ProviderErrorOptions {
  /** Hash algorithm compared (`md5`, `sha256`, ...). */
  algorithm: string;
  /** The checksum that was expected (hex), when known. */
  expected?: string | undefined;
  /** The checksum of the bytes actually sent or received (hex), when known. */
  actual?: string | undefined;
}

/**
 * The bytes stored or received do not match their checksum: an upload whose content hash differs
 * from the one the caller gave or the provider reported (nothing is kept), or a download whose
 * bytes differ from the object's stored hash (no destination file is written). Not retryable as
 * such: the data itself is in question.
 */
export class ChecksumMismatchError extends ProviderError {
  override readonly code: string = 'ERR_CHECKSUM_MISMATCH';
  /** Hash algorithm compared. */
  readonly algorithm: string;
  /** Expected checksum (hex), when known. */
  readonly expected: string | undefined;
  /** Checksum of the bytes seen (hex), when known. */
  readonly actual: string | undefined;

  constructor(message: string, options: ChecksumMismatchErrorOptions) {
    super(message, options);
    this.algorithm = options.algorithm;
    this.expected = options.expected;
    this.actual = options.actual;
  }
}
