import type { CallOptions } from '@cloudmux/core';
import { type Node, type Ref, refId } from '@cloudmux/core/compute';
import { toNetwork, toNic } from '../mappers/to-extras.js';
import type { JoyentNetwork, JoyentNic } from '../types.js';
import type { WireNetwork, WireNic } from '../wire.js';
import type { JoyentDriverBase } from './base-driver.js';
import type { JoyentNetworkSpec } from './call-options.js';
import { internalsOf } from './internals.js';
import { asArray } from './paging.js';

/** MAC as GetNic/RemoveNic want it in the path: hex without separators. */
export function macForPath(mac: string | JoyentNic): string {
  return (typeof mac === 'string' ? mac : mac.mac).replace(/[:-]/g, '').toLowerCase();
}

/** ListNetworks. */
export async function listNetworks(d: JoyentDriverBase, options: CallOptions): Promise<JoyentNetwork[]> {
  const { client } = internalsOf(d);
  const res = await client.request<WireNetwork[]>({ method: 'GET', path: client.path('networks'), signal: options.signal });
  return asArray(res, 'ListNetworks').map(toNetwork);
}

/** GetNetwork. */
export async function getNetwork(d: JoyentDriverBase, id: string, options: CallOptions): Promise<JoyentNetwork> {
  const { client } = internalsOf(d);
  const res = await client.request<WireNetwork>({ method: 'GET', path: client.path('networks', id), signal: options.signal });
  return toNetwork(res.body);
}

/** ListNics. */
export async function listNics(d: JoyentDriverBase, node: Ref<Node>, options: CallOptions): Promise<JoyentNic[]> {
  const { client } = internalsOf(d);
  const res = await client.request<WireNic[]>({ method: 'GET', path: client.path('machines', refId(node), 'nics'), signal: options.signal });
  return asArray(res, 'ListNics').map(toNic);
}

/** GetNic by MAC. */
export async function getNic(d: JoyentDriverBase, node: Ref<Node>, mac: string | JoyentNic, options: CallOptions): Promise<JoyentNic> {
  const { client } = internalsOf(d);
  const res = await client.request<WireNic>({ method: 'GET', path: client.path('machines', refId(node), 'nics', macForPath(mac)), signal: options.signal });
  return toNic(res.body);
}

/** Options of `exAddNic`. */
export interface AddNicOptions extends CallOptions {
  /** Make it the primary NIC (CloudAPI 9.15+). */
  primary?: boolean | undefined;
}

/** AddNic (the instance reboots); the NIC starts in state `provisioning`. */
export async function addNic(d: JoyentDriverBase, node: Ref<Node>, network: JoyentNetworkSpec, options: AddNicOptions): Promise<JoyentNic> {
  const { client } = internalsOf(d);
  const net = typeof network === 'string' ? network : { ipv4_uuid: network.ipv4Uuid, ...(network.ipv4Ips ? { ipv4_ips: [...network.ipv4Ips] } : {}) };
  const res = await client.request<WireNic>({
    method: 'POST',
    path: client.path('machines', refId(node), 'nics'),
    json: options.primary === undefined ? { network: net } : { network: net, primary: options.primary },
    signal: options.signal,
  });
  return toNic(res.body);
}

/** RemoveNic (asynchronous; the instance reboots). */
export async function removeNic(d: JoyentDriverBase, node: Ref<Node>, mac: string | JoyentNic, options: CallOptions): Promise<boolean> {
  const { client } = internalsOf(d);
  await client.request<unknown>({ method: 'DELETE', path: client.path('machines', refId(node), 'nics', macForPath(mac)), signal: options.signal });
  return true;
}
