import type { CallOptions } from '@cloudmux/core';
import { fromAccountUpdate, toAccount } from '../mappers/to-extras.js';
import type { JoyentAccount, JoyentAccountUpdate } from '../types.js';
import type { WireAccount, WirePing } from '../wire.js';
import type { JoyentDriverBase } from './base-driver.js';
import { internalsOf } from './internals.js';

/** GetAccount. */
export async function getAccount(d: JoyentDriverBase, options: CallOptions): Promise<JoyentAccount> {
  const { client } = internalsOf(d);
  const res = await client.request<WireAccount>({ method: 'GET', path: client.path(), signal: options.signal });
  return toAccount(res.body);
}

/** UpdateAccount. */
export async function updateAccount(d: JoyentDriverBase, update: JoyentAccountUpdate, options: CallOptions): Promise<JoyentAccount> {
  const { client } = internalsOf(d);
  const res = await client.request<WireAccount>({ method: 'POST', path: client.path(), json: fromAccountUpdate(update), signal: options.signal });
  return toAccount(res.body);
}

/** What `GET /--ping` tells. */
export interface JoyentPing {
  /** API versions the server serves. */
  readonly versions: readonly string[];
  /** `Api-Version` the server matched for this driver's `Accept-Version`, when sent. */
  readonly apiVersion: string | undefined;
  /** `Triton-Datacenter-Name`, when sent (9.2+). */
  readonly datacenter: string | undefined;
}

/** Ping (`GET /--ping`). */
export async function ping(d: JoyentDriverBase, options: CallOptions): Promise<JoyentPing> {
  const { client } = internalsOf(d);
  const res = await client.request<WirePing>({ method: 'GET', path: '/--ping', signal: options.signal });
  const header = (name: string): string | undefined => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  return { versions: res.body?.cloudapi?.versions ?? [], apiVersion: header('api-version'), datacenter: header('triton-datacenter-name') };
}
