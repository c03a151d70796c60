import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { checkExKeys, requireNonBlank, type CallOptions } from '@cloudmux/core';
import type { CreateNodeOptions, ListNodesOptions, Node, NodeDriver, NodeSize, Ref } from '@cloudmux/core/compute';
import { InvalidArgumentError, MalformedResponseError, NotFoundError } from '@cloudmux/core/errors';
import { getDefaultImage, getDefaultSize } from './catalog.js';
import type { JoyentContext } from './context.js';
import { createMachineBody, packageRef } from './create-body.js';
import { datasetIdMap } from './dataset-ids.js';
import { driverForLocation } from './datacenters.js';
import { machineId, segment } from './ids.js';
import { listMachinesQuery } from './list-query.js';
import {
  CREATE_NODE_EXTRAS,
  expandHome,
  type JoyentCreateNodeEx,
  type JoyentCreateNodeOptions,
  type JoyentListNodesEx,
} from './options.js';
import { asArray, pages } from './paging.js';
import { toAuditEntry } from './to-extras.js';
import { toNode } from './to-node.js';
import type { JoyentAuditEntry, JoyentNodeExtra } from './types.js';
import type { WireAuditEntry, WireMachine } from './wire.js';

/** How many machines at the end of a page are remembered to drop repeats at the start of the next. */
const PAGE_OVERLAP_CHECK = 100;

/** A 410 answer is a machine that was deleted: CloudAPI still sends its body. */
function deletedMachine(id: string, body: unknown): WireMachine {
  const m = body && typeof body === 'object' ? (body as Partial<WireMachine>) : {};
  return { ...m, id: m.id ?? id, name: m.name ?? id, state: 'deleted' };
}

/**
 * Machines page by page (limit ≤ 1000 and offset, until a short page), mapped to nodes. When
 * the list shifts while paging (a machine created meanwhile), the first machines of a page
 * repeat the end of the previous one: those are dropped, so no node is yielded twice.
 */
