/**
 * Balancer sub-resources behind the `ex` methods: health monitor, session persistence, connection logging,
 * connection throttle, access list, SSL termination and error page. Reads are plain GETs; writes go through
 * `mutate` (they put the balancer in `PENDING_UPDATE`).
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { balancerPath, type LbContext } from './context.js';
import type {
  RackspaceAccessListItem,
  RackspaceConnectionThrottle,
  RackspaceHealthMonitor,
  RackspacePersistenceType,
  RackspaceSslTermination,
} from './options.js';
import { mutate } from './wait.js';

/** Health monitor types. */
export const HEALTH_MONITOR_TYPES: readonly string[] = Object.freeze(['CONNECT', 'HTTP', 'HTTPS']);
/** Session persistence types. */
export const PERSISTENCE_TYPES: readonly string[] = Object.freeze(['HTTP_COOKIE', 'SOURCE_IP']);
/** Access list entry types. */
export const ACCESS_TYPES: readonly string[] = Object.freeze(['ALLOW', 'DENY']);

function bad(ctx: LbContext, message: string): never {
  throw new InvalidArgumentError(message, { provider: ctx.provider });
}

function isEmpty(v: unknown): boolean {
  return typeof v !== 'object' || v === null || Object.keys(v).length === 0;
}

/** `GET /loadbalancers/{id}/{sub}` → `body[key]` (undefined when absent or `{}`). */
export async function readSetting<T>(ctx: LbContext, id: string, sub: string, key: string, signal?: AbortSignal): Promise<T | undefined> {
  const res = await ctx.client.send<Record<string, unknown>>({
    method: 'GET',
    path: balancerPath(id, sub),
    action: `get ${sub} of balancer ${id}`,
    signal,
  });
  const v = res.body?.[key];
  return isEmpty(v) && !Array.isArray(v) ? undefined : (v as T);
}

/** `PUT` (or `POST`) `/loadbalancers/{id}/{sub}` with `{ [key]: value }`. */
export async function writeSetting(
  ctx: LbContext,
  id: string,
  sub: string,
  key: string,
  value: unknown,
  signal?: AbortSignal,
  method: 'PUT' | 'POST' = 'PUT',
): Promise<void> {
  await mutate(ctx, id, signal, () =>
    ctx.client.send({ method, path: balancerPath(id, sub), json: { [key]: value }, action: `set ${sub} of balancer ${id}`, signal }),
  );
}

/** `DELETE /loadbalancers/{id}/{sub}`. */
export async function deleteSetting(ctx: LbContext, id: string, sub: string, signal?: AbortSignal): Promise<void> {
  await mutate(ctx, id, signal, () =>
    ctx.client.send({ method: 'DELETE', path: balancerPath(id, sub), action: `delete ${sub} of balancer ${id}`, signal }),
  );
}

