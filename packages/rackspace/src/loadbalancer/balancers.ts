/**
 * Balancer operations: list (every page), get, create, update, destroy; protocols and algorithms.
 * @module
 */
import { InvalidArgumentError, ProviderError } from '@cloudmux/core/errors';
import type { LoadBalancer, MemberSpec } from '@cloudmux/core/loadbalancer';
import { balancerPath, type LbContext } from './context.js';
import type { RackspaceCreateBalancerEx } from './options.js';
import { toBalancer, type RackspaceBalancerExtra } from './to-resources.js';
import { getBalancerWire, mutate, waitUntilActive } from './wait.js';
import type { ClbLoadBalancer, ClbLoadBalancerPage, ClbNode } from './wire.js';

/** A protocol Rackspace offers: name and default port (0 = the caller must give one). */
export interface RackspaceProtocol {
  /** Rackspace name (`HTTP`, `TCP_CLIENT_FIRST`). */
  name: string;
  /** Default port. */
  port: number;
}

/** `GET /loadbalancers/protocols`. */
export async function fetchProtocols(ctx: LbContext, signal?: AbortSignal): Promise<RackspaceProtocol[]> {
  const res = await ctx.client.send<{ protocols?: { name?: string; port?: number }[] }>({
    method: 'GET',
    path: 'loadbalancers/protocols',
    action: 'list protocols',
    signal,
  });
  return (res.body?.protocols ?? [])
    .filter((p): p is { name: string; port?: number } => typeof p.name === 'string')
    .map((p) => ({ name: p.name, port: typeof p.port === 'number' ? p.port : 0 }));
}

/** `GET /loadbalancers/algorithms`: Rackspace algorithm names. */
export async function fetchAlgorithms(ctx: LbContext, signal?: AbortSignal): Promise<string[]> {
  const res = await ctx.client.send<{ algorithms?: { name?: string }[] }>({
    method: 'GET',
    path: 'loadbalancers/algorithms',
    action: 'list algorithms',
    signal,
  });
  return (res.body?.algorithms ?? []).map((a) => a.name).filter((n): n is string => typeof n === 'string');
}

function nextHref(page: ClbLoadBalancerPage): string | undefined {
  return page.links?.find((l) => l.rel === 'next' && typeof l.href === 'string')?.href;
}

/**
 * Iterates every balancer: `limit`/`marker` pages, following the `next` link when the service sends one, else
 * asking for the page that starts at the last id seen (an item repeated at a page boundary is skipped).
 */
export async function* iterateBalancers(ctx: LbContext, signal?: AbortSignal): AsyncIterable<LoadBalancer<RackspaceBalancerExtra>> {
  const seen = new Set<string>();
  let request: { path: string; query?: Record<string, string | number> } = { path: 'loadbalancers', query: { limit: ctx.pageSize } };
  for (let pageNo = 0; ; pageNo++) {
    const res = await ctx.client.send<ClbLoadBalancerPage>({
      method: 'GET',
      ...request,
      action: `list balancers (page ${pageNo + 1})`,
      signal,
    });
    const items = res.body?.loadBalancers ?? [];
    let fresh = 0;
    for (const w of items) {
      const id = String(w.id);
      if (seen.has(id)) continue;
      seen.add(id);
      fresh++;
      yield toBalancer(w, ctx.driver);
    }
    const next = nextHref(res.body ?? {});
    if (fresh === 0 || (next === undefined && items.length < ctx.pageSize)) return;
    const last = items[items.length - 1];
    request = next !== undefined ? { path: next } : { path: 'loadbalancers', query: { limit: ctx.pageSize, marker: String(last!.id) } };
  }
}

/** Checks a TCP/UDP port (1 to 65535). */
export function checkPort(method: string, port: unknown, provider: string, name = 'port'): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new InvalidArgumentError(`${method}: "${name}" must be an integer from 1 to 65535, got ${JSON.stringify(port)}`, { provider });
  return port;
}

