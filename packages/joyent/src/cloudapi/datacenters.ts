import type { CallOptions } from '@cloudmux/core';
import type { NodeDriver, NodeLocation, Ref } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { SHARED_CREDENTIALS, type JoyentContext } from './context.js';
import { segment } from './ids.js';
import { findRegion } from './provider.js';
import { toLocation } from './to-resources.js';
import type { JoyentDatacenter, JoyentLocationExtra } from './types.js';

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href.replace(/\/+$/, '') === new URL(b).href.replace(/\/+$/, '');
  } catch {
    return a === b;
  }
}

/**
 * Lists datacenters (`GET /:login/datacenters`), cached per driver unless `fresh`. Learns this
 * driver's datacenter name when one entry has its URL.
 */
export async function listDatacenters(ctx: JoyentContext, signal: AbortSignal | undefined, fresh = false): Promise<JoyentDatacenter[]> {
  if (fresh || !ctx.datacenters) {
    const { client } = ctx;
    const p = client.request<Record<string, string>>({ method: 'GET', path: client.path('datacenters'), signal }).then((res) => {
      const list = Object.entries(res.body ?? {}).map(([name, url]) => ({ name, url }));
      if (!ctx.settings.datacenter) {
        const mine = list.filter((d) => sameUrl(d.url, ctx.settings.url));
        if (mine.length === 1) ctx.settings.datacenter = mine[0]?.name;
      }
      return list;
    });
    ctx.datacenters = p;
    p.catch(() => {
      if (ctx.datacenters === p) ctx.datacenters = undefined;
    });
  }
  return ctx.datacenters as Promise<JoyentDatacenter[]>;
}

/** Datacenters as locations (`extra.url` is each one's CloudAPI URL). */
export async function listLocations(ctx: JoyentContext, options: CallOptions): Promise<NodeLocation<JoyentLocationExtra>[]> {
  const dcs = await listDatacenters(ctx, options.signal, true);
  return dcs.map((d) => toLocation(d.name, d.url, findRegion(d.name)?.country ?? '', ctx.driver));
}

/**
 * A driver for datacenter `name`, of the same class as `ctx.driver`, with the same credentials and
 * options (`ctx.driver` itself when it is this one).
 */
export async function driverForDatacenter<D extends NodeDriver>(ctx: JoyentContext, name: string, signal?: AbortSignal): Promise<D> {
  const self = ctx.driver as D;
  if (ctx.settings.datacenter === name) return self;
  const dcs = await listDatacenters(ctx, signal);
  const dc = dcs.find((d) => d.name === name);
  if (!dc)
    throw new InvalidArgumentError(`Unknown datacenter "${name}". Valid datacenters: ${dcs.map((d) => d.name).join(', ') || '(none)'}`);
  if (ctx.settings.datacenter === name) return self;
  const Ctor = ctx.driver.constructor as new (account: string, keyIdOrPath?: string, options?: object) => D;
  const options = { ...ctx.options, region: undefined, url: dc.url, datacenter: dc.name, [SHARED_CREDENTIALS]: ctx.credentials };
  return new Ctor(ctx.account, ctx.keyIdOrPath, options);
}

/** Resolves a `location` argument to the driver serving it. */
export function driverForLocation<D extends NodeDriver>(
  ctx: JoyentContext,
  location: Ref<{ id: string }>,
  signal?: AbortSignal,
): Promise<D> {
  return driverForDatacenter<D>(ctx, typeof location === 'string' ? location : location.id, signal);
}

/** `exForDatacenter`: the datacenter name checked, then {@link driverForDatacenter}. */
export async function forDatacenter<D extends NodeDriver>(ctx: JoyentContext, name: string, options: CallOptions): Promise<D> {
  return driverForDatacenter<D>(ctx, segment(name, 'name', 'exForDatacenter', 'datacenter name'), options.signal);
}
