import { requireDuration, resolvePollInterval, sleep, throwIfAborted } from '@cloudmux/core';
import { InvalidArgumentError, MalformedResponseError, TimeoutError } from '@cloudmux/core/errors';
import type { Route53Context } from './context.js';
import type { Route53WaitOptions } from './types.js';
import { bareId, toChangeInfo, type Route53ChangeInfo } from './wire.js';

const DEFAULT_POLL_MS = 5000;
const DEFAULT_TIMEOUT_MS = 300_000;

/** Checks a change id (`C2682N5HXP0BZ4` or `/change/C2682N5HXP0BZ4`) and returns the bare id. */
export function checkChangeId(id: unknown): string {
  const bare = typeof id === 'string' ? bareId(id) : '';
  if (!/^[A-Za-z0-9]{1,64}$/.test(bare)) {
    throw new InvalidArgumentError(`getChange: "id" must be a Route 53 change id such as C2682N5HXP0BZ4, got ${JSON.stringify(id)}`, {
      provider: 'route53',
    });
  }
  return bare;
}

/** GetChange: the status of a change. */
export async function getChange(ctx: Route53Context, id: string, signal?: AbortSignal): Promise<Route53ChangeInfo> {
  const res = await ctx.client.call({ action: 'GetChange', method: 'GET', path: `change/${checkChangeId(id)}`, idempotent: true, signal });
  const info = toChangeInfo(typeof res.ChangeInfo === 'object' && !Array.isArray(res.ChangeInfo) ? res.ChangeInfo : undefined);
  if (info === undefined) throw new MalformedResponseError(`route53: GetChange ${id} returned no ChangeInfo`, '', { provider: 'route53' });
  return info;
}

/** Polls GetChange until the change is `INSYNC`; `TimeoutError` after `timeoutMs`. */
export async function waitForChange(
  ctx: Route53Context,
  change: Route53ChangeInfo,
  options: Route53WaitOptions = {},
): Promise<Route53ChangeInfo> {
  const where = { method: 'waitForSync', provider: 'route53' };
  const poll = resolvePollInterval(options.pollIntervalMs, DEFAULT_POLL_MS, 'pollIntervalMs', where);
  const timeout = requireDuration(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', { ...where, allowInfinity: true });
  const deadline = Date.now() + timeout;
  let info = change;
  for (;;) {
    throwIfAborted(options.signal);
    if (info.status === 'INSYNC') return info;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new TimeoutError(`Route 53 change ${info.id} is still ${info.status} after ${timeout} ms`, {
        provider: 'route53',
        lastState: info.status,
      });
    }
    await sleep(Math.min(poll, left), options.signal);
    info = await getChange(ctx, info.id, options.signal);
  }
}

/** Waits for `change` when `options.waitForSync` asks for it; returns the latest change info. */
export async function maybeWait(
  ctx: Route53Context,
  change: Route53ChangeInfo | undefined,
  options: Route53WaitOptions | undefined,
): Promise<Route53ChangeInfo | undefined> {
  if (change === undefined || options?.waitForSync !== true) return change;
  return waitForChange(ctx, change, options);
}
