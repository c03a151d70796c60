import type { CallOptions } from '@cloudmux/core';
import { type Node, type Ref, refId } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { JoyentDriverBase } from './base-driver.js';
import { internalsOf } from './internals.js';

/** Metadata key of the boot script. */
export const USER_SCRIPT_KEY = 'user-script';

function metadataPath(d: JoyentDriverBase, node: Ref<Node>, ...rest: string[]): string {
  return internalsOf(d).client.path('machines', refId(node), 'metadata', ...rest);
}

/** ListMachineMetadata (with `credentials` when asked). */
export async function listMetadata(d: JoyentDriverBase, node: Ref<Node>, options: CallOptions & { credentials?: boolean | undefined }): Promise<Record<string, unknown>> {
  const res = await internalsOf(d).client.request<Record<string, unknown>>({
    method: 'GET',
    path: metadataPath(d, node),
    query: options.credentials ? { credentials: true } : undefined,
    signal: options.signal,
  });
  return res.body ?? {};
}

/** GetMachineMetadata: one value (JSON-encoded when it is not a string). */
export async function getMetadata(d: JoyentDriverBase, node: Ref<Node>, key: string, options: CallOptions): Promise<string> {
  const res = await internalsOf(d).client.request<unknown>({ method: 'GET', path: metadataPath(d, node, key), signal: options.signal });
  return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
}

/** UpdateMachineMetadata: creates or overwrites keys; returns the whole metadata. */
export async function setMetadata(d: JoyentDriverBase, node: Ref<Node>, values: Readonly<Record<string, string>>, options: CallOptions): Promise<Record<string, unknown>> {
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'string') throw new InvalidArgumentError(`Metadata value of "${k}" must be a string`);
    if (k === 'credentials') throw new InvalidArgumentError('The credentials metadata key cannot be written');
  }
  const res = await internalsOf(d).client.request<Record<string, unknown>>({ method: 'POST', path: metadataPath(d, node), json: values, signal: options.signal });
  return res.body ?? {};
}

/** DeleteMachineMetadata. */
export async function deleteMetadata(d: JoyentDriverBase, node: Ref<Node>, key: string, options: CallOptions): Promise<boolean> {
  await internalsOf(d).client.request<unknown>({ method: 'DELETE', path: metadataPath(d, node, key), signal: options.signal });
  return true;
}

/** DeleteAllMachineMetadata. */
export async function deleteAllMetadata(d: JoyentDriverBase, node: Ref<Node>, options: CallOptions): Promise<boolean> {
  await internalsOf(d).client.request<unknown>({ method: 'DELETE', path: metadataPath(d, node), signal: options.signal });
  return true;
}
