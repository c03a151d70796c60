import type { CallOptions } from '@cloudmux/core';
import type { Node, Ref } from '@cloudmux/core/compute';
import { toNetwork, toNic } from './to-extras.js';
import type { JoyentNetwork, JoyentNic } from './types.js';
import type { WireNetwork, WireNic } from './wire.js';
import type { JoyentContext } from './context.js';
import type { JoyentNetworkSpec } from './options.js';
import { machineId, segment } from './ids.js';
import { asArray } from './paging.js';

/** MAC as GetNic/RemoveNic want it in the path: hex without separators (checked first, `method` names the caller). */
export function macForPath(mac: string | JoyentNic, method = 'exGetNic'): string {
  const raw = segment(typeof mac === 'object' && mac !== null ? mac.mac : mac, 'mac', method, 'MAC address');
  return segment(raw.replace(/[:-]/g, '').toLowerCase(), 'mac', method, 'MAC address');
}

/** ListNetworks. */
export async function listNetworks(ctx: JoyentContext, options: CallOptions): Promise<JoyentNetwork[]> {
  const res = await ctx.client.request<WireNetwork[]>({ method: 'GET', path: ctx.client.path('networks'), signal: options.signal });
  return asArray(res, 'ListNetworks').map(toNetwork);
}

/** GetNetwork. */
export async function getNetwork(ctx: JoyentContext, id: string, options: CallOptions): Promise<JoyentNetwork> {
  const res = await ctx.client.request<WireNetwork>({
    method: 'GET',
    path: ctx.client.path('networks', segment(id, 'id', 'exGetNetwork', 'network id')),
    signal: options.signal,
  });
  return toNetwork(res.body);
}

/** ListNics. */
export async function listNics(ctx: JoyentContext, node: Ref<Node>, options: CallOptions): Promise<JoyentNic[]> {
  const res = await ctx.client.request<WireNic[]>({
    method: 'GET',
    path: ctx.client.path('machines', machineId(node, 'exListNics'), 'nics'),
    signal: options.signal,
  });
  return asArray(res, 'ListNics').map(toNic);
}

/** GetNic by MAC. */
export async function getNic(ctx: JoyentContext, node: Ref<Node>, mac: string | JoyentNic, options: CallOptions): Promise<JoyentNic> {
  const res = await ctx.client.request<WireNic>({
    method: 'GET',
    path: ctx.client.path('machines', machineId(node, 'exGetNic'), 'nics', macForPath(mac, 'exGetNic')),
    signal: options.signal,
  });
  return toNic(res.body);
}

/** Options of `exAddNic`. */
export interface AddNicOptions extends CallOptions {
  /** Make it the primary NIC (CloudAPI 9.15+). */
  primary?: boolean | undefined;
}

/** AddNic (the instance reboots); the NIC starts in state `provisioning`. */
export async function addNic(ctx: JoyentContext, node: Ref<Node>, network: JoyentNetworkSpec, options: AddNicOptions): Promise<JoyentNic> {
  const id = machineId(node, 'exAddNic');
  if (typeof network === 'string') segment(network, 'network', 'exAddNic', 'network id');
  else segment(network?.ipv4Uuid, 'network.ipv4Uuid', 'exAddNic', 'network id');
  const net =
    typeof network === 'string' ? network : { ipv4_uuid: network.ipv4Uuid, ...(network.ipv4Ips ? { ipv4_ips: [...network.ipv4Ips] } : {}) };
  const res = await ctx.client.request<WireNic>({
    method: 'POST',
    path: ctx.client.path('machines', id, 'nics'),
    json: options.primary === undefined ? { network: net } : { network: net, primary: options.primary },
    signal: options.signal,
  });
  return toNic(res.body);
}

/** RemoveNic (asynchronous; the instance reboots). */
export async function removeNic(ctx: JoyentContext, node: Ref<Node>, mac: string | JoyentNic, options: CallOptions): Promise<boolean> {
  await ctx.client.request<unknown>({
    method: 'DELETE',
    path: ctx.client.path('machines', machineId(node, 'exRemoveNic'), 'nics', macForPath(mac, 'exRemoveNic')),
    signal: options.signal,
  });
  return true;
}
