import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { checkExKeys, InvalidArgumentError, mapSettled, type CallOptions } from '@cloudmux/core';
import { MalformedResponseError } from '@cloudmux/core/errors';
import type { CreateNodeOptions, ListNodesOptions, Node, Ref } from '@cloudmux/core/compute';
import type { ResolvedLocation } from '../config/user-config.js';
import type { StratusLabContext } from './context.js';
import { checkImageId, parseId } from './ids.js';
import { CREATE_NODE_EX_KEYS, LIST_NODES_EX_KEYS, type StratusLabCreateNodeEx, type StratusLabListNodesEx } from './options.js';
import { findInstanceType } from './catalog.js';
import { renderTemplate } from './template.js';
import { toNode, type StratusLabNodeExtra } from './to-node.js';
import { parseVm, parseVmPool } from './vm-xml.js';
import type { WireVm } from './wire.js';

const P = 'stratuslab';

function malformed(what: string, body: unknown, cause: unknown): MalformedResponseError {
  return new MalformedResponseError(
    `stratuslab: ${what} answered an unreadable document: ${cause instanceof Error ? cause.message : String(cause)}`,
    String(body).slice(0, 200),
    {
      provider: P,
    },
  );
}

/** `one.vm.info` of one VM, parsed. */
export async function vmInfo(ctx: StratusLabContext, location: ResolvedLocation, vmId: number, signal?: AbortSignal): Promise<WireVm> {
  const xml = await ctx.one(location).call('one.vm.info', [vmId], signal);
  try {
    return parseVm(String(xml));
  } catch (e) {
    throw malformed('one.vm.info', xml, e);
  }
}

/** `one.vmpool.info(-3, -1, -1, -1)` of one location: the user's VMs that are not DONE. */
async function vmPool(ctx: StratusLabContext, location: ResolvedLocation, signal?: AbortSignal): Promise<WireVm[]> {
  const xml = await ctx.one(location).call('one.vmpool.info', [-3, -1, -1, -1], signal);
  try {
    return parseVmPool(String(xml));
  } catch (e) {
    throw malformed('one.vmpool.info', xml, e);
  }
}

/** Lists the nodes of every location (or `ex.location`), querying the clouds concurrently. */
export async function listNodes(
  ctx: StratusLabContext,
  options: ListNodesOptions<StratusLabListNodesEx> = {},
): Promise<Node<StratusLabNodeExtra>[]> {
  const ex = checkExKeys(options.ex, LIST_NODES_EX_KEYS, { method: 'listNodes', provider: P });
  const ids = options.ids?.map((id) => parseId(id, 'ids', 'listNodes', ctx.locationIds, 'node'));
  const locations = ex?.location !== undefined ? [ctx.location(ex.location, 'listNodes')] : ctx.config.locations;
  const settled = await mapSettled(locations, 4, (l) => vmPool(ctx, l, options.signal));
  const nodes: Node<StratusLabNodeExtra>[] = [];
  settled.forEach((r, i) => {
    if (!r.ok) throw r.error;
    const location = locations[i]!;
    for (const vm of r.value) nodes.push(toNode(vm, location.id, ctx.config.instanceTypes, ctx.driver));
  });
  if (!ids) return nodes;
  const wanted = new Set(ids.map((i) => `${i.location}:${i.local}`));
  return nodes.filter((n) => wanted.has(n.id));
}

/** Gets one node (`one.vm.info`); a finished VM comes back TERMINATED, an unknown one is `NotFoundError`. */
export async function getNode(ctx: StratusLabContext, id: string, options: CallOptions = {}): Promise<Node<StratusLabNodeExtra>> {
  const { location, local } = parseId(id, 'id', 'getNode', ctx.locationIds, 'node');
  const loc = ctx.location(location, 'getNode');
  return toNode(await vmInfo(ctx, loc, Number(local), options.signal), loc.id, ctx.config.instanceTypes, ctx.driver);
}

/**
 * Creates a VM: checks the arguments, checks that the image is in the Marketplace with at least one
 * download location, renders the template, `one.vm.allocate`s it, then reads it back with
 * `one.vm.info` (the IP is leased at allocation).
 */
