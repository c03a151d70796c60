import { createHash } from 'node:crypto';
import type { CallOptions } from '@cloudmux/core';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import type { KeyPair } from '@cloudmux/core/compute';
import type { Ec2Context } from './context.js';
import { returned } from './context.js';
import { ec2Id } from './ids.js';
import { toKeyPair } from './to-resources.js';
import type { Ec2KeyPairExtra } from './types.js';
import { items } from './wire.js';

/** DescribeKeyPairs. */
export async function listKeyPairs(
  ctx: Ec2Context,
  names: readonly string[] | undefined,
  options: CallOptions = {},
): Promise<KeyPair<Ec2KeyPairExtra>[]> {
  const params: Record<string, string> = {};
  names?.forEach((n, i) => (params[`KeyName.${i + 1}`] = n));
  const res = await ctx.client.call('DescribeKeyPairs', params, { idempotent: true, signal: options.signal });
  return items(res, 'keySet').map((k) => toKeyPair(k, ctx.driver));
}

/** DescribeKeyPairs for one name; `NotFoundError` when absent. */
export async function getKeyPair(ctx: Ec2Context, name: string, options: CallOptions = {}): Promise<KeyPair<Ec2KeyPairExtra>> {
  ec2Id(ctx, name, 'name', 'getKeyPair', 'key pair name');
  const found = (await listKeyPairs(ctx, [name], options)).find((k) => k.name === name);
  if (found === undefined)
    throw new NotFoundError(`${ctx.settings.provider.id}: key pair "${name}" not found`, {
      provider: ctx.settings.provider.id,
      providerCode: 'InvalidKeyPair.NotFound',
    });
  return found;
}

/** CreateKeyPair: EC2 generates the key; the result carries the private key (`privateKey`, shown once). */
export async function createKeyPair(ctx: Ec2Context, name: string, options: CallOptions = {}): Promise<KeyPair<Ec2KeyPairExtra>> {
  ec2Id(ctx, name, 'name', 'createKeyPair', 'key pair name');
  const res = await ctx.client.call(
    'CreateKeyPair',
    { KeyName: name },
    {
      signal: options.signal,
      checkHint: `look for it with getKeyPair(${JSON.stringify(name)}); if it exists, its private key was lost with the answer: deleteKeyPair(${JSON.stringify(name)}) and create it again`,
    },
  );
  return toKeyPair(res, ctx.driver);
}

/** ImportKeyPair of an OpenSSH public key. */
export async function importKeyPair(
  ctx: Ec2Context,
  name: string,
  publicKey: string,
  options: CallOptions = {},
): Promise<KeyPair<Ec2KeyPairExtra>> {
  ec2Id(ctx, name, 'name', 'importKeyPairFromString', 'key pair name');
  const key = publicKey.trim();
  if (!/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+/.test(key)) {
    throw new InvalidArgumentError(
      `importKeyPairFromString: "${name}" is not an OpenSSH public key (expected "ssh-rsa AAAA…" or "ssh-ed25519 AAAA…")`,
    );
  }
  const res = await ctx.client.call(
    'ImportKeyPair',
    { KeyName: name, PublicKeyMaterial: Buffer.from(key, 'utf8').toString('base64') },
    { signal: options.signal },
  );
  return toKeyPair(res, ctx.driver, key);
}

/** DeleteKeyPair. */
export async function deleteKeyPair(ctx: Ec2Context, name: string, options: CallOptions = {}): Promise<boolean> {
  ec2Id(ctx, name, 'keyPair', 'deleteKeyPair', 'key pair name');
  return returned(await ctx.client.call('DeleteKeyPair', { KeyName: name }, { idempotent: true, signal: options.signal }));
}

/** Name under which `createNode({ auth })` imports a public key: derived from the key, so repeated launches reuse it. */
export function keyPairNameFor(publicKey: string): string {
  const body = publicKey.trim().split(/\s+/).slice(0, 2).join(' ');
  return `cloudmux-${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
}

/** Imports `publicKey` under {@link keyPairNameFor} unless it is already there; returns the key name. */
export async function ensureKeyPairForAuth(ctx: Ec2Context, publicKey: string, signal: AbortSignal | undefined): Promise<string> {
  const name = keyPairNameFor(publicKey);
  try {
    await importKeyPair(ctx, name, publicKey, { signal });
  } catch (err) {
    if (!(err instanceof AlreadyExistsError)) throw err;
  }
  return name;
}
