import {
  AlreadyExistsError,
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  type ProviderError,
  type ProviderErrorOptions,
} from '@cloudmux/core/errors';
import { defaultErrorForStatus, type HttpErrorContext } from '@cloudmux/core/http';

/** The message of a PowerDNS error body: JSON `{"error": …}` (4xx with detail) or plain text (`Not Found`, `Conflict`). */
export function pdnsErrorMessage(bodyText: string): string | undefined {
  const t = bodyText.trim();
  if (t.startsWith('{')) {
    try {
      const body = JSON.parse(t) as { error?: unknown };
      if (typeof body.error === 'string' && body.error !== '') return body.error;
    } catch {
      // not JSON after all: use the text
    }
  }
  return t === '' ? undefined : t.slice(0, 500);
}

/**
 * Maps a failed PowerDNS reply onto a core error: 401/403 → InvalidCredentialsError, 404 →
 * NotFoundError, 409 → AlreadyExistsError (plain-text `Conflict`, e.g. a zone that exists),
 * 400/422 → BadRequestError carrying PowerDNS's `error` text (bad names, bad content, conflicts
 * with other rrsets; a 422 `Duplicate record in RRset` is an AlreadyExistsError), others by status through core's `defaultErrorForStatus`.
 */
export function mapPowerDnsError(ctx: HttpErrorContext): ProviderError {
  const providerMessage = pdnsErrorMessage(ctx.bodyText);
  const action = ctx.errorContext?.action;
  const message = `PowerDNS ${action ? `${action} (${ctx.method} ${ctx.url})` : `${ctx.method} ${ctx.url}`} failed with ${ctx.status}${providerMessage ? `: ${providerMessage}` : ''}`;
  const options: ProviderErrorOptions = {
    provider: ctx.provider,
    status: ctx.status,
    method: ctx.method,
    url: ctx.url,
    providerMessage,
    requestId: ctx.requestId,
  };
  switch (ctx.status) {
    case 401:
    case 403:
      return new InvalidCredentialsError(message, options);
    case 404:
      return new NotFoundError(message, options);
    case 409:
      return new AlreadyExistsError(message, options);
    case 422:
      // A value the rrset already holds in PowerDNS's normal form (`2001:DB8::1` next to `2001:db8::1`).
      if (providerMessage?.startsWith('Duplicate record in RRset')) return new AlreadyExistsError(message, options);
      return new BadRequestError(message, options);
    case 400:
      return new BadRequestError(message, options);
    default:
      return defaultErrorForStatus(ctx, { providerMessage, message });
  }
}