export async function createNode(
  ctx: StratusLabContext,
  options: CreateNodeOptions<StratusLabCreateNodeEx>,
): Promise<Node<StratusLabNodeExtra>> {
  const method = 'createNode';
  const ex = checkExKeys(options.ex, CREATE_NODE_EX_KEYS, { method, provider: P }) ?? {};
  const location = ctx.location(options.location, method);
  const size = findInstanceType(ctx, options.size, method);
  const imageId = checkImageId(typeof options.image === 'string' ? options.image : options.image?.id, 'image', method);
  if (options.name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(options.name)) {
    throw new InvalidArgumentError(
      `${method}: invalid name ${JSON.stringify(options.name)}: use 1-128 characters [A-Za-z0-9._-], starting with a letter or digit`,
      { provider: P },
    );
  }
  const auth = options.auth;
  if (auth !== undefined && auth.kind !== 'ssh-key') {
    throw new InvalidArgumentError(
      `${method}: StratusLab machines take an SSH public key (auth.kind "ssh-key"), got auth.kind ${JSON.stringify(auth.kind)}`,
      { provider: P },
    );
  }
  const network = ex.network ?? 'public';
  if (!['public', 'private', 'local'].includes(network)) {
    throw new InvalidArgumentError(`${method}: invalid ex.network ${JSON.stringify(network)}. Valid values: local, private, public`, {
      provider: P,
    });
  }
  const diskBusOption = ex.diskBus;
  if (diskBusOption !== undefined && !['virtio', 'scsi', 'ide'].includes(diskBusOption)) {
    throw new InvalidArgumentError(`${method}: invalid ex.diskBus ${JSON.stringify(diskBusOption)}. Valid values: ide, scsi, virtio`, {
      provider: P,
    });
  }
  const pdiskHost = new URL(location.pdiskEndpoint).host;
  const persistentDisks = (ex.volumes ?? []).map((v) => {
    const id = parseId(v, 'ex.volumes', method, ctx.locationIds, 'volume');
    if (id.location !== location.id) {
      throw new InvalidArgumentError(`${method}: volume ${v} is in location ${id.location}, the node in ${location.id}`, { provider: P });
    }
    return `pdisk:${pdiskHost}/${id.local}`;
  });
  const marketplace = ctx.marketplace(location);
  const entries = await marketplace.get(imageId, options.signal);
  if (!entries.some((e) => e.locations.length > 0)) {
    throw new InvalidArgumentError(`${method}: Marketplace image ${imageId} lists no download location (slterms:location)`, {
      provider: P,
    });
  }
  const bus =
    diskBusOption ??
    entries
      .map((e) => e.terms.get('http://mp.stratuslab.eu/slterms#disks-bus'))
      .find((b) => b === 'virtio' || b === 'scsi' || b === 'ide') ??
    'virtio';
  const template = renderTemplate({
    name: options.name,
    size,
    imageUrl: marketplace.metadataUrl(imageId),
    diskBus: bus as 'virtio' | 'scsi' | 'ide',
    network,
    publicKey: auth?.kind === 'ssh-key' ? auth.publicKey.trim() : await configuredPublicKey(location),
    context: ex.context ?? {},
    persistentDisks,
  });
  const vmId = await ctx.one(location).call('one.vm.allocate', [template], options.signal);
  if (typeof vmId !== 'number') throw malformed('one.vm.allocate', vmId, new Error('the value is not an int VM id'));
  return toNode(await vmInfo(ctx, location, vmId, options.signal), location.id, ctx.config.instanceTypes, ctx.driver);
}

/** The location's `user_public_key_file` (`~` expanded), read when `createNode` gets no `auth`. */
async function configuredPublicKey(location: ResolvedLocation): Promise<string | undefined> {
  const file = location.userPublicKeyFile;
  if (file === undefined) return undefined;
  const resolved = file.startsWith('~/') ? `${os.homedir()}${file.slice(1)}` : file;
  try {
    return (await readFile(resolved, 'utf8')).trim();
  } catch (cause) {
    throw new InvalidArgumentError(`createNode: user_public_key_file ${resolved} of location ${location.id} cannot be read`, {
      provider: P,
      cause,
    });
  }
}

/** Sends `one.vm.action(action, vmId)` to a node's cloud. */
export async function vmAction(
  ctx: StratusLabContext,
  node: Ref<Node>,
  action: 'finalize' | 'shutdown',
  method: string,
  options: CallOptions = {},
): Promise<boolean> {
  const { location, local } = parseId(node, 'node', method, ctx.locationIds, 'node');
  await ctx.one(ctx.location(location, method)).call('one.vm.action', [action, Number(local)], options.signal);
  return true;
}