async function* nodePages(ctx: JoyentContext, options: ListNodesOptions<JoyentListNodesEx>): AsyncGenerator<Node<JoyentNodeExtra>[]> {
  const { client, settings } = ctx;
  const ids = options.ids?.map((id, i) => machineId(id, 'listNodes', `ids[${i}]`));
  if (ids && ids.length > 0 && ids.length <= 20 && !options.ex) {
    const out: Node<JoyentNodeExtra>[] = [];
    for (const id of ids) {
      try {
        out.push(await getNode(ctx, id, { signal: options.signal }));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
    }
    yield out;
    return;
  }
  const { query, pageSize } = listMachinesQuery(options.ex, settings.legacy65);
  const wanted = ids ? new Set(ids) : undefined;
  let previousTail: Set<string> | undefined;
  for await (const page of pages<WireMachine>(client, client.path('machines'), query, options.signal, pageSize)) {
    const dc = settings.datacenter;
    const datasets = await datasetIdMap(
      ctx,
      page.map((m) => m.dataset),
      options.signal,
    );
    const out: Node<JoyentNodeExtra>[] = [];
    let i = 0;
    if (previousTail) while (i < page.length && previousTail.has((page[i] as WireMachine).id)) i++;
    for (; i < page.length; i++) {
      const m = page[i] as WireMachine;
      if (wanted && !wanted.has(m.id)) continue;
      out.push(toNode(m, ctx.driver, dc, datasets));
    }
    previousTail = new Set(page.slice(-PAGE_OVERLAP_CHECK).map((m) => m.id));
    yield out;
  }
}

/** ListMachines lazily, one page (≤ 1000) at a time, following every page. */
export async function* iterateNodes(
  ctx: JoyentContext,
  options: ListNodesOptions<JoyentListNodesEx>,
): AsyncGenerator<Node<JoyentNodeExtra>> {
  for await (const page of nodePages(ctx, options)) yield* page;
}

/** ListMachines, every page. */
export async function listNodes(ctx: JoyentContext, options: ListNodesOptions<JoyentListNodesEx>): Promise<Node<JoyentNodeExtra>[]> {
  const out: Node<JoyentNodeExtra>[] = [];
  for await (const page of nodePages(ctx, options)) for (const n of page) out.push(n);
  return out;
}

/** GetMachine; a deleted machine (410) comes back in state TERMINATED. */
export async function getNode(
  ctx: JoyentContext,
  id: string,
  options: CallOptions & { credentials?: boolean },
): Promise<Node<JoyentNodeExtra>> {
  id = machineId(id, 'getNode', 'id');
  const { client, settings } = ctx;
  const res = await client.request<WireMachine>({
    method: 'GET',
    path: client.path('machines', id),
    query: options.credentials ? { credentials: true } : undefined,
    acceptStatus: [410],
    signal: options.signal,
  });
  const m = res.status === 410 ? deletedMachine(id, res.body) : res.body;
  return toNode(m, ctx.driver, settings.datacenter, await datasetIdMap(ctx, [m.dataset], options.signal));
}

/**
 * CreateMachine, in another datacenter when `location` names one; a name is generated when absent.
 * With `ex.useDefaults`, an omitted size / image is the datacenter's default package / image.
 */
export async function createNode(ctx: JoyentContext, options: JoyentCreateNodeOptions): Promise<Node<JoyentNodeExtra>> {
  checkExKeys(options.ex, CREATE_NODE_EXTRAS, { method: 'createNode', provider: ctx.driver.providerId });
  if (options.location !== undefined) {
    const target = await driverForLocation<NodeDriver>(ctx, options.location, options.signal);
    if (target !== ctx.driver)
      return target.createNode({ ...options, location: undefined } as CreateNodeOptions) as Promise<Node<JoyentNodeExtra>>;
  }
  const { client, settings } = ctx;
  const name = options.name ?? `cloudmux-${randomBytes(4).toString('hex')}`;
  const ex = await readUserScriptFile(options.ex);
  const { size, image } = await withDefaults(ctx, options);
  const body = createMachineBody({ ...options, size, image, ex, name }, settings.legacy65);
  const res = await client.request<WireMachine>({ method: 'POST', path: client.path('machines'), json: body, signal: options.signal });
  return toNode(res.body, ctx.driver, settings.datacenter, await datasetIdMap(ctx, [res.body.dataset], options.signal));
}

/** `size` and `image` as given, or (with `ex.useDefaults: true` only) the datacenter's defaults. */
async function withDefaults(ctx: JoyentContext, options: JoyentCreateNodeOptions): Promise<Pick<CreateNodeOptions, 'size' | 'image'>> {
  let { size, image } = options;
  if (options.ex?.useDefaults === true) {
    const signal = options.signal;
    if (!size) size = (await getDefaultSize(ctx, { signal })) ?? noDefault('package');
    if (!image) image = (await getDefaultImage(ctx, { signal })) ?? noDefault('image');
  }
  // createMachineBody refuses a missing size or image (naming ex.useDefaults).
  return { size, image } as Pick<CreateNodeOptions, 'size' | 'image'>;
}

function noDefault(what: string): never {
  throw new InvalidArgumentError(
    `createNode ex.useDefaults: the datacenter lists no ${what} to default to; pass ${what === 'image' ? 'image' : 'size'}`,
  );
}

/** `ex` with `userScriptFile` read into `userScript` (both given is an error). */
async function readUserScriptFile(ex: JoyentCreateNodeEx | undefined): Promise<JoyentCreateNodeEx | undefined> {
  if (ex?.userScriptFile === undefined) return ex;
  if (ex.userScript !== undefined)
    throw new InvalidArgumentError('createNode: give the boot script once, as ex.userScript (text) or ex.userScriptFile (a path)');
  const file = expandHome(
    requireNonBlank(ex.userScriptFile, 'ex.userScriptFile', { method: 'createNode', provider: 'joyent', what: 'file path' }),
  );
  try {
    return { ...ex, userScriptFile: undefined, userScript: await readFile(file, 'utf8') };
  } catch (cause) {
    throw new InvalidArgumentError(
      `createNode ex.userScriptFile: cannot read ${file} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
      {
        cause,
      },
    );
  }
}

/** POSTs `action` with parameters on a machine (the id is checked first: an empty one would POST to CreateMachine). */
export async function machineAction(
  ctx: JoyentContext,
  node: Ref<Node>,
  action: string,
  params: Record<string, string | boolean>,
  options: CallOptions,
  method: string,
): Promise<boolean> {
  const id = machineId(node, method);
  await ctx.client.request<unknown>({
    method: 'POST',
    path: ctx.client.path('machines', id),
    json: { action, ...params },
    idempotent: false,
    signal: options.signal,
  });
  return true;
}

/** DeleteMachine (true also when it was already deleted). */
export async function destroyNode(ctx: JoyentContext, node: Ref<Node>, options: CallOptions): Promise<boolean> {
  const id = machineId(node, 'destroyNode');
  await ctx.client.request<unknown>({
    method: 'DELETE',
    path: ctx.client.path('machines', id),
    acceptStatus: [410],
    signal: options.signal,
  });
  return true;
}

/** `HEAD /:login/machines` with the same filters as listNodes; reads `x-resource-count`. */
export async function countNodes(ctx: JoyentContext, filters: JoyentListNodesEx | undefined, options: CallOptions): Promise<number> {
  const { client, settings } = ctx;
  const { query } = listMachinesQuery(filters ? { ...filters, pageSize: undefined } : undefined, settings.legacy65);
  const res = await client.request<string>({
    method: 'HEAD',
    path: client.path('machines'),
    query,
    responseType: 'text',
    signal: options.signal,
  });
  const count = Number(res.headers['x-resource-count']);
  if (!Number.isFinite(count))
    throw new MalformedResponseError('HEAD machines answered without an x-resource-count header', '', {
      provider: 'joyent',
      requestId: res.requestId,
    });
  return count;
}

/** ResizeMachine to another package (a size's UUID; its name in legacy 6.5 mode). */
export function resizeNode(ctx: JoyentContext, node: Ref<Node>, size: Ref<NodeSize>, options: CallOptions): Promise<boolean> {
  machineId(node, 'exResizeNode');
  const pkg = segment(packageRef(size, ctx.settings.legacy65), 'size', 'exResizeNode', 'package id or name');
  return machineAction(ctx, node, 'resize', { package: pkg }, options, 'exResizeNode');
}

/** RenameMachine. */
export function renameNode(ctx: JoyentContext, node: Ref<Node>, name: string, options: CallOptions): Promise<boolean> {
  return machineAction(
    ctx,
    node,
    'rename',
    { name: requireNonBlank(name, 'name', { method: 'exRenameNode', provider: 'joyent', what: 'machine name' }) },
    options,
    'exRenameNode',
  );
}

/** EnableMachineFirewall / DisableMachineFirewall. */
export function setFirewallEnabled(ctx: JoyentContext, node: Ref<Node>, enabled: boolean, options: CallOptions): Promise<boolean> {
  return machineAction(ctx, node, enabled ? 'enable_firewall' : 'disable_firewall', {}, options, 'exSetFirewallEnabled');
}

/** EnableMachineDeletionProtection / DisableMachineDeletionProtection (CloudAPI 8.6+). */
export function setDeletionProtection(ctx: JoyentContext, node: Ref<Node>, enabled: boolean, options: CallOptions): Promise<boolean> {
  return machineAction(
    ctx,
    node,
    enabled ? 'enable_deletion_protection' : 'disable_deletion_protection',
    {},
    options,
    'exSetDeletionProtection',
  );
}

/** MachineAudit, newest first. */
export async function machineAudit(ctx: JoyentContext, node: Ref<Node>, options: CallOptions): Promise<JoyentAuditEntry[]> {
  const id = machineId(node, 'exGetMachineAudit');
  const res = await ctx.client.request<WireAuditEntry[]>({
    method: 'GET',
    path: ctx.client.path('machines', id, 'audit'),
    signal: options.signal,
  });
  return asArray(res, 'MachineAudit').map(toAuditEntry);
}
