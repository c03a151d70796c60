/**
 * Neutron floating IPs: list, allocate from an external network (by name or id), associate with a server's
 * port (found through `GET /ports?device_id=`), disassociate, release.
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import type { Ref } from '@cloudmux/core/compute';
import type { NetworkContext } from './context.js';
import { collect, idOf, neutronGet, neutronItems, neutronQuery, type NeutronListOptions } from './list.js';
import { exIterateNetworks, exListPorts } from './networks.js';
import { toFloatingIp } from './to-network.js';
import type { OpenStackFloatingIp, OpenStackNetwork, OpenStackPort } from './types.js';
import type { NeutronFloatingIpWire } from './wire.js';

/** Options of `exListFloatingIps` / `exIterateFloatingIps`. */
export interface ListFloatingIpsOptions extends NeutronListOptions {
  /** Only floating IPs of this external network (object or id). */
  network?: Ref<{ id: string }> | undefined;
  /** Only the floating IP associated with this port (object or id). */
  port?: Ref<{ id: string }> | undefined;
  /** Only the floating IP with this address. */
  address?: string | undefined;
}

/** Options of `exAllocateFloatingIp`. */
export interface AllocateFloatingIpOptions extends CallOptions {
  /** External network to allocate from: object, id or name. Default: the only external network. */
  network?: Ref<{ id: string }> | undefined;
  /** Nova-style pool name: the name (or id) of the external network; an alias of `network`. */
  pool?: string | undefined;
  /** Description. */
  description?: string | undefined;
}

/** Options of `exAssociateFloatingIp`. */
export interface AssociateFloatingIpOptions extends CallOptions {
  /** The server's fixed address to forward to (picks the port holding it). Default: the first IPv4 address. */
  fixedIp?: string | undefined;
}

/** A floating IP given as an object, its id or its address. */
export type FloatingIpRef = OpenStackFloatingIp | string;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

/** Iterates floating IPs (`GET /floatingips`, every page). */
export function exIterateFloatingIps(ctx: NetworkContext, options: ListFloatingIpsOptions = {}): AsyncGenerator<OpenStackFloatingIp> {
  const m = 'exListFloatingIps';
  const q = neutronQuery(
    m,
    ctx.network.provider,
    {
      floating_network_id: options.network === undefined ? undefined : idOf(ctx, options.network, 'network', m, 'network id'),
      port_id: options.port === undefined ? undefined : idOf(ctx, options.port, 'port', m, 'port id'),
      floating_ip_address: options.address,
    },
    options.pageSize,
  );
  return neutronItems<NeutronFloatingIpWire, OpenStackFloatingIp>(ctx, `floatingips${q}`, 'floatingips', toFloatingIp, options.signal);
}

/** Lists floating IPs (all pages). */
export function exListFloatingIps(ctx: NetworkContext, options: ListFloatingIpsOptions = {}): Promise<OpenStackFloatingIp[]> {
  return collect(exIterateFloatingIps(ctx, options));
}

/** The id of a floating IP given as an object, an id or an address (looked up). */
async function floatingIpId(ctx: NetworkContext, ip: FloatingIpRef, method: string, signal: AbortSignal | undefined): Promise<string> {
  if (typeof ip === 'string' && ADDRESS.test(ip) && !UUID.test(ip)) {
    const found = await exListFloatingIps(ctx, { address: ip, signal });
    const hit = found.find((f) => f.address === ip);
    if (hit === undefined)
      throw new NotFoundError(`${ctx.network.provider}: ${method}: no floating IP with address ${ip}`, {
        provider: ctx.network.provider,
        providerCode: 'FloatingIPNotFound',
      });
    return hit.id;
  }
  return idOf(ctx, ip, 'ip', method, 'floating IP id or address');
}

/** One floating IP by id, address or object; `NotFoundError` (`FloatingIPNotFound`) when absent. */
export async function exGetFloatingIp(ctx: NetworkContext, ip: FloatingIpRef, options: CallOptions = {}): Promise<OpenStackFloatingIp> {
  const id = await floatingIpId(ctx, ip, 'exGetFloatingIp', options.signal);
  return toFloatingIp(await neutronGet<NeutronFloatingIpWire>(ctx, 'floatingips', 'floatingip', id, options.signal));
}

function describe(nets: readonly OpenStackNetwork[]): string {
  return nets.length === 0 ? 'none' : nets.map((n) => `${n.name} (${n.id})`).join(', ');
}

async function externalNetworkId(ctx: NetworkContext, options: AllocateFloatingIpOptions): Promise<string> {
  const provider = ctx.network.provider;
  const m = 'exAllocateFloatingIp';
  if (options.network !== undefined && options.pool !== undefined)
    throw new InvalidArgumentError(`${m}: pass network or pool, not both`, { provider });
  const wanted = options.network ?? options.pool;
  if (wanted !== undefined && typeof wanted !== 'string') return idOf(ctx, wanted, 'network', m, 'network id');
  if (wanted !== undefined) idOf(ctx, wanted, options.pool !== undefined ? 'pool' : 'network', m, 'network name or id');
  const external: OpenStackNetwork[] = [];
  for await (const n of exIterateNetworks(ctx, { external: true, signal: options.signal })) external.push(n);
  if (wanted === undefined) {
    if (external.length === 1) return external[0]!.id;
    throw new InvalidArgumentError(
      `${m}: ${external.length === 0 ? 'the cloud shows no external network' : 'several external networks'}; pass network (name or id). External networks: ${describe(external)}`,
      { provider },
    );
  }
  const hit = external.find((n) => n.id === wanted) ?? external.filter((n) => n.name === wanted);
  if (!Array.isArray(hit)) return hit.id;
  if (hit.length === 1) return hit[0]!.id;
  if (hit.length > 1)
    throw new InvalidArgumentError(`${m}: several external networks are named ${JSON.stringify(wanted)}; pass its id: ${describe(hit)}`, {
      provider,
    });
  // Not listed (e.g. not visible as external to this project): an id is sent as is and Neutron decides.
  if (UUID.test(wanted)) return wanted;
  throw new InvalidArgumentError(`${m}: no external network ${JSON.stringify(wanted)}. External networks: ${describe(external)}`, {
    provider,
  });
}

