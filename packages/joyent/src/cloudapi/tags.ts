import { requireNonBlank, type CallOptions } from '@cloudmux/core';
import type { Node, Ref } from '@cloudmux/core/compute';
import type { JoyentContext } from './context.js';
import { machineId, segment } from './ids.js';

/** A tag value as CloudAPI stores it. */
export type JoyentTagValue = string | number | boolean;

/** `…/machines/<id>/tags[/<key>]`, the machine id and the key checked (before any request). */
function tagsPath(ctx: JoyentContext, method: string, node: Ref<Node>, key?: string): string {
  const id = machineId(node, method);
  const rest = key === undefined ? [] : [segment(key, 'key', method, 'tag key')];
  return ctx.client.path('machines', id, 'tags', ...rest);
}

/** ListMachineTags. */
export async function listTags(ctx: JoyentContext, node: Ref<Node>, options: CallOptions): Promise<Record<string, JoyentTagValue>> {
  const res = await ctx.client.request<Record<string, JoyentTagValue>>({
    method: 'GET',
    path: tagsPath(ctx, 'exListTags', node),
    signal: options.signal,
  });
  return res.body ?? {};
}

/** AddMachineTags (merge) or ReplaceMachineTags (`replace`); returns the resulting tags. */
export async function writeTags(
  ctx: JoyentContext,
  node: Ref<Node>,
  tags: Readonly<Record<string, JoyentTagValue>>,
  replace: boolean,
  options: CallOptions,
): Promise<Record<string, JoyentTagValue>> {
  const method = replace ? 'exReplaceTags' : 'exAddTags';
  const path = tagsPath(ctx, method, node);
  for (const key of Object.keys(tags ?? {})) requireNonBlank(key, 'tags', { method, provider: 'joyent', what: 'tag key' });
  const res = await ctx.client.request<Record<string, JoyentTagValue>>({
    method: replace ? 'PUT' : 'POST',
    path,
    json: tags,
    signal: options.signal,
  });
  return res.body ?? {};
}

/** GetMachineTag. */
export async function getTag(ctx: JoyentContext, node: Ref<Node>, key: string, options: CallOptions): Promise<JoyentTagValue> {
  const res = await ctx.client.request<JoyentTagValue>({
    method: 'GET',
    path: tagsPath(ctx, 'exGetTag', node, key),
    signal: options.signal,
  });
  return res.body;
}

/** DeleteMachineTag: one key, which must be a real key (an empty one would make this DeleteMachineTags). */
export async function deleteTag(ctx: JoyentContext, node: Ref<Node>, key: string, options: CallOptions): Promise<boolean> {
  await ctx.client.request<unknown>({ method: 'DELETE', path: tagsPath(ctx, 'exDeleteTag', node, key), signal: options.signal });
  return true;
}

/** DeleteMachineTags: every tag of the machine. */
export async function deleteAllTags(ctx: JoyentContext, node: Ref<Node>, options: CallOptions): Promise<boolean> {
  await ctx.client.request<unknown>({ method: 'DELETE', path: tagsPath(ctx, 'exDeleteAllTags', node), signal: options.signal });
  return true;
}
