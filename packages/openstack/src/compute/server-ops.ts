/**
 * Server extensions: rebuild, resize + confirm/revert, rename, metadata, tags, console output, create image.
 * @module
 */
import { requireId, requireNonBlank, requireRefId, type CallOptions } from '@cloudmux/core';
import { MalformedResponseError, NotFoundError, NotSupportedError } from '@cloudmux/core/errors';
import type { Node, NodeSize, Ref } from '@cloudmux/core/compute';
import type { OpenStackContext } from './context.js';
import { microversionAtLeast } from './microversion.js';
import { getServer, serverAction, serverPath, toNodeWithSize } from './nodes.js';
import type { NovaServer } from './wire.js';
import type { ConsoleOutputOptions, CreateImageOptions, OpenStackNodeExtra, RebuildNodeOptions } from './types.js';

type N = Ref<Node>;

function keyPath(ctx: OpenStackContext, node: N, method: string, key: string, what: string): string {
  return `${serverPath(ctx, node, method)}/${what}/${encodeURIComponent(requireId(key, 'key', { method, provider: ctx.settings.provider, what }))}`;
}

/** Rebuilds a server from an image (`rebuild` action); returns the server as Nova reports it. */
export async function rebuildNode(ctx: OpenStackContext, node: N, options: RebuildNodeOptions): Promise<Node<OpenStackNodeExtra>> {
  const provider = ctx.settings.provider;
  const arg: Record<string, unknown> = {
    imageRef: requireRefId(options.image, 'image', { method: 'exRebuildNode', provider, what: 'image id' }),
  };
  if (options.name !== undefined) arg.name = options.name;
  if (options.metadata !== undefined) arg.metadata = { ...options.metadata };
  if (options.adminPass !== undefined) arg.adminPass = options.adminPass;
  await serverAction(ctx, node, 'rebuild', arg, options, 'exRebuildNode');
  return toNodeWithSize(ctx, await getServer(ctx, node, options, 'exRebuildNode'), options.signal);
}

/** Starts a resize to another flavor (the server ends in VERIFY_RESIZE: confirm or revert). */
export async function resizeNode(ctx: OpenStackContext, node: N, size: Ref<NodeSize>, options: CallOptions = {}): Promise<boolean> {
  const flavorRef = requireRefId(size, 'size', { method: 'exResizeNode', provider: ctx.settings.provider, what: 'flavor id' });
  await serverAction(ctx, node, 'resize', { flavorRef }, options, 'exResizeNode');
  return true;
}

/** Renames a server (`PUT /servers/{id}`). */
export async function renameNode(
  ctx: OpenStackContext,
  node: N,
  name: string,
  options: CallOptions = {},
): Promise<Node<OpenStackNodeExtra>> {
  requireNonBlank(name, 'name', { method: 'exRenameNode', provider: ctx.settings.provider, what: 'server name' });
  const res = await ctx.compute.request<{ server: NovaServer }>({
    method: 'PUT',
    path: serverPath(ctx, node, 'exRenameNode'),
    json: { server: { name } },
    signal: options.signal,
  });
  return toNodeWithSize(ctx, res.body.server, options.signal);
}

/** Every metadata item of a server. */
export async function listMetadata(ctx: OpenStackContext, node: N, options: CallOptions = {}): Promise<Record<string, string>> {
  const res = await ctx.compute.request<{ metadata: Record<string, string> }>({
    method: 'GET',
    path: `${serverPath(ctx, node, 'exListMetadata')}/metadata`,
    signal: options.signal,
  });
  return { ...res.body.metadata };
}

/** One metadata value; `NotFoundError` when the key is not set. */
export async function getMetadata(ctx: OpenStackContext, node: N, key: string, options: CallOptions = {}): Promise<string> {
  const res = await ctx.compute.request<{ meta: Record<string, string> }>({
    method: 'GET',
    path: keyPath(ctx, node, 'exGetMetadata', key, 'metadata'),
    signal: options.signal,
  });
  const value = res.body.meta?.[key];
  if (value === undefined)
    throw new MalformedResponseError(
      `${ctx.settings.provider}: metadata reply without key ${key}`,
      JSON.stringify(res.body).slice(0, 200),
      { provider: ctx.settings.provider },
    );
  return value;
}

