/**
 * Connection layer: a got-based {@link Connection} with signing, retries, timeouts, abort, error mapping
 * and a redacted debug trace; plus the redaction helpers drivers use for their own messages.
 * @module
 */
export type * from './types.js';
export { Connection, DEFAULT_REQUEST_ID_HEADERS } from './connection.js';
export { contentLength } from './content-length.js';
export { defaultErrorForStatus, genericErrorDetails, parseRetryAfter, headerValue, type ErrorDetails } from './default-error.js';
export {
  DEFAULT_RETRY_POLICY,
  NO_RETRY,
  resolveRetryPolicy,
  isIdempotent,
  backoffDelay,
  classifyNetworkError,
  type NetworkFailure,
} from './retry.js';
export { REDACTED, isSensitiveName, redactHeaders, redactUrl, redactText, redactValue, redactQueryString } from './redact.js';
export { toCurl, shellQuote, type CurlInput } from './curl.js';
export { TransportFailure, sanitizeCause, carriesRequest } from './sanitize-error.js';
export { DebugTrace, resolveDebugFile } from './debug-trace.js';
export { encodeQuery, joinUrl } from './url.js';
