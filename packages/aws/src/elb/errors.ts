import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import {
  AlreadyExistsError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  type ProviderErrorOptions,
} from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import { mapAwsError } from '../errors.js';

/** Which core error an Elastic Load Balancing code becomes. */
type ElbErrorKind = 'not-found' | 'exists' | 'rate-limit' | 'quota';

/**
 * Elastic Load Balancing codes (classic 2012-06-01 and v2 2015-12-01) mapped before the shared AWS
 * table: ELB sends them with HTTP 400 (or 409), so the status alone would say "bad request". Classic
 * ELB's `AccessPointNotFound`/`DuplicateAccessPointName` exceptions travel as `LoadBalancerNotFound`/
 * `DuplicateLoadBalancerName`; both spellings are listed.
 */
export const ELB_ERROR_CODES: LookupTable<ElbErrorKind> = lookupTable<ElbErrorKind>({
  LoadBalancerNotFound: 'not-found',
  AccessPointNotFound: 'not-found',
  TargetGroupNotFound: 'not-found',
  ListenerNotFound: 'not-found',
  RuleNotFound: 'not-found',
  PolicyNotFound: 'not-found',
  PolicyTypeNotFound: 'not-found',
  ListenerNotFoundException: 'not-found',
  DuplicateLoadBalancerName: 'exists',
  DuplicateAccessPointName: 'exists',
  DuplicateTargetGroupName: 'exists',
  DuplicateListener: 'exists',
  DuplicatePolicyName: 'exists',
  PriorityInUse: 'exists',
  TooManyLoadBalancers: 'quota',
  TooManyAccessPoints: 'quota',
  TooManyTargetGroups: 'quota',
  TooManyTargets: 'quota',
  TooManyListeners: 'quota',
  TooManyRules: 'quota',
  TooManyPolicies: 'quota',
  Throttling: 'rate-limit',
});

/**
 * Maps a failed ELB response onto a core error: `LoadBalancerNotFound`/`AccessPointNotFound`/
 * `TargetGroupNotFound`/`ListenerNotFound`/`RuleNotFound`/`PolicyNotFound` → `NotFoundError`,
 * `Duplicate*` → `AlreadyExistsError`, `TooMany*` → `QuotaExceededError`, `Throttling` →
 * `RateLimitError` (retried). Everything else goes through the shared AWS mapping: credentials
 * errors, and `ValidationError`, `InvalidConfigurationRequest`, `InvalidTarget`… by HTTP status.
 */
export function mapElbError(context: HttpErrorContext): ProviderError {
  const err = mapAwsError(context);
  const kind = lookup<ElbErrorKind | undefined>(ELB_ERROR_CODES, err.providerCode, undefined);
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
  switch (kind) {
    case 'not-found':
      return err instanceof NotFoundError ? err : new NotFoundError(err.message, options);
    case 'exists':
      return err instanceof AlreadyExistsError ? err : new AlreadyExistsError(err.message, options);
    case 'quota':
      return err instanceof QuotaExceededError ? err : new QuotaExceededError(err.message, options);
    default:
      return err instanceof RateLimitError ? err : new RateLimitError(err.message, { ...options, retryAfterMs: context.retryAfterMs });
  }
}