/** Checks a balancer name: 1 to 128 characters. */
export function checkName(method: string, name: unknown, provider: string): string {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 128)
    throw new InvalidArgumentError(`${method}: "name" must be 1 to 128 characters, got ${JSON.stringify(name)}`, { provider });
  return name;
}

/** Wire nodes of member specs. */
export function toWireNodes(method: string, members: readonly MemberSpec[], provider: string): Partial<ClbNode>[] {
  return members.map((m, i) => {
    if (typeof m !== 'object' || m === null || typeof m.ip !== 'string' || m.ip.trim() === '')
      throw new InvalidArgumentError(`${method}: members[${i}].ip must be an address, got ${JSON.stringify(m?.ip)}`, { provider });
    return { address: m.ip, port: checkPort(method, m.port, provider, `members[${i}].port`), condition: 'ENABLED' };
  });
}

/** What `createBalancer` sends. */
export interface CreateBalancerWire {
  name: string;
  port: number;
  protocol: string;
  algorithm: string | undefined;
  nodes: Partial<ClbNode>[];
  ex: RackspaceCreateBalancerEx | undefined;
}

/** `POST /loadbalancers` (202, status `BUILD`); with waiting on, returns once the balancer is `ACTIVE`. */
export async function createBalancer(
  ctx: LbContext,
  spec: CreateBalancerWire,
  signal?: AbortSignal,
): Promise<LoadBalancer<RackspaceBalancerExtra>> {
  const ex = spec.ex ?? {};
  const virtualIps = ex.virtualIpId !== undefined ? [{ id: ex.virtualIpId }] : [{ type: ex.virtualIpType ?? 'PUBLIC' }];
  const body: Record<string, unknown> = {
    name: spec.name,
    port: spec.port,
    protocol: spec.protocol,
    virtualIps,
    ...(spec.nodes.length > 0 ? { nodes: spec.nodes } : {}),
    ...(spec.algorithm !== undefined ? { algorithm: spec.algorithm } : {}),
    ...(ex.timeout !== undefined ? { timeout: ex.timeout } : {}),
    ...(ex.halfClosed !== undefined ? { halfClosed: ex.halfClosed } : {}),
  };
  const res = await ctx.client.send<{ loadBalancer?: ClbLoadBalancer }>({
    method: 'POST',
    path: 'loadbalancers',
    json: { loadBalancer: body },
    action: `create balancer ${spec.name}`,
    signal,
  });
  const created = res.body?.loadBalancer;
  if (!created)
    throw new ProviderError(`${ctx.provider}: create balancer ${spec.name}: the response has no loadBalancer`, { provider: ctx.provider });
  if (!ctx.waitForActive) return toBalancer(created, ctx.driver);
  const active = await waitUntilActive(ctx, String(created.id), {
    signal,
    timeoutMs: ctx.waitTimeoutMs,
    pollIntervalMs: ctx.pollIntervalMs,
  });
  return toBalancer(active, ctx.driver);
}

/** `PUT /loadbalancers/{id}` with the changed attributes; returns the balancer read back. */
export async function updateBalancer(
  ctx: LbContext,
  id: string,
  changes: Record<string, string | number>,
  signal?: AbortSignal,
): Promise<LoadBalancer<RackspaceBalancerExtra>> {
  await mutate(ctx, id, signal, () =>
    ctx.client.send({ method: 'PUT', path: balancerPath(id), json: { loadBalancer: changes }, action: `update balancer ${id}`, signal }),
  );
  return toBalancer(await getBalancerWire(ctx, id, signal), ctx.driver);
}

/** `DELETE /loadbalancers/{id}` (202, status `PENDING_DELETE`, then gone). */
export async function destroyBalancer(ctx: LbContext, id: string, signal?: AbortSignal): Promise<void> {
  await mutate(
    ctx,
    id,
    signal,
    () => ctx.client.send({ method: 'DELETE', path: balancerPath(id), action: `destroy balancer ${id}`, signal }),
    false,
  );
}
