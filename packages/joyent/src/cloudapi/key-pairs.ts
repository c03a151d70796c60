import type { CallOptions } from '@cloudmux/core';
import type { ImportKeyPairOptions, KeyPair } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { JoyentContext } from './context.js';
import { segment } from './ids.js';
import { toKeyPair } from './to-resources.js';
import type { JoyentKeyPairExtra } from './types.js';
import type { WireKey } from './wire.js';

/** Path of the key collection: the sub-user's keys when `user` is set. */
function keysPath(ctx: JoyentContext, ...rest: string[]): string {
  const { client, settings } = ctx;
  return settings.user ? client.path('users', settings.user, 'keys', ...rest) : client.path('keys', ...rest);
}

/** ListKeys (of the account, or of the RBAC sub-user). */
export async function listKeyPairs(ctx: JoyentContext, options: CallOptions): Promise<KeyPair<JoyentKeyPairExtra>[]> {
  const res = await ctx.client.request<WireKey[]>({ method: 'GET', path: keysPath(ctx), signal: options.signal });
  return res.body.map((k) => toKeyPair(k, ctx.driver));
}

/** GetKey by name or MD5 fingerprint. */
export async function getKeyPair(ctx: JoyentContext, name: string, options: CallOptions): Promise<KeyPair<JoyentKeyPairExtra>> {
  segment(name, 'name', 'getKeyPair', 'key name or fingerprint');
  const res = await ctx.client.request<WireKey>({ method: 'GET', path: keysPath(ctx, name), signal: options.signal });
  return toKeyPair(res.body, ctx.driver);
}

/** CreateKey: uploads an OpenSSH public key. */
export async function importKeyPair(ctx: JoyentContext, options: ImportKeyPairOptions): Promise<KeyPair<JoyentKeyPairExtra>> {
  segment(options?.name, 'name', 'importKeyPairFromString', 'key name');
  if (!options.publicKey || typeof options.publicKey !== 'string')
    throw new InvalidArgumentError('importKeyPairFromString: publicKey must be an OpenSSH public key string');
  const res = await ctx.client.request<WireKey>({
    method: 'POST',
    path: keysPath(ctx),
    json: { name: options.name, key: options.publicKey.trim() },
    signal: options.signal,
  });
  return toKeyPair(res.body, ctx.driver);
}

/** DeleteKey by name (or a {@link KeyPair}). */
export async function deleteKeyPair(ctx: JoyentContext, keyPair: KeyPair | string, options: CallOptions): Promise<boolean> {
  const name = segment(typeof keyPair === 'object' && keyPair !== null ? keyPair.name : keyPair, 'keyPair', 'deleteKeyPair', 'key name');
  await ctx.client.request<unknown>({ method: 'DELETE', path: keysPath(ctx, name), signal: options.signal });
  return true;
}