/** Allocates a floating IP (`POST /floatingips`) from an external network given by object, id or name. */
export async function exAllocateFloatingIp(ctx: NetworkContext, options: AllocateFloatingIpOptions = {}): Promise<OpenStackFloatingIp> {
  const networkId = await externalNetworkId(ctx, options);
  const floatingip: Record<string, string> = { floating_network_id: networkId };
  if (options.description !== undefined) floatingip.description = options.description;
  const res = await ctx.network.request<{ floatingip: NeutronFloatingIpWire }>({
    method: 'POST',
    path: 'floatingips',
    json: { floatingip },
    signal: options.signal,
    errorContext: { action: `allocate a floating IP from network ${networkId}` },
  });
  return toFloatingIp(res.body.floatingip);
}

function pickPort(ports: readonly OpenStackPort[], fixedIp: string | undefined): OpenStackPort | undefined {
  if (fixedIp !== undefined) return ports.find((p) => p.fixedIps.some((f) => f.ipAddress === fixedIp));
  const v4 = ports.filter((p) => p.fixedIps.some((f) => f.ipAddress.includes('.')));
  return v4.find((p) => p.status === 'ACTIVE') ?? v4[0] ?? ports[0];
}

/**
 * Associates a floating IP with a server: finds the server's ports (`GET /ports?device_id=`), picks the one
 * holding `fixedIp` (default: the first with an IPv4 address) and sets the floating IP's `port_id`.
 */
export async function exAssociateFloatingIp(
  ctx: NetworkContext,
  ip: FloatingIpRef,
  node: Ref<{ id: string }>,
  options: AssociateFloatingIpOptions = {},
): Promise<OpenStackFloatingIp> {
  const provider = ctx.network.provider;
  const m = 'exAssociateFloatingIp';
  const serverId = idOf(ctx, node, 'node', m, 'server id');
  if (options.fixedIp !== undefined && (typeof options.fixedIp !== 'string' || !ADDRESS.test(options.fixedIp)))
    throw new InvalidArgumentError(`${m}: fixedIp must be an IP address, got ${JSON.stringify(options.fixedIp)}`, { provider });
  const id = await floatingIpId(ctx, ip, m, options.signal);
  const ports = await exListPorts(ctx, { node: serverId, signal: options.signal });
  const port = pickPort(ports, options.fixedIp);
  if (port === undefined) {
    const have = ports.flatMap((p) => p.fixedIps.map((f) => f.ipAddress));
    throw new NotFoundError(
      options.fixedIp === undefined
        ? `${provider}: ${m}: server ${serverId} has no port`
        : `${provider}: ${m}: server ${serverId} has no port with address ${options.fixedIp} (it has ${have.join(', ') || 'none'})`,
      { provider, providerCode: 'PortNotFound' },
    );
  }
  const floatingip: Record<string, string> = { port_id: port.id };
  if (options.fixedIp !== undefined) floatingip.fixed_ip_address = options.fixedIp;
  const res = await ctx.network.request<{ floatingip: NeutronFloatingIpWire }>({
    method: 'PUT',
    path: `floatingips/${encodeURIComponent(id)}`,
    json: { floatingip },
    signal: options.signal,
    errorContext: { action: `associate floating IP ${id} with server ${serverId} (port ${port.id})` },
  });
  return toFloatingIp(res.body.floatingip);
}

/** Disassociates a floating IP from its port (`PUT /floatingips/{id}` with `port_id: null`); it stays allocated. */
export async function exDisassociateFloatingIp(
  ctx: NetworkContext,
  ip: FloatingIpRef,
  options: CallOptions = {},
): Promise<OpenStackFloatingIp> {
  const id = await floatingIpId(ctx, ip, 'exDisassociateFloatingIp', options.signal);
  const res = await ctx.network.request<{ floatingip: NeutronFloatingIpWire }>({
    method: 'PUT',
    path: `floatingips/${encodeURIComponent(id)}`,
    json: { floatingip: { port_id: null } },
    signal: options.signal,
    errorContext: { action: `disassociate floating IP ${id}` },
  });
  return toFloatingIp(res.body.floatingip);
}

/** Releases a floating IP back to its pool (`DELETE /floatingips/{id}`). */
export async function exReleaseFloatingIp(ctx: NetworkContext, ip: FloatingIpRef, options: CallOptions = {}): Promise<boolean> {
  const id = await floatingIpId(ctx, ip, 'exReleaseFloatingIp', options.signal);
  await ctx.network.request({
    method: 'DELETE',
    path: `floatingips/${encodeURIComponent(id)}`,
    signal: options.signal,
    errorContext: { action: `release floating IP ${id}` },
  });
  return true;
}