function intIn(ctx: LbContext, method: string, name: string, v: unknown, min: number, max: number): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    bad(ctx, `${method}: ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
}

/** Checks a health monitor: type, and delay/timeout/attempts within Rackspace's ranges; HTTP(S) need a path. */
export function checkHealthMonitor(ctx: LbContext, m: RackspaceHealthMonitor): RackspaceHealthMonitor {
  const method = 'exSetHealthMonitor';
  if (typeof m !== 'object' || m === null) bad(ctx, `${method}: monitor must be an object`);
  if (!HEALTH_MONITOR_TYPES.includes(m.type))
    bad(ctx, `${method}: type ${JSON.stringify(m.type)} is not one of ${HEALTH_MONITOR_TYPES.join(', ')}`);
  intIn(ctx, method, 'delay', m.delay, 1, 3600);
  intIn(ctx, method, 'timeout', m.timeout, 1, 300);
  intIn(ctx, method, 'attemptsBeforeDeactivation', m.attemptsBeforeDeactivation, 1, 10);
  if (m.type === 'CONNECT') {
    const extra = (['path', 'statusRegex', 'bodyRegex', 'hostHeader'] as const).filter((k) => m[k] !== undefined);
    if (extra.length > 0) bad(ctx, `${method}: a CONNECT monitor takes no ${extra.join(', ')}`);
  } else if (typeof m.path !== 'string' || !m.path.startsWith('/')) {
    bad(ctx, `${method}: an ${m.type} monitor needs a path starting with "/", got ${JSON.stringify(m.path)}`);
  }
  return {
    type: m.type,
    delay: m.delay ?? 10,
    timeout: m.timeout ?? 10,
    attemptsBeforeDeactivation: m.attemptsBeforeDeactivation ?? 3,
    ...(m.path !== undefined ? { path: m.path } : {}),
    ...(m.statusRegex !== undefined ? { statusRegex: m.statusRegex } : {}),
    ...(m.bodyRegex !== undefined ? { bodyRegex: m.bodyRegex } : {}),
    ...(m.hostHeader !== undefined ? { hostHeader: m.hostHeader } : {}),
  };
}

/** Checks a persistence type. */
export function checkPersistenceType(ctx: LbContext, type: unknown): RackspacePersistenceType {
  if (typeof type !== 'string' || !PERSISTENCE_TYPES.includes(type))
    bad(ctx, `exSetSessionPersistence: type ${JSON.stringify(type)} is not one of ${PERSISTENCE_TYPES.join(', ')}`);
  return type as RackspacePersistenceType;
}

/** Checks a connection throttle: at least one field, each in Rackspace's range. */
export function checkThrottle(ctx: LbContext, t: RackspaceConnectionThrottle): RackspaceConnectionThrottle {
  const method = 'exSetConnectionThrottle';
  if (typeof t !== 'object' || t === null) bad(ctx, `${method}: throttle must be an object`);
  intIn(ctx, method, 'minConnections', t.minConnections, 0, 1000);
  intIn(ctx, method, 'maxConnections', t.maxConnections, 0, 100000);
  intIn(ctx, method, 'maxConnectionRate', t.maxConnectionRate, 0, 100000);
  intIn(ctx, method, 'rateInterval', t.rateInterval, 1, 3600);
  const out: RackspaceConnectionThrottle = {};
  for (const k of ['minConnections', 'maxConnections', 'maxConnectionRate', 'rateInterval'] as const) if (t[k] !== undefined) out[k] = t[k];
  if (Object.keys(out).length === 0)
    bad(ctx, `${method}: give at least one of minConnections, maxConnections, maxConnectionRate, rateInterval`);
  return out;
}

/** Checks access list entries to add: an address (or CIDR) and `ALLOW`/`DENY` each. */
export function checkAccessItems(ctx: LbContext, items: readonly RackspaceAccessListItem[]): { address: string; type: string }[] {
  const method = 'exAddAccessListItems';
  if (!Array.isArray(items) || items.length === 0) bad(ctx, `${method}: give at least one item`);
  return items.map((it, i) => {
    if (typeof it?.address !== 'string' || it.address.trim() === '')
      bad(ctx, `${method}: items[${i}].address must be an address or CIDR network, got ${JSON.stringify(it?.address)}`);
    if (!ACCESS_TYPES.includes(it.type))
      bad(ctx, `${method}: items[${i}].type ${JSON.stringify(it.type)} is not one of ${ACCESS_TYPES.join(', ')}`);
    return { address: it.address, type: it.type };
  });
}

/** Checks SSL termination settings: a secure port; certificate and private key go together. */
export function checkSslTermination(ctx: LbContext, s: RackspaceSslTermination): RackspaceSslTermination {
  const method = 'exSetSslTermination';
  if (typeof s !== 'object' || s === null) bad(ctx, `${method}: settings must be an object`);
  intIn(ctx, method, 'securePort', s.securePort, 1, 65535);
  if (s.securePort === undefined) bad(ctx, `${method}: securePort is required`);
  if ((s.certificate === undefined) !== (s.privatekey === undefined))
    bad(ctx, `${method}: certificate and privatekey must be given together`);
  const out: RackspaceSslTermination = {};
  for (const k of ['enabled', 'securePort', 'secureTrafficOnly', 'certificate', 'intermediateCertificate', 'privatekey'] as const)
    if (s[k] !== undefined) (out as Record<string, unknown>)[k] = s[k];
  return out;
}
