import { InvalidArgumentError } from '../errors/cloud-error.js';

/** Where an argument is checked, for the error message: `exDeleteTag: "key" must be …`. */
export interface ArgumentContext {
  /** Method the argument was passed to (`getNode`, `exDeleteTag`). */
  method: string;
  /** Provider id, carried by the error. */
  provider?: string | undefined;
  /** What the value is, in words (`node id`, `tag key`); default `id`. */
  what?: string | undefined;
}

/** Bounds of {@link requireDuration}. */
export interface DurationBounds {
  /** Smallest accepted value (default 1: a positive duration). */
  min?: number | undefined;
  /** Largest accepted value (default {@link MAX_DURATION_MS}). */
  max?: number | undefined;
  /** Also accept `Infinity`, meaning "no limit" (a deadline that is turned off). */
  allowInfinity?: boolean | undefined;
}

/**
 * Largest duration cloudmux accepts, in ms: the largest delay `setTimeout` honours (about 24.8 days).
 * A longer one fires at once in Node, so it is refused instead of silently meaning "now".
 */
export const MAX_DURATION_MS = 2_147_483_647;

/**
 * Smallest poll interval, in ms. A smaller positive `pollIntervalMs` is raised to this (a tight poll
 * loop only burns the provider's rate limit); 0, negative, NaN and Infinity are refused.
 */
export const MIN_POLL_INTERVAL_MS = 100;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A value as error messages show it: short, quoted, never a whole huge string. */
function shown(value: unknown): string {
  if (typeof value === 'string') {
    const s = JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
    return s;
  }
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return String(value);
}

