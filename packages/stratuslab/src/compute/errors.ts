import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import {
  AlreadyExistsError,
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  type ProviderErrorOptions,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import { defaultErrorForStatus, type HttpErrorContext } from '@cloudmux/core/http';

type ErrorClass = new (message: string, options: ProviderErrorOptions) => ProviderError;

/** OpenNebula 3.x XML-RPC error codes (third element of a failed result). */
export const ONE_ERROR_CODES = Object.freeze({
  SUCCESS: 0x0000,
  AUTHENTICATION: 0x0100,
  AUTHORIZATION: 0x0200,
  NO_EXISTS: 0x0400,
  ACTION: 0x0800,
  XML_RPC_API: 0x1000,
  INTERNAL: 0x2000,
});

/** OpenNebula error code (hex, as the ONE docs write it) → core error class. */
export const ONE_ERROR_CLASSES: LookupTable<ErrorClass> = lookupTable<ErrorClass>({
  '0x0100': InvalidCredentialsError,
  '0x0200': InvalidCredentialsError,
  '0x0400': NotFoundError,
  '0x0800': BadRequestError,
  '0x1000': BadRequestError,
  '0x2000': ServiceUnavailableError,
});

/** `0x0400` form of a code. */
export function hexCode(code: number): string {
  return `0x${code.toString(16).padStart(4, '0')}`;
}

/** The error for a failed OpenNebula call (`[false, message, code]`). */
export function oneError(method: string, message: string, code: number, location: string): ProviderError {
  const hex = hexCode(code);
  const cls = lookup(ONE_ERROR_CLASSES, hex, ProviderError as ErrorClass);
  return new cls(`stratuslab (${location}): ${method} failed (OpenNebula error ${hex}): ${message}`, {
    provider: 'stratuslab',
    method: 'POST',
    providerCode: hex,
    providerMessage: message,
  });
}

/** The error for an XML-RPC `<fault>` (one-proxy or the XML-RPC layer refused the call itself). */
export function faultError(method: string, faultCode: number, faultString: string, location: string): ProviderError {
  const cls: ErrorClass = /not ?authori[sz]ed|authentication/i.test(faultString) ? InvalidCredentialsError : BadRequestError;
  return new cls(`stratuslab (${location}): ${method} failed with XML-RPC fault ${faultCode}: ${faultString}`, {
    provider: 'stratuslab',
    method: 'POST',
    providerCode: `fault:${faultCode}`,
    providerMessage: faultString,
  });
}

/**
 * Maps a failed PDisk response (`{"message": "...", "code": N}`): 403 "Mount already exists" is
 * `AlreadyExistsError`, 409 (disk in use) `BadRequestError`; other statuses map by status.
 */
export function mapPdiskError(ctx: HttpErrorContext): ProviderError {
  let message: string | undefined;
  try {
    const body = JSON.parse(ctx.bodyText) as unknown;
    if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string')
      message = (body as { message: string }).message;
  } catch {
    message = undefined;
  }
  const details = { providerCode: String(ctx.status), providerMessage: message };
  const options: ProviderErrorOptions = {
    provider: ctx.provider,
    status: ctx.status,
    method: ctx.method,
    url: ctx.url,
    providerCode: details.providerCode,
    providerMessage: message,
    requestId: ctx.requestId,
  };
  const text = `stratuslab: PDisk ${ctx.method} ${ctx.url} failed with HTTP ${ctx.status}${message ? `: ${message}` : ''}`;
  if (ctx.status === 403 && message && /already exists/i.test(message)) return new AlreadyExistsError(text, options);
  if (ctx.status === 409) return new BadRequestError(text, options);
  return defaultErrorForStatus(ctx, { ...details, message: text });
}
