/**
 * Nova servers: list (every page), get, create, power actions, delete.
 * @module
 */
import { createHash } from 'node:crypto';
import { checkExKeys, requireId, requireRefId, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, MalformedResponseError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import type { Node, Ref } from '@cloudmux/core/compute';
import type { HttpRequest } from '@cloudmux/core/http';
import { nextLink, resolveNextLink } from '../common/paging.js';
import type { OpenStackContext } from './context.js';
import { microversionAtLeast } from './microversion.js';
import { namesWithoutId } from './flavor-names.js';
import { toNode } from './to-node.js';
import type {
  OpenStackCreateNodeEx,
  OpenStackCreateNodeOptions,
  OpenStackListNodesOptions,
  OpenStackNetworkSpec,
  OpenStackNodeExtra,
} from './types.js';
import type { NovaServer } from './wire.js';

const LIST_EX_KEYS = ['name', 'status', 'image', 'flavor', 'changesSince', 'tags', 'tagsAny', 'pageSize'] as const;
const CREATE_EX_KEYS: readonly (keyof OpenStackCreateNodeEx)[] = [
  'keyName',
  'networks',
  'securityGroups',
  'availabilityZone',
  'userData',
  'metadata',
  'configDrive',
  'bootVolume',
  'blockDeviceMappings',
  'minCount',
  'maxCount',
  'tags',
  'adminPass',
  'schedulerHints',
  'description',
  'diskConfig',
];

/** Path of one server. */
export function serverPath(ctx: OpenStackContext, node: Ref<Node>, method: string): string {
  return `servers/${encodeURIComponent(requireRefId(node, 'node', { method, provider: ctx.settings.provider, what: 'server id' }))}`;
}

function listQuery(ctx: OpenStackContext, options: OpenStackListNodesOptions): Record<string, string> {
  const provider = ctx.settings.provider;
  const ex = checkExKeys(options.ex, LIST_EX_KEYS, { method: 'listNodes', provider }) ?? {};
  const pageSize = ex.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new InvalidArgumentError(`listNodes: ex.pageSize must be a positive integer, got ${String(pageSize)}`, { provider });
  const query: Record<string, string> = { limit: String(pageSize) };
  if (ex.name !== undefined) query.name = ex.name;
  if (ex.status !== undefined) query.status = ex.status.toUpperCase();
  if (ex.image !== undefined) query.image = ex.image;
  if (ex.flavor !== undefined) query.flavor = ex.flavor;
  if (ex.changesSince !== undefined) {
    const d = ex.changesSince instanceof Date ? ex.changesSince : new Date(ex.changesSince);
    if (Number.isNaN(d.getTime()))
      throw new InvalidArgumentError(`listNodes: ex.changesSince is not a date: ${String(ex.changesSince)}`, { provider });
    query['changes-since'] = d.toISOString();
  }
  if (ex.tags !== undefined && ex.tags.length > 0) query.tags = ex.tags.join(',');
  if (ex.tagsAny !== undefined && ex.tagsAny.length > 0) query['tags-any'] = ex.tagsAny.join(',');
  return query;
}

/**
 * Pages of servers (`GET /servers/detail`, following `servers_links` rel=next), mapped to nodes a page at a time
 * (one await per page, not per server); `options.ids` keeps only those ids.
 */
export async function* nodePages(
  ctx: OpenStackContext,
  options: OpenStackListNodesOptions = {},
): AsyncGenerator<Node<OpenStackNodeExtra>[]> {
  const query = listQuery(ctx, options);
  const ids = options.ids ? new Set(options.ids) : undefined;
  const seen = new Set<string>();
  let req: HttpRequest = { method: 'GET', path: 'servers/detail', query, signal: options.signal };
  for (;;) {
    const res = await ctx.compute.request<{ servers?: NovaServer[]; servers_links?: unknown }>(req);
    const servers = res.body.servers ?? [];
    const names = namesWithoutId(servers);
    const flavorIds =
      names.size > 0 ? (ctx.flavorNames.cached(names) ?? (await ctx.flavorNames.ids(ctx.compute, names, options.signal))) : undefined;
    const page: Node<OpenStackNodeExtra>[] = [];
    for (const s of servers) if (!ids || ids.has(s.id)) page.push(toNode(s, ctx.driver, undefined, flavorIds));
    yield page;
    const next = nextLink(res.body.servers_links);
    if (next === undefined || servers.length === 0) return;
    const url = resolveNextLink(await ctx.compute.baseUrl(options.signal), next);
    if (seen.has(url))
      throw new MalformedResponseError(`${ctx.settings.provider}: the server listing's next link repeats (${url})`, '', {
        provider: ctx.settings.provider,
        requestId: res.requestId,
      });
    seen.add(url);
    req = { method: 'GET', path: url, signal: options.signal };
  }
}

/** Iterates servers, every page, with Nova's filters from `ex`. */
export async function* iterateNodes(
  ctx: OpenStackContext,
  options: OpenStackListNodesOptions = {},
): AsyncGenerator<Node<OpenStackNodeExtra>> {
  for await (const page of nodePages(ctx, options)) yield* page;
}

/** Every server (all pages). */
export async function listNodes(ctx: OpenStackContext, options: OpenStackListNodesOptions = {}): Promise<Node<OpenStackNodeExtra>[]> {
  const out: Node<OpenStackNodeExtra>[] = [];
  for await (const page of nodePages(ctx, options)) for (const n of page) out.push(n);
  return out;
}

/** A server as a node, its embedded flavor's id looked up by name (2.47+). */
export function toNodeWithSize(
  ctx: OpenStackContext,
  s: NovaServer,
  signal: AbortSignal | undefined,
  password?: string,
): Node<OpenStackNodeExtra> | Promise<Node<OpenStackNodeExtra>> {
  const names = namesWithoutId([s]);
  if (names.size === 0) return toNode(s, ctx.driver, password);
  const cached = ctx.flavorNames.cached(names);
  if (cached) return toNode(s, ctx.driver, password, cached);
  return ctx.flavorNames.ids(ctx.compute, names, signal).then((ids) => toNode(s, ctx.driver, password, ids));
}

/** `GET /servers/{id}` as the raw server. */
export async function getServer(
  ctx: OpenStackContext,
  node: Ref<Node>,
  options: CallOptions = {},
  method = 'getNode',
): Promise<NovaServer> {
  const res = await ctx.compute.request<{ server: NovaServer }>({
    method: 'GET',
    path: serverPath(ctx, node, method),
    signal: options.signal,
  });
  return res.body.server;
}

/** One server; `NotFoundError` when it does not exist (or is gone after a delete). */
export async function getNode(ctx: OpenStackContext, id: string, options: CallOptions = {}): Promise<Node<OpenStackNodeExtra>> {
  requireId(id, 'id', { method: 'getNode', provider: ctx.settings.provider, what: 'server id' });
  return toNodeWithSize(ctx, await getServer(ctx, id, options), options.signal);
}

function networksBody(ctx: OpenStackContext, nets: OpenStackCreateNodeEx['networks'], negotiated: string | undefined): unknown {
  if (nets === 'auto' || nets === 'none') return nets;
  if (nets === undefined) return microversionAtLeast(negotiated, 2, 37) ? 'auto' : undefined;
  return nets.map((n: OpenStackNetworkSpec) => {
    if (typeof n === 'string') return { uuid: n };
    if (n.network === undefined && n.port === undefined)
      throw new InvalidArgumentError(`createNode: each ex.networks entry needs a network or a port id`, {
        provider: ctx.settings.provider,
      });
    const out: Record<string, string> = {};
    if (n.network !== undefined) out.uuid = n.network;
    if (n.port !== undefined) out.port = n.port;
    if (n.fixedIp !== undefined) out.fixed_ip = n.fixedIp;
    if (n.tag !== undefined) out.tag = n.tag;
    return out;
  });
}

async function keyNameForAuth(ctx: OpenStackContext, publicKey: string, signal: AbortSignal | undefined): Promise<string> {
  const name = `cloudmux-${createHash('sha256').update(publicKey.trim().split(/\s+/).slice(0, 2).join(' ')).digest('hex').slice(0, 16)}`;
  try {
    await ctx.compute.request({ method: 'GET', path: `os-keypairs/${name}`, signal });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    await ctx.compute.request({ method: 'POST', path: 'os-keypairs', json: { keypair: { name, public_key: publicKey.trim() } }, signal });
  }
  return name;
}

/** The error for a server that went to ERROR, naming its fault. */
export function buildFailed(ctx: OpenStackContext, s: NovaServer): ProviderError {
  const message = s.fault?.message ?? 'no fault reported';
  return new ProviderError(`${ctx.settings.provider}: server ${s.id} failed to build: ${message}`, {
    provider: ctx.settings.provider,
    providerCode: 'ERROR',
    providerMessage: message,
    status: s.fault?.code,
  });
}

/**
 * `POST /servers`, then `GET` the new server. Returns at once (state PENDING while it builds); a server that
 * is already in ERROR throws a `ProviderError` carrying Nova's `fault.message` (later failures surface in
 * `waitUntilRunning`/`deployNode` the same way).
 */
export async function createNode(ctx: OpenStackContext, options: OpenStackCreateNodeOptions): Promise<Node<OpenStackNodeExtra>> {
  const provider = ctx.settings.provider;
  const method = 'createNode';
  const ex = checkExKeys(options.ex, CREATE_EX_KEYS, { method, provider }) ?? {};
  const flavorRef = requireRefId(options.size, 'size', { method, provider, what: 'flavor id' });
  const imageRef = requireRefId(options.image, 'image', { method, provider, what: 'image id' });
  if (options.location !== undefined) requireRefId(options.location, 'location', { method, provider, what: 'availability zone' });
  if (options.auth?.kind === 'ssh-key' && ex.keyName !== undefined)
    throw new InvalidArgumentError(`createNode: give auth or ex.keyName, not both`, { provider });
  const negotiated = await ctx.compute.negotiate(options.signal);
  const server: Record<string, unknown> = { name: options.name ?? `cloudmux-${Date.now().toString(36)}`, flavorRef };
  if (ex.bootVolume !== undefined || ex.blockDeviceMappings !== undefined) {
    server.block_device_mapping_v2 = ex.blockDeviceMappings ?? [
      {
        boot_index: 0,
        uuid: imageRef,
        source_type: 'image',
        destination_type: 'volume',
        volume_size: ex.bootVolume!.sizeGb,
        delete_on_termination: ex.bootVolume!.deleteOnTermination ?? true,
        ...(ex.bootVolume!.volumeType !== undefined ? { volume_type: ex.bootVolume!.volumeType } : {}),
      },
    ];
    if (ex.blockDeviceMappings !== undefined) server.imageRef = imageRef;
  } else server.imageRef = imageRef;
  if (options.location !== undefined && ex.availabilityZone !== undefined)
    throw new InvalidArgumentError(`createNode: give location or ex.availabilityZone, not both`, { provider });
  const zone =
    options.location !== undefined
      ? requireRefId(options.location, 'location', { method, provider, what: 'availability zone' })
      : ex.availabilityZone;
  if (zone !== undefined) server.availability_zone = zone;
  let keyName = ex.keyName;
  if (options.auth?.kind === 'ssh-key') {
    if (keyName !== undefined) throw new InvalidArgumentError(`createNode: give auth or ex.keyName, not both`, { provider });
    keyName = await keyNameForAuth(ctx, options.auth.publicKey, options.signal);
  }
  if (keyName !== undefined) server.key_name = keyName;
  const adminPass = options.auth?.kind === 'password' ? options.auth.password : ex.adminPass;
  if (adminPass !== undefined) server.adminPass = adminPass;
  const networks = networksBody(ctx, ex.networks, negotiated);
  if (networks !== undefined) server.networks = networks;
  if (ex.securityGroups !== undefined) server.security_groups = ex.securityGroups.map((name) => ({ name }));
  if (ex.userData !== undefined) server.user_data = Buffer.from(ex.userData).toString('base64');
  if (ex.metadata !== undefined) server.metadata = { ...ex.metadata };
  if (ex.configDrive !== undefined) server.config_drive = ex.configDrive;
  if (ex.minCount !== undefined) server.min_count = ex.minCount;
  if (ex.maxCount !== undefined) server.max_count = ex.maxCount;
  if (ex.description !== undefined) server.description = ex.description;
  if (ex.diskConfig !== undefined) {
    if (ex.diskConfig !== 'AUTO' && ex.diskConfig !== 'MANUAL')
      throw new InvalidArgumentError(`createNode: ex.diskConfig ${JSON.stringify(ex.diskConfig)} is not one of AUTO, MANUAL`, { provider });
    server['OS-DCF:diskConfig'] = ex.diskConfig;
  }
  if (ex.tags !== undefined) {
    if (!microversionAtLeast(negotiated, 2, 52))
      throw new InvalidArgumentError(`createNode: ex.tags needs compute microversion 2.52 (in use: ${negotiated ?? '2.1'})`, { provider });
    server.tags = [...ex.tags];
  }
  const body: Record<string, unknown> = { server };
  if (ex.schedulerHints !== undefined) body['os:scheduler_hints'] = { ...ex.schedulerHints };
  const res = await ctx.compute.request<{ server: { id: string; adminPass?: string } }>({
    method: 'POST',
    path: 'servers',
    json: body,
    signal: options.signal,
    errorContext: { action: 'create server' },
  });
  const created = await getServer(ctx, res.body.server.id, options, method);
  if (created.status === 'ERROR') throw buildFailed(ctx, created);
  return toNodeWithSize(ctx, created, options.signal, res.body.server.adminPass ?? adminPass);
}

/** `POST /servers/{id}/action` with `{ [action]: arg }`. */
export async function serverAction(
  ctx: OpenStackContext,
  node: Ref<Node>,
  action: string,
  arg: unknown,
  options: CallOptions,
  method: string,
): Promise<void> {
  await ctx.compute.request({
    method: 'POST',
    path: `${serverPath(ctx, node, method)}/action`,
    json: { [action]: arg },
    signal: options.signal,
  });
}

/** Deletes a server; `NotFoundError` when it is already gone. */
export async function destroyNode(ctx: OpenStackContext, node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
  await ctx.compute.request({ method: 'DELETE', path: serverPath(ctx, node, 'destroyNode'), signal: options.signal });
  return true;
}
