/**
 * The cloudmux error hierarchy. Every error is a {@link CloudError} with a stable `code`.
 * @module
 */
export {
  AbortError,
  CloudError,
  type CloudErrorOptions,
  InvalidArgumentError,
  NotSupportedError,
  TimeoutError,
  UnknownProviderError,
} from './cloud-error.js';
export {
  AlreadyExistsError,
  BadRequestError,
  DeploymentError,
  type DeploymentErrorOptions,
  InvalidCredentialsError,
  MalformedResponseError,
  NotFoundError,
  ProviderError,
  type ProviderErrorOptions,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
} from './provider-error.js';
export { ChecksumMismatchError, type ChecksumMismatchErrorOptions } from './checksum-mismatch-error.js';
