import { requireNonBlank, type CallOptions } from '@cloudmux/core';
import type { Node, Ref } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { JoyentContext } from './context.js';
import { machineId, segment } from './ids.js';

/** Metadata key of the boot script. */
export const USER_SCRIPT_KEY = 'user-script';

/** `…/machines/<id>/metadata[/<key>]`, the machine id and the key checked (before any request). */
function metadataPath(ctx: JoyentContext, method: string, node: Ref<Node>, key?: string): string {
  const id = machineId(node, method);
  const rest = key === undefined ? [] : [segment(key, 'key', method, 'metadata key')];
  return ctx.client.path('machines', id, 'metadata', ...rest);
}

/** ListMachineMetadata (with `credentials` when asked). */
export async function listMetadata(
  ctx: JoyentContext,
  node: Ref<Node>,
  options: CallOptions & { credentials?: boolean | undefined },
): Promise<Record<string, unknown>> {
  const res = await ctx.client.request<Record<string, unknown>>({
    method: 'GET',
    path: metadataPath(ctx, 'exListMetadata', node),
    query: options.credentials ? { credentials: true } : undefined,
    signal: options.signal,
  });
  return res.body ?? {};
}

/** GetMachineMetadata: one value (JSON-encoded when it is not a string). */
export async function getMetadata(ctx: JoyentContext, node: Ref<Node>, key: string, options: CallOptions): Promise<string> {
  const res = await ctx.client.request<unknown>({
    method: 'GET',
    path: metadataPath(ctx, 'exGetMetadata', node, key),
    signal: options.signal,
  });
  return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
}

/** UpdateMachineMetadata: creates or overwrites keys; returns the whole metadata. */
export async function setMetadata(
  ctx: JoyentContext,
  node: Ref<Node>,
  values: Readonly<Record<string, string>>,
  options: CallOptions,
  method = 'exSetMetadata',
): Promise<Record<string, unknown>> {
  const path = metadataPath(ctx, method, node);
  for (const [k, v] of Object.entries(values ?? {})) {
    requireNonBlank(k, 'values', { method, provider: 'joyent', what: 'metadata key' });
    if (typeof v !== 'string') throw new InvalidArgumentError(`Metadata value of "${k}" must be a string`);
    if (k === 'credentials') throw new InvalidArgumentError('The credentials metadata key cannot be written');
  }
  const res = await ctx.client.request<Record<string, unknown>>({ method: 'POST', path, json: values, signal: options.signal });
  return res.body ?? {};
}

/** DeleteMachineMetadata: one key, which must be a real key (an empty one would make this DeleteAllMachineMetadata). */
export async function deleteMetadata(
  ctx: JoyentContext,
  node: Ref<Node>,
  key: string,
  options: CallOptions,
  method = 'exDeleteMetadata',
): Promise<boolean> {
  await ctx.client.request<unknown>({ method: 'DELETE', path: metadataPath(ctx, method, node, key), signal: options.signal });
  return true;
}

/** DeleteAllMachineMetadata. */
export async function deleteAllMetadata(ctx: JoyentContext, node: Ref<Node>, options: CallOptions): Promise<boolean> {
  await ctx.client.request<unknown>({ method: 'DELETE', path: metadataPath(ctx, 'exDeleteAllMetadata', node), signal: options.signal });
  return true;
}
