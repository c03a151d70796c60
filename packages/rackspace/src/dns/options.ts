/**
 * Options of the Rackspace Cloud DNS driver: constructor options, the `ex` types of its calls and their checks.
 * @module
 */
import { MIN_POLL_INTERVAL_MS, requireDuration, resolvePollInterval } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { RackspaceAuthOptions } from '../identity/index.js';

/** Provider id used in errors. */
export const P = 'rackspace';

/** Constructor options of `RackspaceDnsDriver`: the shared Rackspace options (region optional) plus job polling. */
export type RackspaceDnsDriverOptions = RackspaceAuthOptions & {
  /** Longest wait between two status requests of an asynchronous job (default 1000 ms; polling starts at 100 ms and doubles). */
  pollIntervalMs?: number | undefined;
  /** Longest wait for one asynchronous job (default 120000 ms), unless a call passes its own `timeoutMs`. */
  jobTimeoutMs?: number | undefined;
};

/** The driver's own option names (besides `RACKSPACE_AUTH_OPTIONS`). */
export const RACKSPACE_DNS_OPTION_KEYS: readonly string[] = Object.freeze(['pollIntervalMs', 'jobTimeoutMs']);

/** Per-call options of every write: the job wait can be bounded per call. */
export interface RackspaceJobCallOptions {
  /** Aborts the call (and the job wait; the job itself may still finish at Rackspace). */
  signal?: AbortSignal | undefined;
  /** Longest wait for the job in ms (default the driver's `jobTimeoutMs`). */
  timeoutMs?: number | undefined;
}

/** `ex` of `createZone`. */
export interface RackspaceCreateZoneEx {
  /** Administrator email (required by Rackspace; default `hostmaster@<domain>`). */
  emailAddress?: string | undefined;
  /** Comment (up to 160 characters). */
  comment?: string | undefined;
}

/** `ex` of `updateZone`. */
export type RackspaceUpdateZoneEx = RackspaceCreateZoneEx;

/** `ex` of `createRecord` / `updateRecord`. */
export interface RackspaceRecordEx {
  /** Comment (up to 160 characters). */
  comment?: string | undefined;
}

/** Keys of {@link RackspaceCreateZoneEx}. */
export const ZONE_EX_KEYS: readonly string[] = Object.freeze(['emailAddress', 'comment']);
/** Keys of {@link RackspaceRecordEx}. */
export const RECORD_EX_KEYS: readonly string[] = Object.freeze(['comment']);

/** Smallest TTL Rackspace accepts. */
export const MIN_TTL = 300;
/** Largest TTL (a signed 32-bit integer). */
export const MAX_TTL = 2_147_483_647;
/** Longest comment. */
export const MAX_COMMENT = 160;

/** Resolved polling settings. */
export interface JobSettings {
  /** Longest pause between two polls. */
  readonly pollIntervalMs: number;
  /** Default job timeout. */
  readonly jobTimeoutMs: number;
}

/** First pause before asking for a job's status (ms); the pause doubles up to `pollIntervalMs`. */
export const MIN_POLL = MIN_POLL_INTERVAL_MS;

/** A per-call job `timeoutMs`, checked. */
export function requireJobTimeout(value: unknown, method: string): number {
  return requireDuration(value, 'timeoutMs', { method, provider: P });
}

/** Validates `pollIntervalMs` and `jobTimeoutMs`. */
export function resolveJobSettings(options: RackspaceDnsDriverOptions): JobSettings {
  const ctx = { method: 'RackspaceDnsDriver', provider: P };
  return {
    pollIntervalMs: resolvePollInterval(options.pollIntervalMs, 1000, 'pollIntervalMs', ctx),
    jobTimeoutMs: requireDuration(options.jobTimeoutMs ?? 120_000, 'jobTimeoutMs', ctx),
  };
}

/** A TTL Rackspace accepts (an integer from 300 to 2147483647), else `InvalidArgumentError`. */
export function checkTtl(ttl: unknown, what: string): number {
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < MIN_TTL || ttl > MAX_TTL)
    throw new InvalidArgumentError(
      `Invalid ${what} ${JSON.stringify(ttl)}: Rackspace Cloud DNS takes an integer from ${MIN_TTL} to ${MAX_TTL}`,
      {
        provider: P,
      },
    );
  return ttl;
}

/** A comment of at most 160 characters. */
export function checkComment(comment: unknown, method: string): string | undefined {
  if (comment === undefined) return undefined;
  if (typeof comment !== 'string' || comment.length > MAX_COMMENT)
    throw new InvalidArgumentError(`${method}: ex.comment must be a string of at most ${MAX_COMMENT} characters`, { provider: P });
  return comment;
}

/** An email address (`user@host`). */
export function checkEmail(email: unknown, method: string): string | undefined {
  if (email === undefined) return undefined;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new InvalidArgumentError(
      `${method}: ex.emailAddress must be an email address such as hostmaster@example.com, got ${JSON.stringify(email)}`,
      {
        provider: P,
      },
    );
  return email;
}
