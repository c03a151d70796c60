import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import {
  AlreadyExistsError,
  BadRequestError,
  ChecksumMismatchError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  type ProviderErrorOptions,
} from '@cloudmux/core/errors';
import { defaultErrorForStatus, type HttpErrorContext } from '@cloudmux/core/http';
import { child, parseXml, text } from './xml.js';

/** Which core error a Blob service error code becomes. */
type Kind = 'credentials' | 'not-found' | 'exists' | 'rate-limit' | 'quota' | 'unavailable' | 'checksum' | 'bad-request' | 'status';

/** Blob service error codes (`x-ms-error-code` / `<Error><Code>`) mapped onto core errors. */
export const AZURE_ERROR_CODES: LookupTable<Kind> = lookupTable<Kind>({
  AuthenticationFailed: 'credentials',
  AuthorizationFailure: 'credentials',
  AuthorizationPermissionMismatch: 'credentials',
  AuthorizationResourceTypeMismatch: 'credentials',
  AuthorizationProtocolMismatch: 'credentials',
  AuthorizationSourceIPMismatch: 'credentials',
  InsufficientAccountPermissions: 'credentials',
  NoAuthenticationInformation: 'credentials',
  BlobNotFound: 'not-found',
  ContainerNotFound: 'not-found',
  ResourceNotFound: 'not-found',
  CannotVerifyCopySource: 'not-found',
  ContainerAlreadyExists: 'exists',
  ContainerBeingDeleted: 'exists',
  BlobAlreadyExists: 'exists',
  ServerBusy: 'rate-limit',
  OperationTimedOut: 'unavailable',
  InternalError: 'unavailable',
  AccountIsDisabled: 'quota',
  Md5Mismatch: 'checksum',
  InvalidMd5: 'checksum',
  InvalidBlockList: 'bad-request',
});

/** Reads `<Error><Code>`/`<Message>` from a body, or the `x-ms-error-code` header (HEAD responses have no body). */
export function azureErrorFields(ctx: HttpErrorContext): { code: string | undefined; message: string | undefined } {
  const header = ctx.headers['x-ms-error-code'];
  let code = typeof header === 'string' ? header : undefined;
  let message: string | undefined;
  if (ctx.bodyText.trimStart().startsWith('<')) {
    try {
      const err = parseXml(ctx.bodyText)['Error'];
      code = text(child(err, 'Code')) ?? code;
      message = text(child(err, 'Message'))?.split('\n')[0];
    } catch {
      // the status and header still say enough
    }
  }
  return { code, message };
}

/** Maps a failed Blob service response onto a core error, keeping the service code, message and request id. */
export function mapAzureError(ctx: HttpErrorContext): ProviderError {
  const { code, message } = azureErrorFields(ctx);
  const options: ProviderErrorOptions = {
    provider: ctx.provider,
    status: ctx.status,
    method: ctx.method,
    url: ctx.url,
    providerCode: code,
    providerMessage: message,
    requestId: ctx.requestId,
  };
  const what = `${ctx.errorContext?.action ?? `${ctx.method} request`} failed: ${code ?? `HTTP ${ctx.status}`}${message ? `: ${message}` : ''}`;
  switch (lookup(AZURE_ERROR_CODES, code, 'status')) {
    case 'credentials':
      return new InvalidCredentialsError(what, options);
    case 'not-found':
      return new NotFoundError(what, options);
    case 'exists':
      return new AlreadyExistsError(what, options);
    case 'rate-limit':
      return new RateLimitError(what, { ...options, retryAfterMs: ctx.retryAfterMs });
    case 'unavailable':
      return new ServiceUnavailableError(what, options);
    case 'quota':
      return new QuotaExceededError(what, options);
    case 'checksum':
      return new ChecksumMismatchError(what, { ...options, algorithm: 'md5' });
    case 'bad-request':
      return new BadRequestError(what, options);
    default:
      if (ctx.status === 403) return new InvalidCredentialsError(what, options);
      return defaultErrorForStatus(ctx, { providerCode: code, providerMessage: message, message: what });
  }
}
