/**
 * OpenStack error bodies → core errors. One mapper for every service:
 * Nova/Cinder `{"itemNotFound": {"message", "code"}}` (any single top-level fault key),
 * Neutron `{"NeutronError": {"type", "message", "detail"}}`, Keystone `{"error": {"code", "title", "message"}}`,
 * the API-SIG `{"errors": [{"title", "detail", "code"}]}`, `{"faultstring"}`, and plain text or HTML
 * (Glance, keystonemiddleware, proxies).
 * @module
 */
import {
  AlreadyExistsError,
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  type ProviderErrorOptions,
} from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';

/** Provider code and message found in an OpenStack error body. */
export interface OpenStackErrorDetails {
  /** Fault key (`itemNotFound`, `badRequest`), Neutron `type` (`NetworkNotFound`) or Keystone `title`. */
  code: string | undefined;
  /** Human message. */
  message: string | undefined;
}

type Json = Record<string, unknown>;

function s(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

/** Text of an HTML or plain-text error page: tags stripped, whitespace collapsed, the status line dropped. */
function textMessage(text: string): string | undefined {
  const titleless = text.replace(/<title>[\s\S]*?<\/title>/gi, ' ').replace(/<h1>[\s\S]*?<\/h1>/gi, ' ');
  const plain = titleless
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\d{3} [A-Za-z ]+?(?= [A-Z]|$)/, '')
    .trim();
  return plain === '' ? undefined : plain.slice(0, 500);
}

/** Reads the provider code and message of an OpenStack error body (JSON of any service, or text/HTML). */
export function parseOpenStackError(bodyText: string): OpenStackErrorDetails {
  const t = bodyText.trim();
  if (t === '') return { code: undefined, message: undefined };
  if (!t.startsWith('{')) return { code: undefined, message: textMessage(t) };
  let body: Json | undefined;
  try {
    body = obj(JSON.parse(t));
  } catch {
    return { code: undefined, message: textMessage(t) };
  }
  if (!body) return { code: undefined, message: undefined };
  const neutron = obj(body.NeutronError);
  if (neutron) {
    const detail = s(neutron.detail);
    const message = s(neutron.message);
    return {
      code: s(neutron.type) ?? 'NeutronError',
      message: detail && message && !message.includes(detail) ? `${message} ${detail}` : (message ?? detail),
    };
  }
  if (typeof body.NeutronError === 'string') return { code: 'NeutronError', message: body.NeutronError };
  const keystone = obj(body.error);
  if (keystone) return { code: s(keystone.title) ?? s(keystone.code), message: s(keystone.message) };
  if (Array.isArray(body.errors)) {
    const first = obj(body.errors[0]);
    if (first) return { code: s(first.code) ?? s(first.title), message: s(first.detail) ?? s(first.title) };
  }
  if (s(body.faultstring) !== undefined) return { code: s(body.faultcode), message: s(body.faultstring) };
  const keys = Object.keys(body);
  if (keys.length === 1) {
    const key = keys[0]!;
    const fault = obj(body[key]);
    if (fault && (fault.message !== undefined || fault.code !== undefined))
      return { code: key, message: s(fault.message) ?? s(fault.details) };
  }
  // Rackspace's own APIs: { code, message, details } and { validationErrors: { messages: [...] }, message, code }.
  const validation = obj(body.validationErrors);
  const messages = Array.isArray(validation?.messages)
    ? (validation.messages as unknown[]).map(s).filter((x): x is string => x !== undefined)
    : [];
  const message = [
    s(body.message) ?? s(body.detail) ?? s(body.title),
    s(body.details),
    messages.length > 0 ? messages.join('; ') : undefined,
  ]
    .filter((x): x is string => x !== undefined)
    .join(': ');
  return { code: s(body.code) ?? s(body.type), message: message === '' ? undefined : message };
}

const QUOTA = /quota exceeded|quotaexceeded|overquota|over quota|exceeds? (?:the )?(?:allowed|quota)|quota .*(?:exceed|reached)/i;
const EXISTS = /already exists|alreadyexists|duplicate/i;

/**
 * Maps a failed OpenStack response onto a core error, keeping the provider code, message and request id
 * (`x-openstack-request-id`, `x-compute-request-id`): 400 → BadRequestError; 401 → InvalidCredentialsError;
 * 403 → QuotaExceededError for quota faults, else InvalidCredentialsError (policy refusal); 404/410 →
 * NotFoundError; 409 → AlreadyExistsError for duplicates, else BadRequestError (a conflict with the resource's
 * state); 413 → RateLimitError with `Retry-After`, else QuotaExceededError; 429 → RateLimitError; 503 →
 * ServiceUnavailableError; other 5xx → retryable ProviderError.
 */
export function mapOpenStackError(ctx: HttpErrorContext): ProviderError {
  const d = parseOpenStackError(ctx.bodyText);
  const { status } = ctx;
  const action = ctx.errorContext?.action;
  const what = d.code !== undefined ? `HTTP ${status} ${d.code}` : `HTTP ${status}`;
  const message =
    `${ctx.provider}: ${action !== undefined ? `${action} (${ctx.method} ${ctx.url})` : `${ctx.method} ${ctx.url}`} failed with ${what}` +
    (d.message !== undefined ? `: ${d.message}` : '') +
    (ctx.requestId !== undefined ? ` (request id ${ctx.requestId})` : '');
  const options: ProviderErrorOptions = {
    provider: ctx.provider,
    status,
    method: ctx.method,
    url: ctx.url,
    providerCode: d.code,
    providerMessage: d.message,
    requestId: ctx.requestId,
  };
  const text = `${d.code ?? ''} ${d.message ?? ''}`;
  switch (status) {
    case 400:
    case 422:
      return QUOTA.test(text) ? new QuotaExceededError(message, options) : new BadRequestError(message, options);
    case 401:
      return new InvalidCredentialsError(message, options);
    case 403:
      return QUOTA.test(text) ? new QuotaExceededError(message, options) : new InvalidCredentialsError(message, options);
    case 404:
    case 410:
      return new NotFoundError(message, options);
    case 409:
      if (QUOTA.test(text)) return new QuotaExceededError(message, options);
      return EXISTS.test(text) || /Exists$/.test(d.code ?? '')
        ? new AlreadyExistsError(message, options)
        : new BadRequestError(message, options);
    case 413:
      return ctx.retryAfterMs !== undefined
        ? new RateLimitError(message, { ...options, retryAfterMs: ctx.retryAfterMs })
        : new QuotaExceededError(message, options);
    case 429:
      return new RateLimitError(message, { ...options, retryAfterMs: ctx.retryAfterMs });
    case 503:
      return new ServiceUnavailableError(message, options);
    default:
      return new ProviderError(message, { ...options, retryable: status >= 500 || status === 408 });
  }
}
