import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { AlreadyExistsError, NotFoundError, ProviderError, RateLimitError, type ProviderErrorOptions } from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import { mapAwsError, parseAwsErrorBody } from '../errors.js';
import { parseXml, xmlObject, xmlText } from '../xml/index.js';

/** Route 53 codes mapped here before the shared AWS table (`mapAwsError`) is consulted. */
const ROUTE53_CODES: LookupTable<'not-found' | 'exists' | 'rate-limit'> = lookupTable<'not-found' | 'exists' | 'rate-limit'>({
  NoSuchHostedZone: 'not-found',
  NoSuchChange: 'not-found',
  NoSuchHealthCheck: 'not-found',
  NoSuchDelegationSet: 'not-found',
  HostedZoneAlreadyExists: 'exists',
  ConflictingDomainExists: 'exists',
  Throttling: 'rate-limit',
  PriorRequestNotComplete: 'rate-limit',
});

/** The `<Message>`s of an `<InvalidChangeBatch>` body (Route 53's own shape for rejected batches), `undefined` for other bodies. */
export function invalidChangeBatchMessages(text: string): { messages: string[]; requestId: string | undefined } | undefined {
  if (!text.includes('<InvalidChangeBatch')) return undefined;
  let doc;
  try {
    doc = parseXml(text, new Set(['Message']));
  } catch {
    return undefined;
  }
  const root = xmlObject(doc.InvalidChangeBatch);
  if (root === undefined) return undefined;
  const list = xmlObject(root.Messages)?.Message;
  const messages = (Array.isArray(list) ? list : list === undefined ? [] : [list]).filter((m): m is string => typeof m === 'string');
  const single = xmlText(root.Message);
  if (single !== undefined) messages.push(single);
  return { messages, requestId: xmlText(root.RequestId) };
}

/**
 * Maps a failed Route 53 response onto a core error. `InvalidChangeBatch` keeps every message of the
 * batch (joined by `; ` in `providerMessage`): a batch refused because a set already exists becomes
 * `AlreadyExistsError`, one refused because a set to delete was not found `NotFoundError`, any other a
 * `ProviderError` (HTTP 400). `NoSuchHostedZone`/`NoSuchChange` → `NotFoundError`, `HostedZoneAlreadyExists`
 * → `AlreadyExistsError`, `Throttling`/`PriorRequestNotComplete` → `RateLimitError` (retried; the batch
 * was not applied). Everything else goes through the shared AWS mapping (credentials, `InvalidInput` and
 * `HostedZoneNotEmpty` by status).
 */
export function mapRoute53Error(context: HttpErrorContext): ProviderError {
  const what = context.errorContext?.action ?? `${context.method} ${context.url}`;
  let batch = invalidChangeBatchMessages(context.bodyText);
  if (batch === undefined) {
    // Route 53 also words a rejected batch as an ordinary `<ErrorResponse>` with code InvalidChangeBatch
    // and the message(s) in brackets: treat it the same way.
    const body = parseAwsErrorBody(context.bodyText);
    if (body?.code === 'InvalidChangeBatch') {
      const text = (body.message ?? '').trim();
      batch = { messages: text === '' ? [] : [text.replace(/^\[(.*)\]$/s, '$1')], requestId: body.requestId };
    }
  }
  const requestId = context.requestId ?? batch?.requestId;
  if (batch !== undefined) {
    const joined = batch.messages.join('; ');
    const options: ProviderErrorOptions = {
      provider: context.provider,
      status: context.status,
      method: context.method,
      url: context.url,
      providerCode: 'InvalidChangeBatch',
      providerMessage: joined,
      requestId,
    };
    const message =
      `${context.provider}: ${what} failed with HTTP ${context.status} InvalidChangeBatch: ${joined}` +
      (requestId ? ` (request id ${requestId})` : '');
    if (batch.messages.length > 0 && batch.messages.every((m) => /already exists/i.test(m)))
      return new AlreadyExistsError(message, options);
    if (batch.messages.length > 0 && batch.messages.every((m) => /not found/i.test(m))) return new NotFoundError(message, options);
    return new ProviderError(message, options);
  }
  const err = mapAwsError(context, what);
  const kind = lookup<'not-found' | 'exists' | 'rate-limit' | undefined>(ROUTE53_CODES, err.providerCode, undefined);
  if (kind === undefined) return err;
  const options: ProviderErrorOptions = {
    provider: context.provider,
    status: context.status,
    method: context.method,
    url: context.url,
    providerCode: err.providerCode,
    providerMessage: err.providerMessage,
    requestId: err.requestId,
  };
  if (kind === 'not-found') return err instanceof NotFoundError ? err : new NotFoundError(err.message, options);
  if (kind === 'exists') return err instanceof AlreadyExistsError ? err : new AlreadyExistsError(err.message, options);
  return err instanceof RateLimitError ? err : new RateLimitError(err.message, { ...options, retryAfterMs: context.retryAfterMs });
}
