/**
 * Faults of failed Rackspace Cloud DNS jobs → core errors.
 * @module
 */
import { lookup, lookupTable } from '@cloudmux/core';
import {
  AlreadyExistsError,
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  ServiceUnavailableError,
  type ProviderErrorOptions,
} from '@cloudmux/core/errors';
import { P } from './options.js';
import type { RaxFault, RaxJob } from './wire.js';

type ErrorClass = new (message: string, options: ProviderErrorOptions) => ProviderError;

/** Fault code of a job in ERROR → core error class; others are a `ProviderError`, retryable for 5xx. */
const JOB_FAULTS = lookupTable<ErrorClass>({
  '400': BadRequestError,
  '401': InvalidCredentialsError,
  '403': InvalidCredentialsError,
  '404': NotFoundError,
  '409': AlreadyExistsError,
  '413': QuotaExceededError,
  '503': ServiceUnavailableError,
});

/** The human text of a fault: message, details and validation messages, without repeats. */
export function faultText(fault: RaxFault | undefined): string | undefined {
  if (!fault) return undefined;
  const parts: string[] = [];
  const add = (s: unknown): void => {
    if (typeof s === 'string' && s.trim() !== '' && !parts.includes(s.trim())) parts.push(s.trim());
  };
  add(fault.message);
  add(fault.details);
  for (const m of fault.validationErrors?.messages ?? []) add(m);
  for (const f of fault.failedItems?.faults ?? []) add(faultText(f));
  if (parts.length === 0) return undefined;
  return parts.reduce((text, p) => `${text}${/[.!?:]$/.test(text) ? ' ' : ': '}${p}`);
}

/**
 * The core error of a job that ended in `ERROR`: its `error.code` picks the class (400 → BadRequestError,
 * 404 → NotFoundError, 409 → AlreadyExistsError, 413 → QuotaExceededError, 503 → ServiceUnavailableError);
 * the message names the job, the original request and Rackspace's message and details.
 */
export function jobError(job: RaxJob, action: string): ProviderError {
  const fault = job.error;
  const code = typeof fault?.code === 'number' ? fault.code : undefined;
  const text = faultText(fault);
  const request = job.verb && job.requestUrl ? ` (${job.verb} ${job.requestUrl})` : '';
  const message = `${P}: ${action}${request} failed in job ${job.jobId}${code !== undefined ? ` with ${code}` : ''}${text ? `: ${text}` : ''}`;
  const options: ProviderErrorOptions = {
    provider: P,
    status: code,
    method: job.verb,
    url: job.requestUrl,
    providerCode: code !== undefined ? String(code) : undefined,
    providerMessage: text,
    requestId: job.jobId,
    retryable: code !== undefined && code >= 500,
  };
  const cls = lookup(JOB_FAULTS, code !== undefined ? String(code) : undefined, ProviderError as ErrorClass);
  return new cls(message, options);
}
