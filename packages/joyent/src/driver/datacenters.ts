import type { Ref } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { JoyentDatacenter } from '../types.js';
import type { JoyentDriverBase } from './base-driver.js';
import { internalsOf, SHARED_CREDENTIALS } from './internals.js';

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
export async function listDatacenters(driver: JoyentDriverBase, signal: AbortSignal | undefined, fresh = false): Promise<JoyentDatacenter[]> {
  const internals = internalsOf(driver);
  if (fresh || !internals.datacenters) {
    const { client } = internals;
    const p = client.request<Record<string, string>>({ method: 'GET', path: client.path('datacenters'), signal }).then((res) => {
      const list = Object.entries(res.body ?? {}).map(([name, url]) => ({ name, url }));
      if (!internals.settings.datacenter) {
        const mine = list.filter((d) => sameUrl(d.url, internals.settings.url));
        if (mine.length === 1) internals.settings.datacenter = mine[0]?.name;
      }
      return list;
    });
    internals.datacenters = p;
    p.catch(() => {
      if (internals.datacenters === p) internals.datacenters = undefined;
    });
  }
  return internals.datacenters as Promise<JoyentDatacenter[]>;
}

/** A driver for datacenter `name` with the same credentials and options (self when it is this one). */
export async function driverForDatacenter<D extends JoyentDriverBase>(driver: D, name: string, signal?: AbortSignal): Promise<D> {
  const internals = internalsOf(driver);
  if (internals.settings.datacenter === name) return driver;
  const dcs = await listDatacenters(driver, signal);
  const dc = dcs.find((d) => d.name === name);
  if (!dc) throw new InvalidArgumentError(`Unknown datacenter "${name}". Valid datacenters: ${dcs.map((d) => d.name).join(', ') || '(none)'}`);
  if (internals.settings.datacenter === name) return driver;
  const Ctor = driver.constructor as new (account: string, keyIdOrPath?: string, options?: object) => D;
  const options = { ...internals.options, region: undefined, url: dc.url, datacenter: dc.name, [SHARED_CREDENTIALS]: internals.credentials };
  return new Ctor(internals.account, internals.keyIdOrPath, options);
}

/** Resolves a `location` argument to the driver serving it. */
export function driverForLocation<D extends JoyentDriverBase>(driver: D, location: Ref<{ id: string }>, signal?: AbortSignal): Promise<D> {
  return driverForDatacenter(driver, typeof location === 'string' ? location : location.id, signal);
}
