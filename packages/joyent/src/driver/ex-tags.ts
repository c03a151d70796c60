import type { CallOptions } from '@cloudmux/core';
import { type Node, type Ref, refId } from '@cloudmux/core/compute';
import type { JoyentDriverBase } from './base-driver.js';
import { internalsOf } from './internals.js';

/** A tag value as CloudAPI stores it. */
export type JoyentTagValue = string | number | boolean;

function tagsPath(d: JoyentDriverBase, node: Ref<Node>, ...rest: string[]): string {
  return internalsOf(d).client.path('machines', refId(node), 'tags', ...rest);
}

/** ListMachineTags. */
export async function listTags(d: JoyentDriverBase, node: Ref<Node>, options: CallOptions): Promise<Record<string, JoyentTagValue>> {
  const res = await internalsOf(d).client.request<Record<string, JoyentTagValue>>({ method: 'GET', path: tagsPath(d, node), signal: options.signal });
  return res.body ?? {};
}

/** AddMachineTags (merge) or ReplaceMachineTags (`replace`); returns the resulting tags. */
export async function writeTags(d: JoyentDriverBase, node: Ref<Node>, tags: Readonly<Record<string, JoyentTagValue>>, replace: boolean, options: CallOptions): Promise<Record<string, JoyentTagValue>> {
  const res = await internalsOf(d).client.request<Record<string, JoyentTagValue>>({
    method: replace ? 'PUT' : 'POST',
    path: tagsPath(d, node),
    json: tags,
    signal: options.signal,
  });
  return res.body ?? {};
}

/** GetMachineTag. */
export async function getTag(d: JoyentDriverBase, node: Ref<Node>, name: string, options: CallOptions): Promise<JoyentTagValue> {
  const res = await internalsOf(d).client.request<JoyentTagValue>({ method: 'GET', path: tagsPath(d, node, name), signal: options.signal });
  return res.body;
}

/** DeleteMachineTag (`name`) or DeleteMachineTags (no name). */
export async function deleteTags(d: JoyentDriverBase, node: Ref<Node>, name: string | undefined, options: CallOptions): Promise<boolean> {
  const path = name === undefined ? tagsPath(d, node) : tagsPath(d, node, name);
  await internalsOf(d).client.request<unknown>({ method: 'DELETE', path, signal: options.signal });
  return true;
}
