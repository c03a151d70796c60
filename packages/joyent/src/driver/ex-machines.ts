import type { CallOptions } from '@cloudmux/core';
import { type Node, type NodeSize, type Ref, refId } from '@cloudmux/core/compute';
import { MalformedResponseError } from '@cloudmux/core/errors';
import { toAuditEntry, toFirewallRule } from '../mappers/to-extras.js';
import type { JoyentAuditEntry, JoyentFirewallRule } from '../types.js';
import type { WireAuditEntry, WireFirewallRule } from '../wire.js';
import type { JoyentDriverBase } from './base-driver.js';
import type { JoyentListNodesFilters } from './call-options.js';
import { internalsOf } from './internals.js';
import { listMachinesQuery } from './list-query.js';
import { asArray } from './paging.js';
import { packageRef } from './create-body.js';

/** `HEAD /:login/machines` with the same filters as listNodes; reads `x-resource-count`. */
export async function countNodes(d: JoyentDriverBase, filters: JoyentListNodesFilters | undefined, options: CallOptions): Promise<number> {
  const { client, settings } = internalsOf(d);
  const { query } = listMachinesQuery(filters ? { ...filters, pageSize: undefined } : undefined, settings.legacy65);
  const res = await client.request<string>({ method: 'HEAD', path: client.path('machines'), query, responseType: 'text', signal: options.signal });
  const count = Number(res.headers['x-resource-count']);
  if (!Number.isFinite(count)) throw new MalformedResponseError('HEAD machines answered without an x-resource-count header', '', { provider: 'joyent', requestId: res.requestId });
  return count;
}

/** POSTs `action` with parameters on a machine. */
export async function machineAction(d: JoyentDriverBase, node: Ref<Node>, action: string, params: Record<string, string | boolean>, options: CallOptions): Promise<boolean> {
  const { client } = internalsOf(d);
  await client.request<unknown>({ method: 'POST', path: client.path('machines', refId(node)), json: { action, ...params }, idempotent: false, signal: options.signal });
  return true;
}

/** Package reference for resize (a size's UUID; its name in legacy 6.5 mode). */
export function packageOf(d: JoyentDriverBase, size: Ref<NodeSize>): string {
  return packageRef(size, internalsOf(d).settings.legacy65);
}

/** MachineAudit, newest first. */
export async function machineAudit(d: JoyentDriverBase, node: Ref<Node>, options: CallOptions): Promise<JoyentAuditEntry[]> {
  const { client } = internalsOf(d);
  const res = await client.request<WireAuditEntry[]>({ method: 'GET', path: client.path('machines', refId(node), 'audit'), signal: options.signal });
  return asArray(res, 'MachineAudit').map(toAuditEntry);
}

/** ListMachineFirewallRules. */
export async function machineFirewallRules(d: JoyentDriverBase, node: Ref<Node>, options: CallOptions): Promise<JoyentFirewallRule[]> {
  const { client } = internalsOf(d);
  const res = await client.request<WireFirewallRule[]>({ method: 'GET', path: client.path('machines', refId(node), 'fwrules'), signal: options.signal });
  return asArray(res, 'ListMachineFirewallRules').map(toFirewallRule);
}
