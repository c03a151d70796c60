import type { CallOptions } from '@cloudmux/core';
import type { SigningKeyInfo } from '../auth/signing-key.js';
import { fromAccountUpdate, toAccount } from './to-extras.js';
import type { JoyentAccount, JoyentAccountUpdate } from './types.js';
import type { WireAccount, WirePing } from './wire.js';
import type { JoyentContext } from './context.js';

/** GetAccount. */
export async function getAccount(ctx: JoyentContext, options: CallOptions): Promise<JoyentAccount> {
  const res = await ctx.client.request<WireAccount>({ method: 'GET', path: ctx.client.path(), signal: options.signal });
  return toAccount(res.body);
}

/** UpdateAccount. */
export async function updateAccount(ctx: JoyentContext, update: JoyentAccountUpdate, options: CallOptions): Promise<JoyentAccount> {
  const res = await ctx.client.request<WireAccount>({
    method: 'POST',
    path: ctx.client.path(),
    json: fromAccountUpdate(update),
    signal: options.signal,
  });
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
export async function ping(ctx: JoyentContext, options: CallOptions): Promise<JoyentPing> {
  const res = await ctx.client.request<WirePing>({ method: 'GET', path: '/--ping', signal: options.signal });
  const header = (name: string): string | undefined => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  return { versions: res.body?.cloudapi?.versions ?? [], apiVersion: header('api-version'), datacenter: header('triton-datacenter-name') };
}

/** Resolves the signing key now (agent / `~/.ssh` lookups included) and describes it. */
export async function getKeyInfo(ctx: JoyentContext): Promise<SigningKeyInfo & { keyId: string }> {
  const { keyId, key } = await ctx.credentials.resolve();
  const { type, bits, algorithm, md5Fingerprint, sha256Fingerprint, source } = key;
  return { keyId, type, bits, algorithm, md5Fingerprint, sha256Fingerprint, source };
}
