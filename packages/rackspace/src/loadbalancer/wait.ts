/**
 * Waiting for a balancer to be `ACTIVE` again, and running writes so that a busy balancer (422
 * "immutable") is waited for instead of failing.
 * @module
 */
import { sleep, throwIfAborted } from '@cloudmux/core';
import { NotFoundError, ProviderError, TimeoutError } from '@cloudmux/core/errors';
import { balancerPath, type LbContext } from './context.js';
import { RackspaceBalancerBusyError } from './errors.js';
import type { ClbLoadBalancer } from './wire.js';

/** Statuses from which a balancer never becomes `ACTIVE` by itself. */
const DEAD_END = new Set(['ERROR', 'SUSPENDED', 'PENDING_DELETE', 'DELETED']);

/** `GET /loadbalancers/{id}`: the balancer's details. */
export async function getBalancerWire(ctx: LbContext, id: string, signal?: AbortSignal): Promise<ClbLoadBalancer> {
  const res = await ctx.client.send<{ loadBalancer?: ClbLoadBalancer }>({
    method: 'GET',
    path: balancerPath(id),
    action: `get balancer ${id}`,
    signal,
  });
  const lb = res.body?.loadBalancer;
  if (!lb) throw new ProviderError(`${ctx.provider}: get balancer ${id}: the response has no loadBalancer`, { provider: ctx.provider });
  // The API keeps deleted balancers (status DELETED) for a while; to callers they no longer exist.
  if (lb.status === 'DELETED')
    throw new NotFoundError(`${ctx.provider}: balancer ${id} was deleted`, {
      provider: ctx.provider,
      status: 404,
      providerCode: 'DELETED',
    });
  return lb;
}

/**
 * Polls the balancer until its status is `ACTIVE` and returns it. A balancer in `ERROR`, `SUSPENDED` or being
 * deleted never gets there: `ProviderError` naming the status. `TimeoutError` (with the last status) after
 * `timeoutMs`; `AbortError` when `signal` aborts.
 */
export async function waitUntilActive(
  ctx: LbContext,
  id: string,
  options: { signal?: AbortSignal | undefined; timeoutMs: number; pollIntervalMs: number },
): Promise<ClbLoadBalancer> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    throwIfAborted(options.signal);
    const lb = await getBalancerWire(ctx, id, options.signal);
    if (lb.status === 'ACTIVE') return lb;
    if (lb.status !== undefined && DEAD_END.has(lb.status))
      throw new ProviderError(`${ctx.provider}: balancer ${id} is ${lb.status} and will not become ACTIVE`, {
        provider: ctx.provider,
        providerCode: lb.status,
      });
    const left = deadline - Date.now();
    if (left <= 0)
      throw new TimeoutError(`${ctx.provider}: balancer ${id} was not ACTIVE after ${options.timeoutMs} ms (status ${lb.status})`, {
        provider: ctx.provider,
        lastState: lb.status,
      });
    await sleep(Math.min(options.pollIntervalMs, left), options.signal);
  }
}

/**
 * Runs a write on balancer `id`. With `ctx.waitForActive`, a {@link RackspaceBalancerBusyError} waits for
 * `ACTIVE` and sends the write again (it was refused, so repeating it is safe), and when `waitAfter` the call
 * returns only once the balancer is `ACTIVE` again; all within `ctx.waitTimeoutMs`. Without it, the write is
 * sent once.
 */
export async function mutate<T>(
  ctx: LbContext,
  id: string,
  signal: AbortSignal | undefined,
  write: () => Promise<T>,
  waitAfter = true,
): Promise<T> {
  if (!ctx.waitForActive) return write();
  const deadline = Date.now() + ctx.waitTimeoutMs;
  const left = (): number => Math.max(1, deadline - Date.now());
  let result: T;
  for (;;) {
    try {
      result = await write();
      break;
    } catch (err) {
      if (!(err instanceof RackspaceBalancerBusyError) || Date.now() >= deadline) throw err;
      await waitUntilActive(ctx, id, { signal, timeoutMs: left(), pollIntervalMs: ctx.pollIntervalMs });
    }
  }
  if (waitAfter) await waitUntilActive(ctx, id, { signal, timeoutMs: left(), pollIntervalMs: ctx.pollIntervalMs });
  return result;
}
