import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect } from '@jest/globals';
import { CloudError, NotFoundError, NotSupportedError } from '@cloudmux/core/errors';
import type { ConformanceOptions } from './types.js';

/** Timing settings of a suite, with defaults applied. */
export interface Timing {
  pollIntervalMs: number;
  timeoutMs: number;
}

/** Applies the timing defaults. */
export function timingOf(options: ConformanceOptions<unknown>): Timing {
  return { pollIntervalMs: options.pollIntervalMs ?? options.waitPeriodMs ?? 500, timeoutMs: options.timeoutMs ?? 60_000 };
}

/**
 * Registers `beforeEach`/`afterEach` hooks that build a fresh driver for every test and tear it
 * down afterwards; returns an accessor for the current driver.
 */
export function useFreshDriver<D>(options: ConformanceOptions<D>): () => D {
  let current: { driver: D; teardown(): Promise<void> } | undefined;
  beforeEach(
    async () => {
      current = await options.setup();
    },
    timingOf(options).timeoutMs + 30_000,
  );
  afterEach(
    async () => {
      const c = current;
      current = undefined;
      if (c) await c.teardown();
    },
    timingOf(options).timeoutMs + 30_000,
  );
  return () => {
    if (!current) throw new Error(`${options.name}: setup() did not provide a driver`);
    return current.driver;
  };
}

/** A short random name safe for every provider (lower-case letters, digits, dashes). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Runs `fn` (which may throw synchronously) and returns what it threw, failing when it did not. */
export async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Checks that `fn` fails with `NotSupportedError` for `method`. */
export async function expectNotSupported(method: string, fn: () => unknown): Promise<void> {
  const err = await errorOf(fn);
  if (!(err instanceof NotSupportedError)) {
    throw new Error(`${method} is not in the driver's capabilities, so it must throw NotSupportedError; it threw ${String(err)}`);
  }
  expect(err.method).toBe(method);
  expect(err.message).toContain(method);
}

/** Checks that `fn` fails with a cloudmux error other than `NotSupportedError` (a refusal, not a gap). */
export async function expectRefused(what: string, fn: () => unknown): Promise<unknown> {
  const err = await errorOf(fn).catch((e: unknown) => {
    throw new Error(`${what}: expected a CloudError, but the call succeeded (${String(e)})`);
  });
  if (!(err instanceof CloudError) || err instanceof NotSupportedError)
    throw new Error(`${what}: expected a CloudError refusal, got ${String(err)}`);
  return err;
}

/** Checks that `fn` fails with `NotFoundError`. */
export async function expectNotFound(what: string, fn: () => unknown): Promise<void> {
  const err = await errorOf(fn).catch(() => {
    throw new Error(`${what}: expected NotFoundError, but the call succeeded`);
  });
  if (!(err instanceof NotFoundError)) throw new Error(`${what}: expected NotFoundError, got ${String(err)}`);
}

/** Checks the non-enumerable `driver` back-reference: present, right, never serialized. */
export function expectDriverRef(resource: object, driver: unknown): void {
  expect((resource as { driver?: unknown }).driver).toBe(driver);
  expect(Object.keys(resource)).not.toContain('driver');
  expect(Object.getOwnPropertyDescriptor(resource, 'driver')?.enumerable).toBe(false);
  expect(JSON.parse(JSON.stringify(resource))).not.toHaveProperty('driver');
}

/** Polls `probe` until `done` accepts its result; throws with the last value after `timeoutMs`. */
export async function pollUntil<T>(
  what: string,
  timing: Timing,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  describe: (value: T) => string = String,
): Promise<T> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() + timing.pollIntervalMs > deadline)
      throw new Error(`Timed out after ${timing.timeoutMs} ms waiting for ${what}; last seen: ${describe(value)}`);
    await new Promise((r) => setTimeout(r, timing.pollIntervalMs));
  }
}

/** The first item of an async iterable (or undefined), then stops iterating. */
export async function first<T>(iterable: AsyncIterable<T>): Promise<T | undefined> {
  for await (const item of iterable) return item;
  return undefined;
}

/** Drains an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Fails with a clear message when a check needs a method the driver lacks. */
export function needs(driver: { supports(m: never): boolean }, method: string, forWhat: string): void {
  if (!(driver.supports as (m: string) => boolean)(method)) {
    throw new Error(`The conformance check of ${forWhat} needs ${method}, which the driver does not declare; declare both or neither`);
  }
}

/** Jest timeout for a test that waits for up to `waits` state changes. */
export function budget(timing: Timing, waits: number): number {
  return timing.timeoutMs * Math.max(1, waits) + 30_000;
}