/** Sets metadata items (merged with the others; `replace: true` replaces them all). */
export async function setMetadata(
  ctx: OpenStackContext,
  node: N,
  metadata: Readonly<Record<string, string>>,
  options: CallOptions & { replace?: boolean | undefined } = {},
): Promise<Record<string, string>> {
  for (const k of Object.keys(metadata))
    requireNonBlank(k, 'metadata key', { method: 'exSetMetadata', provider: ctx.settings.provider, what: 'metadata key' });
  const res = await ctx.compute.request<{ metadata: Record<string, string> }>({
    method: options.replace === true ? 'PUT' : 'POST',
    path: `${serverPath(ctx, node, 'exSetMetadata')}/metadata`,
    json: { metadata: { ...metadata } },
    signal: options.signal,
  });
  return { ...res.body.metadata };
}

/** Deletes one metadata item; `NotFoundError` when it is not set. */
export async function deleteMetadata(ctx: OpenStackContext, node: N, key: string, options: CallOptions = {}): Promise<boolean> {
  await ctx.compute.request({ method: 'DELETE', path: keyPath(ctx, node, 'exDeleteMetadata', key, 'metadata'), signal: options.signal });
  return true;
}

async function tagsSupported(ctx: OpenStackContext, method: string, signal: AbortSignal | undefined): Promise<void> {
  const v = await ctx.compute.negotiate(signal);
  if (!microversionAtLeast(v, 2, 26))
    throw new NotSupportedError(ctx.settings.provider, method, `server tags need compute microversion 2.26 (in use: ${v ?? '2.1'})`);
}

/** The tags of a server (2.26+). */
export async function listTags(ctx: OpenStackContext, node: N, options: CallOptions = {}): Promise<string[]> {
  await tagsSupported(ctx, 'exListTags', options.signal);
  const res = await ctx.compute.request<{ tags: string[] }>({
    method: 'GET',
    path: `${serverPath(ctx, node, 'exListTags')}/tags`,
    signal: options.signal,
  });
  return [...res.body.tags];
}

/** Replaces every tag of a server (2.26+). */
export async function setTags(ctx: OpenStackContext, node: N, tags: readonly string[], options: CallOptions = {}): Promise<string[]> {
  await tagsSupported(ctx, 'exSetTags', options.signal);
  const res = await ctx.compute.request<{ tags: string[] }>({
    method: 'PUT',
    path: `${serverPath(ctx, node, 'exSetTags')}/tags`,
    json: { tags: [...tags] },
    signal: options.signal,
  });
  return [...res.body.tags];
}

/** Adds one tag (2.26+). */
export async function addTag(ctx: OpenStackContext, node: N, tag: string, options: CallOptions = {}): Promise<boolean> {
  await tagsSupported(ctx, 'exAddTag', options.signal);
  await ctx.compute.request({ method: 'PUT', path: keyPath(ctx, node, 'exAddTag', tag, 'tags'), signal: options.signal });
  return true;
}

/** Removes one tag (2.26+); `NotFoundError` when the server does not have it. */
export async function removeTag(ctx: OpenStackContext, node: N, tag: string, options: CallOptions = {}): Promise<boolean> {
  await tagsSupported(ctx, 'exRemoveTag', options.signal);
  await ctx.compute.request({ method: 'DELETE', path: keyPath(ctx, node, 'exRemoveTag', tag, 'tags'), signal: options.signal });
  return true;
}

/** The console log (`os-getConsoleOutput`), the last `length` lines when given. */
export async function consoleOutput(ctx: OpenStackContext, node: N, options: ConsoleOutputOptions = {}): Promise<string> {
  const res = await ctx.compute.request<{ output: string }>({
    method: 'POST',
    path: `${serverPath(ctx, node, 'exGetConsoleOutput')}/action`,
    json: { 'os-getConsoleOutput': options.length === undefined ? {} : { length: options.length } },
    signal: options.signal,
  });
  return res.body.output ?? '';
}

/** Snapshots a server into a Glance image (`createImage`); returns the new image id. */
export async function createImage(ctx: OpenStackContext, node: N, options: CreateImageOptions): Promise<string> {
  requireNonBlank(options.name, 'name', { method: 'exCreateImage', provider: ctx.settings.provider, what: 'image name' });
  const res = await ctx.compute.request<{ image_id?: string } | string>({
    method: 'POST',
    path: `${serverPath(ctx, node, 'exCreateImage')}/action`,
    json: { createImage: { name: options.name, ...(options.metadata !== undefined ? { metadata: { ...options.metadata } } : {}) } },
    signal: options.signal,
  });
  const body = res.body;
  if (typeof body === 'object' && body !== null && typeof body.image_id === 'string') return body.image_id;
  const location = res.headers.location;
  const id = (Array.isArray(location) ? location[0] : location)?.split('/').pop();
  if (id === undefined || id === '')
    throw new NotFoundError(`${ctx.settings.provider}: createImage answered without an image id`, { provider: ctx.settings.provider });
  return id;
}