function fail(ctx: ArgumentContext, argName: string, expected: string, value: unknown): never {
  throw new InvalidArgumentError(`${ctx.method}: "${argName}" must be ${expected}, got ${shown(value)}`, { provider: ctx.provider });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Checks an id, name or key that becomes a URL path segment or an API identifier, before any request:
 * a string, not empty, not only whitespace, not `.` or `..`, without `/` or `\` (also percent-encoded,
 * `%2F`), without control characters. Returns it unchanged; throws {@link InvalidArgumentError} naming
 * the method and the argument otherwise (`exDeleteTag: "key" must be a non-empty tag key, got ""`).
 *
 * An empty key must never reach a URL: `DELETE …/tags/` deletes every tag, `GET …/machines/` lists
 * machines instead of getting one. Every driver (third-party ones too) runs ids through this.
 */
export function requireId(value: unknown, argName: string, ctx: ArgumentContext): string {
  const what = ctx.what ?? 'id';
  if (typeof value !== 'string') fail(ctx, argName, `a ${what} (a string)`, value);
  if (value.trim().length === 0) fail(ctx, argName, `a non-empty ${what}`, value);
  if (CONTROL.test(value)) fail(ctx, argName, `a ${what} without control characters`, value);
  const decoded = safeDecode(value);
  for (const v of [value, decoded]) {
    if (v === '.' || v === '..') fail(ctx, argName, `a ${what}, not a relative path ("." or "..")`, value);
    if (v.includes('/') || v.includes('\\')) fail(ctx, argName, `a single ${what} without "/" or "\\"`, value);
  }
  return value;
}

/** {@link requireId} under the name that says why: the value becomes one URL path segment. */
export const requirePathSegment: (value: unknown, argName: string, ctx: ArgumentContext) => string = requireId;

/**
 * Checks a key or name that is sent as data, not as a path segment (an EC2 tag key may contain `/`):
 * a string, not empty, not only whitespace, without control characters.
 */
export function requireNonBlank(value: unknown, argName: string, ctx: ArgumentContext): string {
  const what = ctx.what ?? 'value';
  if (typeof value !== 'string') fail(ctx, argName, `a ${what} (a string)`, value);
  if (value.trim().length === 0) fail(ctx, argName, `a non-empty ${what}`, value);
  if (CONTROL.test(value)) fail(ctx, argName, `a ${what} without control characters`, value);
  return value;
}

/** The id of a resource or id (`Node` or `'node-id'`), checked with {@link requireId}. */
export function requireRefId(ref: unknown, argName: string, ctx: ArgumentContext): string {
  if (typeof ref === 'object' && ref !== null && 'id' in ref) return requireId((ref as { id: unknown }).id, `${argName}.id`, ctx);
  return requireId(ref, argName, ctx);
}

/**
 * Checks a duration in milliseconds: a finite number from `min` (default 1) to `max` (default
 * {@link MAX_DURATION_MS}). NaN, Infinity, negative and (by default) 0 throw an
 * {@link InvalidArgumentError} naming the option (`waitUntilRunning: "timeoutMs" must be …, got NaN`).
 */
export function requireDuration(value: unknown, name: string, ctx: ArgumentContext & DurationBounds): number {
  const min = ctx.min ?? 1;
  const max = ctx.max ?? MAX_DURATION_MS;
  if (ctx.allowInfinity && value === Infinity) return value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(
      ctx,
      name,
      `a finite number of milliseconds from ${min} to ${max}${ctx.allowInfinity ? ' (or Infinity for no limit)' : ''}`,
      value,
    );
  }
  return value;
}

/**
 * A poll interval: `value` (or `fallback` when undefined) checked with {@link requireDuration}, then
 * raised to {@link MIN_POLL_INTERVAL_MS} when smaller.
 */
export function resolvePollInterval(value: unknown, fallback: number, name: string, ctx: ArgumentContext): number {
  const ms = requireDuration(value ?? fallback, name, ctx);
  return Math.max(MIN_POLL_INTERVAL_MS, ms);
}

/**
 * Checks a method's provider extensions (`ex`) before any request: `undefined` passes; anything but a
 * plain object, or a key outside `allowed`, throws {@link InvalidArgumentError} naming the method and
 * the key and listing the valid ones (`createNode ex: unknown option "colour". Valid options: keyName,
 * tags, userData`). Returns `ex` unchanged.
 *
 * A misspelt extension must fail loudly instead of being dropped: every driver (third-party ones too)
 * runs each `ex` it accepts through this, with the keys its `ex` type declares.
 */
export function checkExKeys<T extends object>(ex: T | undefined, allowed: readonly string[], ctx: ArgumentContext): T | undefined {
  if (ex === undefined) return undefined;
  if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) fail(ctx, 'ex', 'an object of provider options', ex);
  for (const key of Object.keys(ex)) {
    if (!allowed.includes(key)) {
      const valid = allowed.length > 0 ? [...allowed].sort().join(', ') : `(none: ${ctx.method} takes no ex options)`;
      throw new InvalidArgumentError(`${ctx.method} ex: unknown option ${JSON.stringify(key)}. Valid options: ${valid}`, {
        provider: ctx.provider,
      });
    }
  }
  return ex;
}

/**
 * The poll interval of an options object: `pollIntervalMs`, else its deprecated name `waitPeriodMs`,
 * else `fallback`; checked with {@link resolvePollInterval} (so raised to {@link MIN_POLL_INTERVAL_MS}).
 * Both given with different values is an {@link InvalidArgumentError}.
 */
export function pollIntervalOption(
  options: { readonly pollIntervalMs?: number | undefined; readonly waitPeriodMs?: number | undefined },
  fallback: number,
  ctx: ArgumentContext,
): number {
  const { pollIntervalMs, waitPeriodMs } = options;
  if (pollIntervalMs !== undefined && waitPeriodMs !== undefined && pollIntervalMs !== waitPeriodMs) {
    throw new InvalidArgumentError(
      `${ctx.method}: pass pollIntervalMs only (waitPeriodMs is its deprecated name), got pollIntervalMs ${pollIntervalMs} and waitPeriodMs ${waitPeriodMs}`,
      {
        provider: ctx.provider,
      },
    );
  }
  return resolvePollInterval(
    pollIntervalMs ?? waitPeriodMs,
    fallback,
    pollIntervalMs === undefined && waitPeriodMs !== undefined ? 'waitPeriodMs' : 'pollIntervalMs',
    ctx,
  );
}
