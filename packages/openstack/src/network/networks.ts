/**
 * Neutron networks, subnets and ports (read-only listings and gets).
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import type { Ref } from '@cloudmux/core/compute';
import type { NetworkContext } from './context.js';
import { collect, idOf, neutronGet, neutronItems, neutronQuery, type NeutronListOptions } from './list.js';
import { toNetwork, toPort, toSubnet } from './to-network.js';
import type { OpenStackNetwork, OpenStackPort, OpenStackSubnet } from './types.js';
import type { NeutronNetworkWire, NeutronPortWire, NeutronSubnetWire } from './wire.js';

/** Options of `exListNetworks` / `exIterateNetworks`. */
export interface ListNetworksOptions extends NeutronListOptions {
  /** Only networks with this name. */
  name?: string | undefined;
  /** Only external (`true`) or only internal (`false`) networks. */
  external?: boolean | undefined;
}

/** Options of `exListSubnets` / `exIterateSubnets`. */
export interface ListSubnetsOptions extends NeutronListOptions {
  /** Only subnets of this network (object or id). */
  network?: Ref<{ id: string }> | undefined;
}

/** Options of `exListPorts` / `exIteratePorts`. */
export interface ListPortsOptions extends NeutronListOptions {
  /** Only ports on this network (object or id). */
  network?: Ref<{ id: string }> | undefined;
  /** Only ports of this server (node object or id): Neutron's `device_id`. */
  node?: Ref<{ id: string }> | undefined;
}

/** Iterates networks (`GET /networks`, every page). */
export function exIterateNetworks(ctx: NetworkContext, options: ListNetworksOptions = {}): AsyncGenerator<OpenStackNetwork> {
  const q = neutronQuery(
    'exListNetworks',
    ctx.network.provider,
    { name: options.name, 'router:external': options.external },
    options.pageSize,
  );
  return neutronItems<NeutronNetworkWire, OpenStackNetwork>(ctx, `networks${q}`, 'networks', toNetwork, options.signal);
}

/** Lists networks (all pages). */
export function exListNetworks(ctx: NetworkContext, options: ListNetworksOptions = {}): Promise<OpenStackNetwork[]> {
  return collect(exIterateNetworks(ctx, options));
}

/** One network by id; `NotFoundError` (`NetworkNotFound`) when absent. */
export async function exGetNetwork(
  ctx: NetworkContext,
  network: Ref<{ id: string }>,
  options: CallOptions = {},
): Promise<OpenStackNetwork> {
  const id = idOf(ctx, network, 'network', 'exGetNetwork', 'network id');
  return toNetwork(await neutronGet<NeutronNetworkWire>(ctx, 'networks', 'network', id, options.signal));
}

/** Iterates subnets (`GET /subnets`, every page). */
export function exIterateSubnets(ctx: NetworkContext, options: ListSubnetsOptions = {}): AsyncGenerator<OpenStackSubnet> {
  const networkId = options.network === undefined ? undefined : idOf(ctx, options.network, 'network', 'exListSubnets', 'network id');
  const q = neutronQuery('exListSubnets', ctx.network.provider, { network_id: networkId }, options.pageSize);
  return neutronItems<NeutronSubnetWire, OpenStackSubnet>(ctx, `subnets${q}`, 'subnets', toSubnet, options.signal);
}

/** Lists subnets (all pages). */
export function exListSubnets(ctx: NetworkContext, options: ListSubnetsOptions = {}): Promise<OpenStackSubnet[]> {
  return collect(exIterateSubnets(ctx, options));
}

/** One subnet by id; `NotFoundError` (`SubnetNotFound`) when absent. */
export async function exGetSubnet(ctx: NetworkContext, subnet: Ref<{ id: string }>, options: CallOptions = {}): Promise<OpenStackSubnet> {
  const id = idOf(ctx, subnet, 'subnet', 'exGetSubnet', 'subnet id');
  return toSubnet(await neutronGet<NeutronSubnetWire>(ctx, 'subnets', 'subnet', id, options.signal));
}

/** Iterates ports (`GET /ports`, every page), optionally of one network or one server. */
export function exIteratePorts(ctx: NetworkContext, options: ListPortsOptions = {}): AsyncGenerator<OpenStackPort> {
  const networkId = options.network === undefined ? undefined : idOf(ctx, options.network, 'network', 'exListPorts', 'network id');
  const deviceId = options.node === undefined ? undefined : idOf(ctx, options.node, 'node', 'exListPorts', 'server id');
  const q = neutronQuery('exListPorts', ctx.network.provider, { network_id: networkId, device_id: deviceId }, options.pageSize);
  return neutronItems<NeutronPortWire, OpenStackPort>(ctx, `ports${q}`, 'ports', toPort, options.signal);
}

/** Lists ports (all pages). */
export function exListPorts(ctx: NetworkContext, options: ListPortsOptions = {}): Promise<OpenStackPort[]> {
  return collect(exIteratePorts(ctx, options));
}

/** One port by id; `NotFoundError` (`PortNotFound`) when absent. */
export async function exGetPort(ctx: NetworkContext, port: Ref<{ id: string }>, options: CallOptions = {}): Promise<OpenStackPort> {
  const id = idOf(ctx, port, 'port', 'exGetPort', 'port id');
  return toPort(await neutronGet<NeutronPortWire>(ctx, 'ports', 'port', id, options.signal));
}
